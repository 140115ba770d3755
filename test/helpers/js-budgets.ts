/**
 * The JavaScript a phone downloads when it opens a page (gzip, KiB), per kind of page: read by the
 * page-weight e2e test and printed by the Lighthouse bench. Next's runtime and React are about 130 KiB
 * on every page; the rest is the page's own client code, and chart.js with its zoom plugin (about
 * 70 KiB) only where a chart is on screen. Each budget is what the build reached plus a few KiB.
 */
export const JS_BUDGET_KIB = {
  "apex home": 145,
  article: 142,
  "station home": 150,
  "charts, 7 days": 216,
  "day page": 146,
  "month page": 146,
} as const;

export type BudgetedPage = keyof typeof JS_BUDGET_KIB;

import { formatNumber } from "../format";
import { formatParis } from "../time";

/** French labels for climatology periods and values (pages, reports, summaries). */

/** Time of an extreme in Paris time, "14:35", or "" when unknown. */
export function timeLabel(at: number | null | undefined): string {
  return at == null ? "" : formatParis(at, { timeStyle: "short" });
}

/** Signed anomaly, "+1,2" / "−0,4" (a real minus sign), or "—". */
export function signed(value: number | null | undefined, decimals = 1): string {
  if (value == null) return "—";
  const text = formatNumber(Math.abs(value), decimals);
  if (text === formatNumber(0, decimals)) return text;
  return `${value > 0 ? "+" : "−"}${text}`;
}

/**
 * The rain total of a period, or the sum of its days present marked incomplete (by default "≥ 12,4*",
 * the pages explain the star), or "—".
 */
export function rrTotalLabel(
  rr: { total: number | null; sum: number | null },
  incomplete = (sum: string) => `≥ ${sum}*`,
): string {
  if (rr.total !== null) return formatNumber(rr.total);
  return rr.sum !== null ? incomplete(formatNumber(rr.sum)) : "—";
}

/** Coverage (or any ratio) as a percentage, "97 %". */
export function percent(value: number | null | undefined): string {
  return value == null ? "—" : `${formatNumber(value * 100, 0)}\u202f%`;
}

import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen, in a scroller a keyboard can reach (Safari does not make
 * scrollers focusable on its own: without it, the arrow keys could not bring the last columns into
 * view) and that a screen reader names, as a region, by `label` or by the element whose id is `labelledBy`.
 */
export function TableScroll({
  children,
  ...name
}: { children: ReactNode } & ({ label: string } | { labelledBy: string })) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> would be one of the page's blocks laid out lazily (.lazy-layout), its placeholder's height shifting the page when the table is on the first screen
    <div
      className="table-scroll"
      role="region"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroller must be reachable to be scrolled by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-label={"label" in name ? name.label : undefined}
      aria-labelledby={"labelledBy" in name ? name.labelledBy : undefined}
    >
      {children}
    </div>
  );
}

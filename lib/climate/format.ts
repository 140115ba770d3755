import { formatNumber } from "../format/numbers";
import { formatParis } from "../time";

/** French labels for climatology periods and values (pages, reports, summaries). */

/** Time of an extreme in Paris time, "14:35", or "" when unknown. */
export function timeLabel(at: number | null | undefined): string {
  return at == null ? "" : formatParis(at, { timeStyle: "short" });
}

/** Signed anomaly, "+1,2" / "−0,4" (formatNumber's minus sign), or "—". */
export function signed(value: number | null | undefined, decimals = 1): string {
  const text = formatNumber(value, decimals);
  return value != null && value > 0 && text !== formatNumber(0, decimals) ? `+${text}` : text;
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

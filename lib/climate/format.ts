import { formatNumber } from "../format";
import { formatParis } from "../time";

/** French labels for climatology periods and values (pages, reports, summaries). */

const monthFormatter = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
const monthNameFormatter = new Intl.DateTimeFormat("fr-FR", { month: "long", timeZone: "UTC" });
const shortMonthFormatter = new Intl.DateTimeFormat("fr-FR", { month: "short", timeZone: "UTC" });
const dayFormatter = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const weekdayFormatter = new Intl.DateTimeFormat("fr-FR", {
  weekday: "short",
  day: "numeric",
  timeZone: "UTC",
});

const utcDate = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

/** "mars 2026" */
export function monthLabel(month: string): string {
  return monthFormatter.format(utcDate(month));
}

/** "mars" (month number 1–12) */
export function monthName(month: number): string {
  return monthNameFormatter.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** "mars" abbreviated: "mars", "janv." */
export function shortMonthName(month: number): string {
  return shortMonthFormatter.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** "3 mars 2026" */
export function dateLabel(date: string): string {
  return dayFormatter.format(utcDate(date));
}

/** "mar. 3" */
export function weekdayLabel(date: string): string {
  return weekdayFormatter.format(utcDate(date));
}

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

/** "YYYY-MM" of the month before `month`. */
export function previousMonth(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
}

export function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** A valid "YYYY-MM" (year 1900–2999), or null. */
export function parseMonth(value: string): string | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= 1900 && year < 3000 && month >= 1 && month <= 12 ? value : null;
}

/** A valid year (1900–2999), or null. */
export function parseYear(value: string): number | null {
  return /^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) < 3000 ? Number(value) : null;
}

/** A valid calendar date "YYYY-MM-DD", or null. */
export function parseDate(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

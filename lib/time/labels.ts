import { PARIS } from "./zone";

/**
 * French labels of instants, days, months and durations, as visitors read them (pure, client-safe).
 * Month and weekday names all come from Intl's fr-FR, so that there is one spelling of each.
 */

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** French date/time in Europe/Paris, e.g. "25/11/2026 14:35". */
export function formatParis(
  t: number,
  options: Intl.DateTimeFormatOptions = { dateStyle: "short", timeStyle: "short" },
) {
  const key = JSON.stringify(options);
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, ...options });
    displayFormatters.set(key, formatter);
  }
  return formatter.format(new Date(t * 1000));
}

/** French duration such as "3 min", "2 h 05", "4 j 3 h". */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")}`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

// Calendar days and months are labelled as they are written, whatever the zone: formatted at UTC.
const calendarFormatter = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("fr-FR", { ...options, timeZone: "UTC" });
const monthFormatter = calendarFormatter({ month: "long", year: "numeric" });
const monthNameFormatter = calendarFormatter({ month: "long" });
const shortMonthFormatter = calendarFormatter({ month: "short" });
const dateFormatter = calendarFormatter({ day: "numeric", month: "long", year: "numeric" });
const weekdayFormatter = calendarFormatter({ weekday: "short", day: "numeric" });
const fullDayFormatter = calendarFormatter({
  weekday: "short",
  day: "numeric",
  month: "long",
  year: "numeric",
});

const utcDate = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
const monthDate = (month: number) => new Date(Date.UTC(2000, month - 1, 1));

/** "2026-03" → "mars 2026" */
export function monthLabel(month: string): string {
  return monthFormatter.format(utcDate(month));
}

/** "mars" (month number 1–12) */
export function monthName(month: number): string {
  return monthNameFormatter.format(monthDate(month));
}

/** Abbreviated: "mars", "janv." */
export function shortMonthName(month: number): string {
  return shortMonthFormatter.format(monthDate(month));
}

/** "2026-03-03" → "3 mars 2026" */
export function dateLabel(date: string): string {
  return dateFormatter.format(utcDate(date));
}

/** "2026-03-03" → "mar. 3" */
export function weekdayLabel(date: string): string {
  return weekdayFormatter.format(utcDate(date));
}

/** "2026-07-14" → "mar. 14 juillet 2026" */
export function dayLabel(date: string): string {
  return fullDayFormatter.format(utcDate(date));
}

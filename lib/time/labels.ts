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
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar day ("YYYY-MM-DD", or a month "YYYY-MM") in French, e.g. { dateStyle: "full" } → "mardi 14 juillet 2026". */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions): string {
  const key = JSON.stringify(options);
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("fr-FR", { ...options, timeZone: "UTC" });
    dayFormatters.set(key, formatter);
  }
  return formatter.format(new Date(`${day.length === 7 ? `${day}-01` : day}T00:00:00Z`));
}

const monthDay = (month: number) => `2000-${String(month).padStart(2, "0")}`;

/** "2026-03" → "mars 2026" */
export const monthLabel = (month: string) => formatDay(month, { month: "long", year: "numeric" });

/** "mars" (month number 1–12) */
export const monthName = (month: number) => formatDay(monthDay(month), { month: "long" });

/** Abbreviated: "mars", "janv." */
export const shortMonthName = (month: number) => formatDay(monthDay(month), { month: "short" });

/** "2026-03-03" → "3 mars 2026" */
export const dateLabel = (day: string) => formatDay(day, { day: "numeric", month: "long", year: "numeric" });

/** "2026-03-03" → "mar. 3" */
export const weekdayLabel = (day: string) => formatDay(day, { weekday: "short", day: "numeric" });

/** "2026-07-14" → "mar. 14 juillet 2026" */
export const dayLabel = (day: string) =>
  formatDay(day, { weekday: "short", day: "numeric", month: "long", year: "numeric" });

/**
 * Calendar days as "YYYY-MM-DD" strings, as they appear in URLs, forms and DATE columns: validation and
 * arithmetic, with no time zone involved (pure, client-safe). The local day of an instant is in
 * ./local-days.ts.
 */

const DAY = 86400;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day from 1900 on: "2024-02-29" is, "2023-02-29", "2024-13-45" and "1850-01-01" are not. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value) || Number(value.slice(0, 4)) < 1900) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && utcDay(t / 1000) === value;
}

/** Unix seconds of the day's 00:00 UTC. */
export function utcMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** Unix seconds of the day's 12:00 UTC: where charts draw a day's values. */
export function utcNoon(day: string): number {
  return utcMidnight(day) + DAY / 2;
}

/** "YYYY-MM-DD" of the UTC day containing unix time `t`. */
export function utcDay(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/** The calendar day `n` days after (negative: before) `day`. */
export function addDays(day: string, n: number): string {
  return utcDay(utcMidnight(day) + n * DAY);
}

/** Days from `from` to `to`, both included (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY) + 1;
}

/** The Date a DATE column holds for `day` (its 00:00 UTC), and back. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const dateToDay = (date: Date) => date.toISOString().slice(0, 10);

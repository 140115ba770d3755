import { utcDateString } from "./time";

/** Calendar days as "YYYY-MM-DD" strings, as they appear in URLs and forms (pure, client-safe). */

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day: "2024-02-29" is, "2023-02-29" and "2024-13-45" are not. */
export function isCalendarDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && utcDateString(t / 1000) === day;
}

/** The calendar day `n` days after `day`. */
export function shiftDay(day: string, n: number): string {
  return utcDateString(Date.parse(`${day}T00:00:00Z`) / 1000 + n * 86400);
}

/** Days from `from` to `to`, both included (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1;
}

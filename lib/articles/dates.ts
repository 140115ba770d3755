import { localToUtc, zonedParts } from "../time";

/** The editor's date fields are Paris wall-clock times (<input type="datetime-local">). */

/** "2026-11-26T14:30" (Paris) → Date, or null when malformed. */
export function parseParisInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [y, m, d, h, min] = match.slice(1).map(Number);
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || min > 59) return null;
  return new Date(localToUtc(y, m, d, h, min) * 1000);
}

/** Date → "2026-11-26T14:30" in Paris time (the value of a datetime-local input). */
export function toParisInput(date: Date): string {
  const p = zonedParts(date.getTime() / 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** Time zone helpers. Storage and computations are UTC; visitors see Europe/Paris. */

export const PARIS = "Europe/Paris";

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of unix time `t` (seconds) in `timeZone`. */
export function zonedParts(t: number, timeZone = PARIS) {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(t * 1000))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of `timeZone` from UTC at unix time `t`, in seconds (3600 or 7200 for Paris). */
export function zoneOffset(t: number, timeZone = PARIS): number {
  const p = zonedParts(t, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - Math.floor(t);
}

/** Unix seconds of local midnight starting the local day that contains `t`. */
export function startOfLocalDay(t: number, timeZone = PARIS): number {
  const p = zonedParts(t, timeZone);
  return localToUtc(p.year, p.month, p.day, 0, 0, timeZone);
}

/** Unix seconds of a local wall-clock time (for a time skipped by DST, the instant just after). */
export function localToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone = PARIS,
) {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute) / 1000;
  const firstGuess = asUtc - zoneOffset(asUtc, timeZone);
  return asUtc - zoneOffset(firstGuess, timeZone);
}

/** "YYYY-MM-DD" of a UTC day. */
export function utcDateString(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

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

/** The calendar date of a "YYYY-MM-DD" string, or null unless it is a real date (no 2024-02-30). */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** "YYYY-MM-DD" of the calendar day `days` after (or before) the given one. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

import { utcDay } from "./days";
import { localToUtc, PARIS, zonedParts, zoneOffset } from "./zone";

/**
 * Local calendar days of instants: a station's days are the days of its time zone (Europe/Paris unless
 * configured otherwise), and a local day is the interval (start, end] between two local midnights.
 */

// Within a UTC hour whose offset is a whole number of hours and the same at both ends (zones switch on a
// whole UTC hour), every instant falls on the same local day: computed once per hour (imports ask for
// millions).
const hourDays = new Map<string, Map<number, string>>();

/** "YYYY-MM-DD" of the local day containing unix time `t` (seconds). */
export function localDay(t: number, timeZone = PARIS): string {
  const hour = Math.floor(t / 3600) * 3600;
  let days = hourDays.get(timeZone);
  if (!days) {
    days = new Map();
    hourDays.set(timeZone, days);
  }
  let day = days.get(hour);
  if (day === undefined) {
    const offset = zoneOffset(hour, timeZone);
    if (offset % 3600 !== 0 || offset !== zoneOffset(hour + 3599, timeZone)) {
      return utcDay(t + zoneOffset(t, timeZone));
    }
    if (days.size > 100_000) days.clear();
    day = utcDay(hour + offset);
    days.set(hour, day);
  }
  return day;
}

/** "YYYY-MM-DD" of the local day holding a record stamped `t` (a record at midnight closes the day before). */
export function localDayOfRecord(t: number, timeZone = PARIS): string {
  return localDay(t - 1, timeZone);
}

/** Today's local day in `timeZone` (the day that `now` closes, like a record's). */
export function localToday(timeZone = PARIS, now = Math.floor(Date.now() / 1000)): string {
  return localDayOfRecord(now, timeZone);
}

const dayBounds = new Map<string, { start: number; end: number }>();

/** UTC bounds (unix seconds) of a local day: (start, end]. Memoised: charts ask for hundreds of days. */
export function localDayBounds(day: string, timeZone: string): { start: number; end: number } {
  const key = `${timeZone} ${day}`;
  const known = dayBounds.get(key);
  if (known) return known;
  const [year, month, date] = day.split("-").map(Number);
  const start = localToUtc(year, month, date, 0, 0, timeZone);
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  const end = localToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
  if (dayBounds.size > 50_000) dayBounds.clear(); // a few MB at most
  const bounds = Object.freeze({ start, end });
  dayBounds.set(key, bounds);
  return bounds;
}

/** Unix seconds of local midnight on the 1st of the month of the record stamped `t`. */
export function localMonthStart(t: number, timeZone: string): number {
  const { year, month } = zonedParts(t - 1, timeZone);
  return localToUtc(year, month, 1, 0, 0, timeZone);
}

/** Unix seconds of local midnight on 1 January of the year of the record stamped `t`. */
export function localYearStart(t: number, timeZone: string): number {
  return localToUtc(zonedParts(t - 1, timeZone).year, 1, 1, 0, 0, timeZone);
}

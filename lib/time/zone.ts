/** Time zones: wall-clock fields of an instant, and the instant of a wall-clock time (pure). */

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

/** Unix seconds of local midnight starting the local day that contains `t`. */
export function startOfLocalDay(t: number, timeZone = PARIS): number {
  const p = zonedParts(t, timeZone);
  return localToUtc(p.year, p.month, p.day, 0, 0, timeZone);
}

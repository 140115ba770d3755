import { formatValue } from "../format";
import { formatDuration, monthsBetween } from "../time";
import { cardinal } from "../weather/wind";
import { distanceKm, type LatLon } from "./geo";

/** How strikes are shown to visitors (pure, shared by the pages, the map and the e-mails). */

/** Periods of the map, in the order of its tabs. */
export const PERIODS = {
  "1h": { seconds: 3600, label: "1 h", title: "la dernière heure" },
  "3h": { seconds: 3 * 3600, label: "3 h", title: "les 3 dernières heures" },
  "24h": { seconds: 24 * 3600, label: "24 h", title: "les dernières 24 heures" },
} as const;
export type Period = keyof typeof PERIODS;

export function isPeriod(value: unknown): value is Period {
  return typeof value === "string" && Object.hasOwn(PERIODS, value);
}

/** Age classes of the map, newest first: colour and legend. */
export const AGE_CLASSES = [
  { maxSeconds: 10 * 60, color: "#ffffff", label: "moins de 10 min" },
  { maxSeconds: 30 * 60, color: "#ffe600", label: "10 à 30 min" },
  { maxSeconds: 3600, color: "#ff9900", label: "30 min à 1 h" },
  { maxSeconds: 3 * 3600, color: "#ff3300", label: "1 à 3 h" },
  { maxSeconds: 24 * 3600, color: "#8b0000", label: "3 à 24 h" },
] as const;

/** Index in AGE_CLASSES of a strike `ageSeconds` old (the oldest class beyond 24 h). */
export function ageClass(ageSeconds: number): number {
  const index = AGE_CLASSES.findIndex((c) => ageSeconds < c.maxSeconds);
  return index === -1 ? AGE_CLASSES.length - 1 : index;
}

/** "850 m", "3,4 km", "12 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return formatValue(Math.round(metres / 10) * 10, "m", 0);
  const km = metres / 1000;
  return formatValue(km, "km", km < 10 ? 1 : 0);
}

/** "12 km NE": where a strike is, seen from a station. */
export function strikePlace(metres: number, bearing: number): string {
  return `${formatDistance(metres)} ${cardinal(bearing)}`;
}

/** "il y a 3 min", "il y a 2 h 05"; "à l'instant" under a minute. */
export function formatAgo(seconds: number): string {
  return seconds < 60 ? "à l'instant" : `il y a ${formatDuration(seconds)}`;
}

/** The station nearest to a point, with the distance in metres, or null without stations. */
export function nearestStation<S extends LatLon>(point: LatLon, stations: readonly S[]) {
  let best: { station: S; metres: number } | null = null;
  for (const station of stations) {
    const metres = distanceKm(station, point) * 1000;
    if (!best || metres < best.metres) best = { station, metres };
  }
  return best;
}

/**
 * Monthly sums of daily counters for every month from `from` to `to` ("YYYY-MM"), newest first, months
 * without strikes included (as zeros).
 */
export function monthlyTotals<T extends { day: string }>(
  days: readonly T[],
  fields: readonly (keyof T)[],
  from: string,
  to: string,
): { month: string; totals: number[] }[] {
  const sums = new Map<string, number[]>();
  for (const day of days) {
    const month = day.day.slice(0, 7);
    let totals = sums.get(month);
    if (!totals) {
      totals = fields.map(() => 0);
      sums.set(month, totals);
    }
    for (const [i, field] of fields.entries()) totals[i] += Number(day[field]);
  }
  return monthsBetween(from, to)
    .reverse()
    .map((m) => ({ month: m, totals: sums.get(m) ?? fields.map(() => 0) }));
}

import { localDay } from "../time";
import { bearingDegrees, boxAround, distanceKm, inAlpesMaritimes, type LatLon } from "./geo";

/**
 * What the import derives from each new strike (pure): its distance and bearing to every station
 * within 100 km, and the per-day counters (Paris days) for the stations and the département.
 */

/** Distances are stored up to this radius; pages count within 10, 30 and 100 km. */
export const NEAR_KM = 100;

export interface StoredStrike extends LatLon {
  id: number;
  timeMs: number;
}

export interface StationPoint extends LatLon {
  stationId: number;
}

export interface DistanceRow {
  stationId: number;
  timeMs: number;
  strikeId: number;
  /** metres */
  distance: number;
  /** whole degrees from north, station to strike */
  bearing: number;
}

export interface StationDayCount {
  stationId: number;
  /** YYYY-MM-DD, Paris */
  day: string;
  within10km: number;
  within30km: number;
  within100km: number;
}

export interface DayCount {
  day: string;
  strikes: number;
  departement: number;
}

export interface Derived {
  distances: DistanceRow[];
  stationDays: StationDayCount[];
  days: DayCount[];
}

/** Distance (m) and bearing from a station to a strike, or null beyond NEAR_KM. */
export function stationDistance(
  station: LatLon,
  strike: LatLon,
): { distance: number; bearing: number } | null {
  const km = distanceKm(station, strike);
  if (km > NEAR_KM) return null;
  return { distance: Math.round(km * 1000), bearing: Math.round(bearingDegrees(station, strike)) % 360 };
}

/**
 * Derived rows for `strikes` (already stored, with their ids). `withDays` also counts them per day for
 * the whole area and the département (false when only some stations are being recomputed).
 */
export function derive(
  strikes: readonly StoredStrike[],
  stations: readonly StationPoint[],
  { withDays }: { withDays: boolean },
): Derived {
  const boxes = stations.map((station) => ({ station, box: boxAround(station, NEAR_KM) }));
  const distances: DistanceRow[] = [];
  const stationDays = new Map<string, StationDayCount>();
  const days = new Map<string, DayCount>();
  for (const strike of strikes) {
    const day = localDay(strike.timeMs / 1000);
    if (withDays) {
      let count = days.get(day);
      if (!count) {
        count = { day, strikes: 0, departement: 0 };
        days.set(day, count);
      }
      count.strikes++;
      if (inAlpesMaritimes(strike)) count.departement++;
    }
    for (const { station, box } of boxes) {
      if (
        strike.latitude < box.south ||
        strike.latitude > box.north ||
        strike.longitude < box.west ||
        strike.longitude > box.east
      ) {
        continue;
      }
      const near = stationDistance(station, strike);
      if (!near) continue;
      distances.push({ stationId: station.stationId, timeMs: strike.timeMs, strikeId: strike.id, ...near });
      const key = `${station.stationId} ${day}`;
      let count = stationDays.get(key);
      if (!count) {
        count = { stationId: station.stationId, day, within10km: 0, within30km: 0, within100km: 0 };
        stationDays.set(key, count);
      }
      count.within100km++;
      if (near.distance <= 30_000) count.within30km++;
      if (near.distance <= 10_000) count.within10km++;
    }
  }
  return { distances, stationDays: [...stationDays.values()], days: [...days.values()] };
}

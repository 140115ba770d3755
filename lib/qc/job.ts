import { ArchiveError, type ArchiveReader, archives, type Observation } from "../archive/reader";
import { db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import { distanceKm } from "../lightning/geo";
import { checkRecords, type Neighbour, type QcContext } from "./checks";
import {
  CLIMATE_HISTORY_DAYS,
  DEPARTEMENT_TEMPERATURE,
  LAPSE_RATE,
  NEIGHBOUR_RADIUS_KM,
  QC_FIELDS,
  type TunableCheck,
} from "./limits";
import { replaceFlags } from "./store";

/**
 * Runs the checks of lib/qc/checks.ts over a period of a station's archive and stores the flags: called
 * by the aggregates job for the hours it is about to aggregate (so erroneous values never reach the
 * aggregates), and by `meteo qc recompute`. Reads a few days before the period (persistence, steps) and
 * the neighbours' records over it (spatial checks).
 */

const DAY = 86400;
/** Records read before the period: the longest persistence the checks look for. */
const CONTEXT = 3 * DAY;
/** Neighbours' records read before the period (a calm run's gusts elsewhere). */
const NEIGHBOUR_CONTEXT = 3 * 3600;
const CHUNK = 31 * DAY;
const NEIGHBOUR_FIELDS = ["outTemp", "barometer", "windGust", "rain"];

export interface QcDeps {
  prisma?: PrismaClient;
  reader?: ArchiveReader;
  /** unix seconds (default: now) */
  now?: number;
}

export interface QcResult {
  /** hours whose erroneous values changed: their aggregates must be recomputed */
  changedHours: Set<number>;
  /** flags written */
  written: number;
}

/**
 * Lowest and highest temperature plausible per month: the station's own daily extremes once it has a
 * year of aggregates (months with at least 28 days of them), the département's defaults otherwise.
 */
export async function temperatureLimits(
  prisma: PrismaClient,
  station: Pick<Station, "id" | "altitude">,
): Promise<[number, number][]> {
  const rows = await prisma.$queryRaw<
    { month: number; low: number | null; high: number | null; days: bigint }[]
  >`
    SELECT MONTH(day) AS month, MIN(outTempMin) AS low, MAX(outTempMax) AS high, COUNT(*) AS days
    FROM DailyAggregate WHERE stationId = ${station.id} AND outTempMin IS NOT NULL GROUP BY MONTH(day)`;
  const total = rows.reduce((sum, row) => sum + Number(row.days), 0);
  const shift = (LAPSE_RATE * station.altitude) / 1000;
  return DEPARTEMENT_TEMPERATURE.map(([low, high], index) => {
    const own = rows.find((row) => Number(row.month) === index + 1);
    if (total >= CLIMATE_HISTORY_DAYS && own && Number(own.days) >= 28 && own.low != null && own.high != null)
      return [Number(own.low), Number(own.high)];
    return [low - shift, high - shift];
  });
}

/** The station's fixed context: place, limits, tolerances, and the active stations near it. */
async function contextOf(prisma: PrismaClient, station: Station, now: number) {
  const [limits, tolerances, stations] = await Promise.all([
    temperatureLimits(prisma, station),
    prisma.qcTolerance.findMany({ where: { stationId: station.id } }),
    prisma.station.findMany({ where: { active: true, id: { not: station.id } } }),
  ]);
  const base: Omit<QcContext, "neighbours"> = {
    now,
    latitude: station.latitude,
    longitude: station.longitude,
    altitude: station.altitude,
    temperatureLimits: limits,
    tolerance: Object.fromEntries(tolerances.map((t) => [t.check, t.factor])) as Partial<
      Record<TunableCheck, number>
    >,
  };
  const near = stations.filter((other) => distanceKm(station, other) <= NEIGHBOUR_RADIUS_KM);
  return { base, near };
}

/** The neighbours' records of (from, to]; a neighbour whose archive cannot be read is left out. */
async function neighbourRecords(reader: ArchiveReader, near: Station[], from: number, to: number) {
  const result: Neighbour[] = [];
  for (const station of near) {
    try {
      const records: Observation[] = await reader.range(station.archiveDatabase, from, to, NEIGHBOUR_FIELDS);
      result.push({ altitude: station.altitude, records });
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
    }
  }
  return result;
}

/** Checks the records of (from, to] and stores their flags (a month at a time). */
export async function checkPeriod(
  station: Station,
  from: number,
  to: number,
  deps: QcDeps = {},
): Promise<QcResult> {
  const prisma = deps.prisma ?? db();
  const reader = deps.reader ?? archives();
  const { base, near } = await contextOf(prisma, station, deps.now ?? Math.floor(Date.now() / 1000));
  const changedHours = new Set<number>();
  let written = 0;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    const [records, neighbours] = await Promise.all([
      reader.range(station.archiveDatabase, start - CONTEXT, end, QC_FIELDS),
      neighbourRecords(reader, near, start - NEIGHBOUR_CONTEXT, end),
    ]);
    if (records.length === 0) continue;
    // Verdicts before the period are kept only for runs reaching into it (a value stuck since then).
    const verdicts = checkRecords(records, { ...base, neighbours }).filter(
      (v) => v.dateTime > start || v.check === "persistence",
    );
    const result = await replaceFlags(prisma, station.id, start, end, verdicts);
    for (const hour of result.changedHours) changedHours.add(hour);
    written += result.written;
  }
  return { changedHours, written };
}

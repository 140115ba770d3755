import { ArchiveError, type ArchiveReader, archives, type Observation } from "../archive/reader";
import { db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import { distanceKm } from "../lightning/geo";
import { checkRecords, firstAfter, type Neighbour, type QcContext } from "./checks";
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

export interface QcDeps {
  prisma?: PrismaClient;
  reader?: ArchiveReader;
  /** unix seconds (default: now) */
  now?: number;
  /** reads shared by the stations of one job run (default: read for this station alone) */
  shared?: SharedReads;
}

/**
 * What one job run reads once for all its stations. Archive records: a station's serve its own checks
 * and, as a neighbour, the spatial checks of the stations around it, so that a run over n stations
 * reads each archive once instead of once per pair; each archive's records are kept as one window
 * (from, to], widened by reading only what is missing. And the list of active stations.
 */
export class SharedReads {
  private readonly windows = new Map<string, Promise<RecordWindow>>();
  private stations: Promise<Station[]> | null = null;

  constructor(private readonly reader: ArchiveReader) {}

  /** The active stations (the neighbours to look for). */
  activeStations(prisma: PrismaClient): Promise<Station[]> {
    this.stations ??= prisma.station.findMany({ where: { active: true } });
    return this.stations;
  }

  /** The records of (from, to] of `database` (QC_FIELDS), oldest first. */
  async range(database: string, from: number, to: number): Promise<Observation[]> {
    let window = this.windows.get(database);
    const known = window ? await window.catch(() => null) : null;
    if (!window || !known || known.from > from || known.to < to) {
      window = this.widen(database, known, from, to);
      this.windows.set(database, window);
    }
    const { records } = await window;
    return records.slice(firstAfter(records, from), firstAfter(records, to));
  }

  private async widen(database: string, known: RecordWindow | null, from: number, to: number) {
    if (!known || known.from > from) {
      const end = Math.max(to, known?.to ?? to);
      return { from, to: end, records: await this.reader.range(database, from, end, QC_FIELDS) };
    }
    const newer = await this.reader.range(database, known.to, to, QC_FIELDS);
    return { from: known.from, to, records: [...known.records, ...newer] };
  }
}

interface RecordWindow {
  from: number;
  to: number;
  records: Observation[];
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
async function contextOf(prisma: PrismaClient, station: Station, now: number, shared: SharedReads) {
  const [limits, tolerances, active] = await Promise.all([
    temperatureLimits(prisma, station),
    prisma.qcTolerance.findMany({ where: { stationId: station.id } }),
    shared.activeStations(prisma),
  ]);
  const stations = active.filter((other) => other.id !== station.id);
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

/**
 * The neighbours' records of (from, to]; a neighbour whose archive cannot be read is left out. They are
 * read over the same window as the station's own records (`readFrom`), so that the neighbour's own checks
 * in the same job run find them already read.
 */
async function neighbourRecords(
  records: SharedReads,
  near: Station[],
  readFrom: number,
  from: number,
  to: number,
) {
  const read = await Promise.all(
    near.map(async (station): Promise<Neighbour | null> => {
      try {
        const all = await records.range(station.archiveDatabase, readFrom, to);
        return { altitude: station.altitude, records: all.slice(firstAfter(all, from)) };
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        return null;
      }
    }),
  );
  return read.filter((neighbour): neighbour is Neighbour => neighbour !== null);
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
  const { base, near } = await contextOf(
    prisma,
    station,
    deps.now ?? Math.floor(Date.now() / 1000),
    deps.shared ?? new SharedReads(reader),
  );
  const changedHours = new Set<number>();
  let written = 0;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    // Outside a job run (a recompute), a month's records are dropped once checked, and the neighbours'
    // read over the spatial checks' window only.
    const shared = deps.shared ?? new SharedReads(reader);
    const neighbourFrom = deps.shared ? start - CONTEXT : start - NEIGHBOUR_CONTEXT;
    const [records, neighbours] = await Promise.all([
      shared.range(station.archiveDatabase, start - CONTEXT, end),
      neighbourRecords(shared, near, neighbourFrom, start - NEIGHBOUR_CONTEXT, end),
    ]);
    if (records.length === 0) continue;
    // Verdicts before the period are kept only for runs reaching into it (a value stuck since then).
    const verdicts = checkRecords(records, { ...base, neighbours }, start).filter(
      (v) => v.dateTime > start || v.check === "persistence",
    );
    const result = await replaceFlags(prisma, station.id, start, end, verdicts);
    for (const hour of result.changedHours) changedHours.add(hour);
    written += result.written;
  }
  return { changedHours, written };
}

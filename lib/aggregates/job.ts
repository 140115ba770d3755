import type { Pool } from "mysql2/promise";
import { ArchiveError, type ArchiveReader, archives, type Observation } from "../archive/reader";
import { inPool } from "../async";
import { appSqlPool, db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import { runJob } from "../ops/jobs";
import { updateSensorStates } from "../qc/alerts";
import { checkPeriod, SharedReads } from "../qc/job";
import { flagInvalidations } from "../qc/store";
import { addDays, localDay, localDayBounds } from "../time";
import {
  AGGREGATED_FIELDS,
  type AggregatePart,
  aggregateRecords,
  applyInvalidations,
  hourStart,
  INVALIDATED_FIELDS,
  type Invalidation,
  mergeAggregates,
} from "./compute";
import {
  type DayRow,
  deleteOutside,
  type HourRow,
  readHourCounts,
  readHours,
  replaceDays,
  replaceHours,
} from "./store";

/**
 * Keeps HourlyAggregate / DailyAggregate in step with a station's archive.
 * - New rows: every hour from the last one read up to the newest record is recomputed.
 * - Late rows (replication catching up after an outage, a backfill from the console's logger): the
 *   number of records per hour in the archive is compared with the aggregates over a look-back window,
 *   and every hour whose count differs is recomputed, with the local days that contain it.
 */

const HOUR = 3600;
const READ_CHUNK = 31 * 86400; // raw rows are read a month at a time
const UPDATE_CONCURRENCY = 2;

export interface AggregateOptions {
  prisma?: PrismaClient;
  /** mysql2 pool on the app database, for bulk writes */
  sql?: Pool;
  reader?: ArchiveReader;
  /** How far back to look for late rows (default 35 days). */
  lookbackDays?: number;
  /** Reference time of the quality control, unix seconds (default: now). */
  now?: number;
  /** What the quality control of the stations of one job run reads once for all of them. */
  qcShared?: SharedReads;
}

/** The options' clients, or the app's. */
function depsOf(options: AggregateOptions): Required<Pick<AggregateOptions, "prisma" | "sql" | "reader">> {
  return {
    prisma: options.prisma ?? db(),
    sql: options.sql ?? appSqlPool(),
    reader: options.reader ?? archives(),
  };
}

export interface AggregateResult {
  station: string;
  hours: number;
  days: number;
  /** unix seconds of the newest record aggregated, null for an empty archive */
  lastDateTime: number | null;
  rebuilt: boolean;
}

/**
 * Invalidations of a station overlapping (from, to]: the ones a person entered and the erroneous values
 * the quality control flagged (lib/qc), which everything downstream leaves out the same way.
 */
export async function loadInvalidations(
  prisma: PrismaClient,
  stationId: number,
  from: number,
  to: number,
): Promise<Invalidation[]> {
  const [rows, flagged] = await Promise.all([
    prisma.sensorInvalidation.findMany({
      where: { stationId, from: { lt: new Date(to * 1000) }, to: { gt: new Date(from * 1000) } },
    }),
    flagInvalidations(prisma, stationId, from, to),
  ]);
  const manual = rows.map((row) => ({
    sensor: row.sensor,
    from: row.from.getTime() / 1000,
    to: row.to.getTime() / 1000,
  }));
  return [...manual, ...flagged];
}

/**
 * A station's archive records of (from, to] without the invalidated values (entered by a person or
 * flagged erroneous by the quality control): what leaves the platform (partner feeds) reads this.
 */
export async function validRecords(
  station: Pick<Station, "id" | "archiveDatabase">,
  from: number,
  to: number,
  fields: readonly string[],
  options: Pick<AggregateOptions, "prisma" | "reader"> = {},
): Promise<Observation[]> {
  const reader = options.reader ?? archives();
  const [records, invalidations] = await Promise.all([
    reader.range(station.archiveDatabase, from, to, fields),
    loadInvalidations(options.prisma ?? db(), station.id, from, to),
  ]);
  return applyInvalidations(records, invalidations);
}

/**
 * Totals of additive fields (rain) over (from, to] without the invalidated values, summed by the
 * archive server: the day and year totals the partner feeds send.
 */
export async function validSums(
  station: Pick<Station, "id" | "archiveDatabase">,
  from: number,
  to: number,
  fields: readonly string[],
  options: Pick<AggregateOptions, "prisma" | "reader"> = {},
): Promise<Record<string, number | null>> {
  const reader = options.reader ?? archives();
  const invalidations = await loadInvalidations(options.prisma ?? db(), station.id, from, to);
  const totals: Record<string, number | null> = {};
  for (const field of fields) {
    const excluding = invalidations.filter(
      (i) => i.sensor === "ALL" || INVALIDATED_FIELDS[i.sensor].includes(field),
    );
    Object.assign(totals, await reader.sums(station.archiveDatabase, from, to, [field], excluding));
  }
  return totals;
}

/** Groups sorted hour starts into runs of consecutive hours: [[first, last], …]. */
function runsOf(hours: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const hour of hours) {
    const last = runs.at(-1);
    if (last && hour === last[1] + HOUR) last[1] = hour;
    else runs.push([hour, hour]);
  }
  return runs;
}

/** Reads the raw rows of the hours in `runs` (chunked) and returns their hourly aggregates. */
async function aggregateHours(
  reader: ArchiveReader,
  database: string,
  runs: [number, number][],
  invalidations: Invalidation[],
): Promise<HourRow[]> {
  const result: HourRow[] = [];
  for (const [first, last] of runs) {
    for (let from = first; from <= last; from += READ_CHUNK) {
      const to = Math.min(from + READ_CHUNK, last + HOUR);
      const records = applyInvalidations(
        await reader.range(database, from, to, AGGREGATED_FIELDS),
        invalidations,
      );
      const byHour = new Map<number, Observation[]>();
      for (const record of records) {
        const start = hourStart(record.dateTime);
        const bucket = byHour.get(start);
        if (bucket) bucket.push(record);
        else byHour.set(start, [record]);
      }
      for (const [start, bucket] of byHour)
        result.push({ start, aggregate: aggregateRecords(bucket, start + HOUR) });
    }
  }
  return result.sort((a, b) => a.start - b.start);
}

/** Daily aggregates of `days`, merged from the hourly rows. */
function mergeDays(hours: readonly HourRow[], days: Iterable<string>, timeZone: string): DayRow[] {
  const byDay = new Map<string, AggregatePart[]>();
  for (const { start, aggregate } of hours) {
    const day = localDay(start, timeZone);
    const part = { end: start + HOUR, aggregate };
    const parts = byDay.get(day);
    if (parts) parts.push(part);
    else byDay.set(day, [part]);
  }
  return [...days].map((day) => ({
    day,
    aggregate: mergeAggregates(byDay.get(day) ?? [], localDayBounds(day, timeZone).end),
  }));
}

/** Recomputes the given hours and the local days containing them. */
export async function reaggregateHours(
  station: Station,
  hours: Iterable<number>,
  options: AggregateOptions = {},
) {
  const { prisma, sql, reader } = depsOf(options);
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  if (sorted.length === 0) return { hours: 0, days: 0 };
  const invalidations = await loadInvalidations(prisma, station.id, sorted[0], sorted.at(-1)! + HOUR);
  const rows = await aggregateHours(reader, station.archiveDatabase, runsOf(sorted), invalidations);
  await replaceHours(sql, station.id, sorted, rows);

  const days = new Set(sorted.map((start) => localDay(start, station.timezone)));
  const dayList = [...days].sort();
  const first = localDayBounds(dayList[0], station.timezone).start;
  const last = localDayBounds(dayList.at(-1)!, station.timezone).end;
  const dayHours = (await readHours(sql, station.id, first, last)).filter((h) =>
    days.has(localDay(h.start, station.timezone)),
  );
  await replaceDays(sql, station.id, dayList, mergeDays(dayHours, dayList, station.timezone));
  return { hours: sorted.length, days: dayList.length };
}

/** Recomputes every aggregate of a period (after an invalidation is added or removed, for instance). */
export function reaggregatePeriod(
  station: Station,
  from: number,
  to: number,
  options: AggregateOptions = {},
) {
  const hours: number[] = [];
  for (let start = hourStart(from + 1); start < to; start += HOUR) hours.push(start);
  return reaggregateHours(station, hours, options);
}

/**
 * Recomputes all aggregates of a station from its archive. Each month of hours (and the days it
 * completes) replaces the stored rows of that period in one transaction, so pages keep reading
 * consistent aggregates while a rebuild runs; rows outside the archive's span are removed at the end.
 */
export async function rebuildAggregates(
  station: Station,
  options: AggregateOptions = {},
): Promise<AggregateResult> {
  const { prisma, sql, reader } = depsOf(options);
  const database = station.archiveDatabase;
  const newest = await reader.newestDateTime(database);
  let hours = 0;
  let days = 0;
  if (newest === null) {
    await prisma.hourlyAggregate.deleteMany({ where: { stationId: station.id } });
    await prisma.dailyAggregate.deleteMany({ where: { stationId: station.id } });
  } else {
    const oldest = (await reader.oldestDateTime(database)) ?? newest;
    const invalidations = await loadInvalidations(prisma, station.id, 0, newest);
    const dayOf = (h: HourRow) => localDay(h.start, station.timezone);
    const writeDays = async (hourRows: HourRow[], complete: Set<string>) => {
      if (complete.size === 0) return;
      const sorted = [...complete].sort();
      const range = { from: sorted[0], to: addDays(sorted.at(-1)!, 1) };
      await replaceDays(sql, station.id, range, mergeDays(hourRows, sorted, station.timezone));
      days += complete.size;
    };
    // A month of hours at a time, so that memory stays flat whatever the archive's age.
    let pending: HourRow[] = [];
    const first = hourStart(oldest);
    const end = hourStart(newest) + HOUR;
    for (let from = first; from < end; from += READ_CHUNK) {
      const to = Math.min(from + READ_CHUNK, end);
      const rows = await aggregateHours(reader, database, [[from, to - HOUR]], invalidations);
      await replaceHours(sql, station.id, { from, to }, rows);
      hours += rows.length;
      pending.push(...rows);
      // Write the days that are complete in this chunk; keep the last (possibly partial) day's hours.
      const lastDay = pending.length ? dayOf(pending.at(-1)!) : null;
      await writeDays(pending, new Set(pending.map(dayOf).filter((d) => d !== lastDay)));
      pending = pending.filter((h) => dayOf(h) === lastDay);
    }
    await writeDays(pending, new Set(pending.map(dayOf)));
    await deleteOutside(
      sql,
      station.id,
      { from: first, to: end },
      { first: localDay(first, station.timezone), last: localDay(end - HOUR, station.timezone) },
    );
  }
  await prisma.aggregateState.upsert({
    where: { stationId: station.id },
    create: { stationId: station.id, lastDateTime: newest },
    update: { lastDateTime: newest },
  });
  return { station: station.slug, hours, days, lastDateTime: newest, rebuilt: true };
}

/**
 * Archive record counts per hour, not counting the records an "ALL" invalidation removes (they are
 * never aggregated, so counting them would flag their hours as changed on every run).
 */
async function countableRecords(
  reader: ArchiveReader,
  database: string,
  counts: Map<number, number>,
  invalidations: readonly Invalidation[],
): Promise<Map<number, number>> {
  const dropping = invalidations.filter((i) => i.sensor === "ALL");
  const affected = [...counts.keys()]
    .filter((start) => dropping.some((i) => i.from < start + HOUR && i.to > start))
    .sort((a, b) => a - b);
  const result = new Map(counts);
  for (const [first, last] of runsOf(affected)) {
    const kept = applyInvalidations(await reader.range(database, first, last + HOUR, []), dropping);
    for (let start = first; start <= last; start += HOUR) result.set(start, 0);
    for (const record of kept) {
      const start = hourStart(record.dateTime);
      result.set(start, (result.get(start) ?? 0) + 1);
    }
  }
  for (const [start, count] of result) if (count === 0) result.delete(start);
  return result;
}

/** Brings a station's aggregates up to date: new rows since the last run, and late rows. */
export async function updateAggregates(
  station: Station,
  options: AggregateOptions = {},
): Promise<AggregateResult> {
  const { prisma, sql, reader } = depsOf(options);
  const lookback = (options.lookbackDays ?? 35) * 86400;
  const state = await prisma.aggregateState.findUnique({ where: { stationId: station.id } });
  if (!state || state.lastDateTime === null)
    return rebuildAggregates(station, { ...options, prisma, sql, reader });

  const newest = await reader.newestDateTime(station.archiveDatabase);
  if (newest === null)
    return { station: station.slug, hours: 0, days: 0, lastDateTime: null, rebuilt: false };
  const dirty = new Set<number>();
  for (
    let start = hourStart(state.lastDateTime + 1);
    newest > state.lastDateTime && start <= hourStart(newest);
    start += HOUR
  ) {
    dirty.add(start);
  }
  // Late rows: hours whose record count in the archive differs from the count aggregated.
  const since = hourStart(Math.max(0, newest - lookback) + 1);
  const [counts, storedCounts, invalidations] = await Promise.all([
    reader.countsByBucket(station.archiveDatabase, since, newest, HOUR),
    readHourCounts(sql, station.id, since),
    loadInvalidations(prisma, station.id, since, newest),
  ]);
  const archiveCounts = await countableRecords(reader, station.archiveDatabase, counts, invalidations);
  for (const [start, count] of archiveCounts) if (storedCounts.get(start) !== count) dirty.add(start);
  for (const start of storedCounts.keys()) if (!archiveCounts.has(start)) dirty.add(start);

  // Quality control of the new and late records first, so that erroneous values never get aggregated;
  // hours whose flags changed (a run of stuck values reaching back) are aggregated again too.
  if (dirty.size > 0) {
    const checked = await checkPeriod(station, Math.min(...dirty), newest, {
      prisma,
      reader,
      now: options.now,
      shared: options.qcShared,
    });
    for (const hour of checked.changedHours) dirty.add(hour);
  }
  const { hours, days } = await reaggregateHours(station, dirty, { ...options, prisma, sql, reader });
  await prisma.aggregateState.updateMany({
    where: { stationId: station.id },
    data: { lastDateTime: Math.max(newest, state.lastDateTime) },
  });
  await updateSensorStates(station, newest, { prisma });
  return { station: station.slug, hours, days, lastDateTime: newest, rebuilt: false };
}

export interface StationsRun {
  results: AggregateResult[];
  /** Stations whose archive could not be read: "slug: reason". The others are still processed. */
  failures: string[];
}

/** update or rebuild for every active station (or one), recorded as a job run. */
export function aggregateStations(
  mode: "update" | "rebuild",
  stations: readonly Station[],
  options: AggregateOptions = {},
) {
  return runJob(`aggregates:${mode}`, async (): Promise<{ result: StationsRun; message: string }> => {
    const done = new Map<Station, AggregateResult>();
    const failed = new Map<Station, string>();
    // Each archive is read once for the quality control of every station of the run.
    const qcShared = options.qcShared ?? new SharedReads(options.reader ?? archives());
    // Two stations at a time: most of a station's update is waiting for the database.
    await inPool(stations, mode === "update" ? UPDATE_CONCURRENCY : 1, async (station) => {
      try {
        done.set(
          station,
          mode === "update"
            ? await updateAggregates(station, { ...options, qcShared })
            : await rebuildAggregates(station, options),
        );
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        failed.set(station, `${station.slug}: ${error.message}`);
      }
    });
    const results = stations.flatMap((station) => done.get(station) ?? []);
    const failures = stations.flatMap((station) => failed.get(station) ?? []);
    const message = [`${results.length} station(s)`, ...failures].join("; ");
    return { result: { results, failures }, message };
  });
}

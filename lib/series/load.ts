import type { Pool } from "mysql2/promise";
import { applyInvalidations, type Invalidation } from "../aggregates/compute";
import { loadInvalidations } from "../aggregates/job";
import { type HourRow, readDays, readHours } from "../aggregates/store";
import { type ArchiveReader, archives, type Observation } from "../archive/reader";
import { appSqlPool, db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import { flaggedTimes } from "../qc/store";
import { localDayBounds, localDayOfRecord } from "../time";
import {
  addQualityCounts,
  addRainTotals,
  type Bucket,
  bucketRecords,
  bucketRow,
  mergeBuckets,
  type RainReset,
  type RainTotalState,
  recordRow,
  type SeriesRow,
} from "./compute";
import { aggregateColumnsOf, archiveFieldsOf, type Column, columnsOf, type Field } from "./fields";
import { alignRange, type Bounds, bucketer, type Step } from "./steps";

/**
 * "A series at a step" for a station, read from the right source: raw records for the raw and 10-minute
 * steps, the hourly aggregates for 1 h and 3 h, the daily aggregates for 1 day. Used by the charts page,
 * the day page, the open-data API and the CSV exports. `seriesChunks` yields the rows a chunk at a time
 * (for streamed exports); `loadSeries` collects them.
 */

export type SeriesStation = Pick<Station, "id" | "archiveDatabase" | "timezone">;

export interface SeriesQuery {
  /** (from, to], unix seconds; aggregated steps widen it to whole buckets. */
  from: number;
  to: number;
  step: Step;
  fields: readonly Field[];
  /** Running rain total: over the whole series (default) or restarting at 06 UTC. */
  rainReset?: RainReset;
  /** Aggregated steps from the aggregates (default) or from the raw archive (for comparison). */
  source?: "aggregates" | "archive";
}

export interface Series {
  step: Step;
  /** The range covered, (from, to]. */
  from: number;
  to: number;
  fields: readonly Field[];
  columns: Column[];
  rows: SeriesRow[];
}

export interface SeriesDeps {
  reader: ArchiveReader;
  sql: Pool;
  prisma: PrismaClient;
}

const defaultDeps = (): SeriesDeps => ({ reader: archives(), sql: appSqlPool(), prisma: db() });

const DAY = 86400;
/** Raw records are read a month at a time (about 9,000 rows at 5 minutes), hours a quarter at a time. */
const RAW_CHUNK = 31 * DAY;
const HOUR_CHUNK = 92 * DAY;

/** Chunk boundaries of (start, end] in slices of about `size` seconds that end on bucket ends. */
function chunks(range: Bounds, size: number, bucketEnd: (t: number) => number): Bounds[] {
  const result: Bounds[] = [];
  for (let start = range.start; start < range.end; ) {
    const end = Math.min(range.end, bucketEnd(Math.min(start + size, range.end)));
    result.push({ start, end });
    start = end;
  }
  return result;
}

/** The columns and covered range of a query, without reading anything. */
export function describeSeries(station: SeriesStation, query: SeriesQuery): Omit<Series, "rows"> {
  const range = alignRange(query.from, query.to, query.step, station.timezone);
  return {
    step: query.step,
    from: range.start,
    to: range.end,
    fields: query.fields,
    columns: columnsOf(query.fields, query.step !== "raw"),
  };
}

async function rawRecords(
  deps: SeriesDeps,
  station: SeriesStation,
  range: Bounds,
  fields: readonly string[],
  invalidations: Invalidation[],
): Promise<Observation[]> {
  const records = await deps.reader.range(station.archiveDatabase, range.start, range.end, fields);
  return applyInvalidations(records, invalidations);
}

/**
 * The raw records of (from, to] for `fields`, without the data an administrator invalidated: for pages
 * that compute several series from the same records (seriesFromRecords) with one read.
 */
export async function loadRecords(
  station: SeriesStation,
  from: number,
  to: number,
  fields: readonly Field[],
  deps: SeriesDeps = defaultDeps(),
): Promise<Observation[]> {
  const invalidations = await loadInvalidations(deps.prisma, station.id, from, to);
  return rawRecords(deps, station, { start: from, end: to }, archiveFieldsOf(fields), invalidations);
}

/** The rows of a series, a chunk at a time (oldest first). */
export async function* seriesChunks(
  station: SeriesStation,
  query: SeriesQuery,
  deps: SeriesDeps = defaultDeps(),
): AsyncGenerator<SeriesRow[]> {
  const { step, fields } = query;
  const { from, to } = describeSeries(station, query);
  const range = { start: from, end: to };
  const rain: RainTotalState = { total: null, day: null };
  const flags =
    step === "raw" ? [] : await flaggedTimes(deps.prisma, station.id, from, to, archiveFieldsOf(fields));
  const complete = (rows: SeriesRow[]) => {
    if (fields.includes("rain")) addRainTotals(rows, query.rainReset ?? "none", rain);
    if (step !== "raw") addQualityCounts(rows, flags);
    return rows;
  };

  if (step === "raw" || step === "10m" || query.source === "archive") {
    const invalidations = await loadInvalidations(deps.prisma, station.id, from, to);
    const archiveFields = archiveFieldsOf(fields);
    const bucketEnd =
      step === "raw" ? (t: number) => t : (t: number) => bucketer(step, station.timezone)(t).end;
    for (const chunk of chunks(range, RAW_CHUNK, bucketEnd)) {
      const records = await rawRecords(deps, station, chunk, archiveFields, invalidations);
      yield complete(
        step === "raw"
          ? records.map((record) => recordRow(record, fields))
          : bucketRecords(records, step, station.timezone).map((bucket) => bucketRow(bucket, fields)),
      );
    }
    return;
  }

  const columns = aggregateColumnsOf(fields);
  if (step === "1d") {
    const days = await readDays(
      deps.sql,
      station.id,
      localDayOfRecord(from + 1, station.timezone),
      localDayOfRecord(to, station.timezone),
      columns,
    );
    yield complete(
      days.map(({ day, aggregate }) =>
        bucketRow({ ...localDayBounds(day, station.timezone), aggregate }, fields),
      ),
    );
    return;
  }

  // 1 h and 3 h: hourly rows whose hour starts in [from, to).
  for (const chunk of chunks(range, HOUR_CHUNK, (t) => bucketer(step, station.timezone)(t).end)) {
    const hours = await readHours(deps.sql, station.id, chunk.start, chunk.end, columns);
    const buckets = hours.map(hourBucket);
    yield complete(
      (step === "1h" ? buckets : mergeBuckets(buckets, step, station.timezone)).map((bucket) =>
        bucketRow(bucket, fields),
      ),
    );
  }
}

export const hourBucket = ({ start, aggregate }: HourRow): Bucket => ({
  start,
  end: start + 3600,
  aggregate,
});

/** A whole series in memory. */
export async function loadSeries(
  station: SeriesStation,
  query: SeriesQuery,
  deps: SeriesDeps = defaultDeps(),
): Promise<Series> {
  const rows: SeriesRow[] = [];
  for await (const chunk of seriesChunks(station, query, deps)) for (const row of chunk) rows.push(row);
  return { ...describeSeries(station, query), rows };
}

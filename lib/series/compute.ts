import {
  type Aggregate,
  type AggregatePart,
  aggregateRecords,
  type Measure,
  meanOf,
  meanWindDirection,
  meanWindSpeed,
  mergeAggregates,
  prefixOf,
} from "../aggregates/compute";
import type { Observation } from "../archive/reader";
import { rrWindowOf } from "../climate/daily";
import { columnsOf, FIELDS, type Field } from "./fields";
import { type AggregatedStep, type Bounds, bucketer } from "./steps";

/**
 * Series rows as pure functions: a row per record (raw step) or per bucket (aggregated steps), with the
 * columns of lib/series/fields. Times are unix seconds; `time` is the end of the record or bucket.
 */

export type SeriesRow = { time: number; start: number } & Record<string, number | null>;

export interface Bucket extends Bounds {
  aggregate: Aggregate;
}

/** How the running rain total restarts: never, or at 06 UTC (Météo-France's rain day). */
export type RainReset = "none" | "06utc";

const templates = new Map<string, SeriesRow>();

/**
 * A new row with every column of `fields` set to null. Rows are copies of a template made by JSON.parse,
 * which gives them a fixed shape in V8; filling ~40 computed keys into an empty object one by one would
 * leave it in slow dictionary mode (5× slower for a year of days).
 */
function newRow(fields: readonly Field[], aggregated: boolean): SeriesRow {
  const key = `${aggregated} ${fields.join(",")}`;
  let template = templates.get(key);
  if (!template) {
    const names = ["time", "start", ...(aggregated ? ["records", "coverage", ...QUALITY_COLUMNS] : [])];
    for (const column of columnsOf(fields, aggregated)) names.push(column.name);
    template = JSON.parse(JSON.stringify(Object.fromEntries(names.map((name) => [name, null]))));
    templates.set(key, template as SeriesRow);
  }
  return { ...(template as SeriesRow) };
}

/** A row per record. A gust without its own direction takes the wind's (as the aggregates do). */
export function recordRow(record: Observation, fields: readonly Field[]): SeriesRow {
  const row = newRow(fields, false);
  row.time = record.dateTime;
  row.start = record.dateTime - record.interval * 60;
  for (const field of fields) {
    row[field] = record[field] ?? null;
    if (field === "windGust") row.windGustDir = record.windGustDir ?? record.windDir ?? null;
  }
  return row;
}

/** Groups records (oldest first) into buckets of `step` and aggregates each. */
export function bucketRecords(
  records: readonly Observation[],
  step: AggregatedStep,
  timeZone: string,
): Bucket[] {
  const bucketOf = bucketer(step, timeZone);
  const buckets: Bucket[] = [];
  let current: Bounds | null = null;
  let pending: Observation[] = [];
  const flush = () => {
    if (current && pending.length)
      buckets.push({ ...current, aggregate: aggregateRecords(pending, current.end) });
    pending = [];
  };
  for (const record of records) {
    const bounds = bucketOf(record.dateTime);
    if (!current || bounds.end !== current.end) {
      flush();
      current = { start: bounds.start, end: bounds.end };
    }
    pending.push(record);
  }
  flush();
  return buckets;
}

/** Merges finer buckets (hours, oldest first) into buckets of `step`. */
export function mergeBuckets(parts: readonly Bucket[], step: AggregatedStep, timeZone: string): Bucket[] {
  const bucketOf = bucketer(step, timeZone);
  const buckets: Bucket[] = [];
  let current: Bounds | null = null;
  let pending: AggregatePart[] = [];
  const flush = () => {
    if (current && pending.length)
      buckets.push({ ...current, aggregate: mergeAggregates(pending, current.end) });
    pending = [];
  };
  for (const part of parts) {
    const bounds = bucketOf(part.end);
    if (!current || bounds.end !== current.end) {
      flush();
      current = { start: bounds.start, end: bounds.end };
    }
    pending.push({ end: part.end, aggregate: part.aggregate });
  }
  flush();
  return buckets;
}

/** A row per bucket: statistics of each field, the record count and the coverage (0–1). */
export function bucketRow(bucket: Bucket, fields: readonly Field[]): SeriesRow {
  const { aggregate: a } = bucket;
  const row = newRow(fields, true);
  row.time = bucket.end;
  row.start = bucket.start;
  row.records = a.records;
  row.coverage = Math.min(1, (a.minutes * 60) / (bucket.end - bucket.start));
  for (const field of fields) {
    switch (FIELDS[field].kind) {
      case "measure": {
        const p = prefixOf(field as Measure);
        const value = (suffix: string) => a[`${p}${suffix}` as keyof Aggregate];
        row[field] = meanOf(a, field as Measure);
        row[`${field}Min`] = value("Min");
        row[`${field}MinTime`] = value("MinAt");
        row[`${field}Max`] = value("Max");
        row[`${field}MaxTime`] = value("MaxAt");
        break;
      }
      case "windSpeed":
        row.windSpeed = meanWindSpeed(a);
        break;
      case "windDir":
        row.windDir = meanWindDirection(a);
        break;
      case "windGust":
        row.windGust = a.windGustMax;
        row.windGustDir = a.windGustMaxDir;
        row.windGustTime = a.windGustMaxAt;
        break;
      case "rain":
        row.rain = a.rainSum;
        break;
      case "rainRate":
        row.rainRate = a.rainRateMax;
        row.rainRateTime = a.rainRateMaxAt;
        break;
      case "ET":
        row.ET = a.etSum;
        break;
    }
  }
  return row;
}

/** Running state of the rain total across chunks of one series. */
export interface RainTotalState {
  total: number | null;
  /** Start of the rain day of the last row (06 UTC reset). */
  day: number | null;
}

/** Aggregated rows' counts of the values the quality control flagged in their period. */
export const QUALITY_COLUMNS = ["qcErroneous", "qcSuspect"] as const;

/**
 * Sets each aggregated row's qcErroneous (values left out) and qcSuspect (values kept) from the flagged
 * values' times (both in time order): every answer built from a flagged value says so.
 */
export function addQualityCounts(
  rows: SeriesRow[],
  flags: readonly { dateTime: number; level: "SUSPECT" | "ERRONEOUS" }[],
): void {
  let next = 0;
  for (const row of rows) {
    while (next < flags.length && flags[next].dateTime <= row.start) next++;
    let erroneous = 0;
    let suspect = 0;
    for (let i = next; i < flags.length && flags[i].dateTime <= row.time; i++) {
      if (flags[i].level === "ERRONEOUS") erroneous++;
      else suspect++;
    }
    row.qcErroneous = erroneous;
    row.qcSuspect = suspect;
  }
}

/** Sets `rainTotal` on rows (in time order), continuing from `state`; restarts at 06 UTC when asked. */
export function addRainTotals(rows: SeriesRow[], reset: RainReset, state: RainTotalState): void {
  for (const row of rows) {
    if (reset === "06utc") {
      const day = rrWindowOf(row.time).from;
      if (day !== state.day) {
        state.day = day;
        state.total = null;
      }
    }
    if (row.rain != null) state.total = (state.total ?? 0) + row.rain;
    row.rainTotal = state.total;
  }
}

export interface SeriesOptions {
  step: "raw" | AggregatedStep;
  fields: readonly Field[];
  timeZone: string;
  rainReset?: RainReset;
}

/** A whole series computed from raw records (oldest first) in memory. */
export function seriesFromRecords(records: readonly Observation[], options: SeriesOptions): SeriesRow[] {
  const rows =
    options.step === "raw"
      ? records.map((record) => recordRow(record, options.fields))
      : bucketRecords(records, options.step, options.timeZone).map((b) => bucketRow(b, options.fields));
  if (options.fields.includes("rain"))
    addRainTotals(rows, options.rainReset ?? "none", { total: null, day: null });
  return rows;
}

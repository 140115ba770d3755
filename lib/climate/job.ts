import type { Pool, RowDataPacket } from "mysql2/promise";
import { type HourRow, readHours } from "../aggregates/store";
import { appSqlPool } from "../db/client";
import type { Station } from "../generated/prisma/client";
import { runJob } from "../ops/jobs";
import { addDays, monthsBetween, utcDay } from "../time";
import {
  CLIMATE_HOUR_COLUMNS,
  type ClimateDay,
  climateFingerprint,
  climateHourSpan,
  computeClimateDay,
  earlierDate,
} from "./daily";
import { summarizeMonth } from "./monthly";
import { periodValues } from "./normals";
import {
  climateExtent,
  deleteClimateDays,
  readClimateDays,
  readFingerprints,
  replaceClimateDays,
  replaceClimateMonths,
  type StoredDay,
} from "./store";

/**
 * Keeps ClimateDay in step with the hourly aggregates (which the aggregates job keeps in step with the
 * archive, late rows and invalidations included).
 * - update: every day whose windows intersect the look-back period (and every day since the last one
 *   stored) is fingerprinted from its hourly aggregates; only the days whose fingerprint changed are
 *   recomputed, so replication catching up after an outage corrects past days, and a quiet run writes
 *   nothing. Partial days (before D+1 06:00 UTC) are recomputed on every run.
 * - rebuild: recomputes every day of a period from the hourly aggregates, a year at a time.
 * Either way the months of the days written get their ClimateMonth values (what references use).
 */

const HOUR = 3600;
const CHUNK_DAYS = 366;

export interface ClimateOptions {
  sql?: Pool;
  /** The time the run is computed for (unix seconds; default now): partial days, and hours after it, depend on it. */
  at?: number;
  /** How far back to look for changed hourly aggregates (default 35 days, like the aggregates job). */
  lookbackDays?: number;
}

export interface ClimateResult {
  station: string;
  /** days (re)computed and written */
  computed: number;
  /** days removed because their windows no longer hold any record */
  removed: number;
  /** days examined */
  examined: number;
}

const now = () => Math.floor(Date.now() / 1000);

/** The last day any of whose windows has started by `at`: D+1's Tn window opens at D 18:00 UTC. */
export function lastStartedDay(at: number): string {
  return utcDay(at + 6 * HOUR);
}

async function hourExtent(sql: Pool, stationId: number): Promise<{ first: number; last: number } | null> {
  const [[row]] = await sql.query<RowDataPacket[]>(
    "SELECT MIN(start) AS first, MAX(start) AS last FROM HourlyAggregate WHERE stationId = ?",
    [stationId],
  );
  return row?.first
    ? { first: (row.first as Date).getTime() / 1000, last: (row.last as Date).getTime() / 1000 }
    : null;
}

/**
 * Computes the days in [from, to] from `hours` (sorted, covering their windows), keeping only those
 * whose fingerprint differs from `stored` (all of them when `stored` is empty).
 */
export function changedDays(
  from: string,
  to: string,
  hours: readonly HourRow[],
  at: number,
  stored: ReadonlyMap<string, string> = new Map(),
): { rows: StoredDay[]; remove: string[]; examined: number } {
  const rows: StoredDay[] = [];
  const remove: string[] = [];
  let examined = 0;
  let first = 0;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    examined += 1;
    const span = climateHourSpan(date);
    while (first < hours.length && hours[first].start < span.from) first += 1;
    let end = first;
    while (end < hours.length && hours[end].start < span.to) end += 1;
    const own = hours.slice(first, end);
    const fingerprint = climateFingerprint(date, own, at);
    if (stored.get(date) === fingerprint) continue;
    const day: ClimateDay | null = computeClimateDay(date, own, at);
    if (day) rows.push({ day, fingerprint });
    else if (stored.has(date)) remove.push(date);
  }
  return { rows, remove, examined };
}

function readClimateHours(sql: Pool, stationId: number, from: string, to: string, at: number) {
  const end = Math.min(climateHourSpan(to).to, at + HOUR);
  return readHours(sql, stationId, climateHourSpan(from).from, end, CLIMATE_HOUR_COLUMNS);
}

/** Recomputes the ClimateMonth values (what references are built from) of `months`, as known at `at`. */
async function refreshMonths(sql: Pool, station: Station, months: readonly string[], at: number) {
  if (months.length === 0) return;
  const sorted = [...months].sort();
  const days = await readClimateDays(sql, station.id, `${sorted[0]}-01`, `${sorted.at(-1)}-31`, [
    "partial",
    "tn",
    "tx",
    "tnTxMean",
    "rr",
  ]);
  const values = sorted.map((month) => periodValues(summarizeMonth(month, days, at)));
  await replaceClimateMonths(sql, station.id, sorted, values);
}

/**
 * Recomputes every day of [from, to] (default: every day the hourly aggregates touch), a year at a time;
 * days without any record are removed.
 */
export async function rebuildClimate(
  station: Station,
  options: ClimateOptions & { from?: string; to?: string } = {},
): Promise<ClimateResult> {
  const sql = options.sql ?? appSqlPool();
  const at = options.at ?? now();
  const result: ClimateResult = { station: station.slug, computed: 0, removed: 0, examined: 0 };
  const extent = await hourExtent(sql, station.id);
  // An hour starting at H lies in the windows of the days utcDay(H - 6 h) to utcDay(H + 6 h).
  const from = options.from ?? (extent ? utcDay(extent.first - 6 * HOUR) : "0001-01-01");
  const newest = extent ? utcDay(extent.last + 6 * HOUR) : from;
  const to = options.to ?? earlierDate(newest, lastStartedDay(at));
  await deleteClimateDays(sql, station.id, from, to);
  if (!extent) return result;
  for (let chunk = from; chunk <= to; chunk = addDays(chunk, CHUNK_DAYS)) {
    const last = addDays(chunk, CHUNK_DAYS - 1);
    const chunkEnd = earlierDate(last, to);
    const hours = await readClimateHours(sql, station.id, chunk, chunkEnd, at);
    const { rows, examined } = changedDays(chunk, chunkEnd, hours, at);
    await replaceClimateDays(sql, station.id, rows);
    result.computed += rows.length;
    result.examined += examined;
  }
  await refreshMonths(sql, station, monthsBetween(from, to), at);
  return result;
}

/** Recomputes the days whose hourly aggregates changed since they were computed (see the module comment). */
export async function updateClimate(station: Station, options: ClimateOptions = {}): Promise<ClimateResult> {
  const sql = options.sql ?? appSqlPool();
  const at = options.at ?? now();
  const stored = await climateExtent(sql, station.id);
  if (!stored) return rebuildClimate(station, { ...options, sql, at });

  const lookbackStart = utcDay(at - (options.lookbackDays ?? 35) * 86400);
  const from = earlierDate(stored.last, lookbackStart);
  const to = lastStartedDay(at);
  if (from > to) return { station: station.slug, computed: 0, removed: 0, examined: 0 };
  const [hours, fingerprints] = await Promise.all([
    readClimateHours(sql, station.id, from, to, at),
    readFingerprints(sql, station.id, from, to),
  ]);
  const { rows, remove, examined } = changedDays(from, to, hours, at, fingerprints);
  if (rows.length || remove.length) {
    await replaceClimateDays(sql, station.id, rows, remove);
    const months = new Set([...rows.map((r) => r.day.date), ...remove].map((date) => date.slice(0, 7)));
    await refreshMonths(sql, station, [...months], at);
  }
  return { station: station.slug, computed: rows.length, removed: remove.length, examined };
}

/** The days whose windows intersect the period (from, to] (unix seconds): D-1 18:00 < t <= D+1 06:00. */
export function daysTouching(from: number, to: number): { first: string; last: string } {
  return { first: utcDay(from - 6 * HOUR), last: utcDay(to + 6 * HOUR - 1) };
}

/** Recomputes the days touched by a change of the hourly aggregates over (from, to] (an invalidation). */
export function recomputeClimatePeriod(
  station: Station,
  from: number,
  to: number,
  options: ClimateOptions = {},
) {
  const { first, last } = daysTouching(from, to);
  const at = options.at ?? now();
  const end = earlierDate(last, lastStartedDay(at));
  if (first > end) return Promise.resolve({ station: station.slug, computed: 0, removed: 0, examined: 0 });
  return rebuildClimate(station, { ...options, at, from: first, to: end });
}

/** update or rebuild for several stations, recorded as a job run ("climate:update" / "climate:rebuild"). */
export function climateStations(
  mode: "update" | "rebuild",
  stations: readonly Station[],
  options: ClimateOptions & {
    from?: string;
    to?: string;
    afterStation?: (station: Station) => Promise<string | null>;
  } = {},
) {
  return runJob(`climate:${mode}`, async () => {
    const results: ClimateResult[] = [];
    const notes: string[] = [];
    for (const station of stations) {
      results.push(
        mode === "update" ? await updateClimate(station, options) : await rebuildClimate(station, options),
      );
      const note = await options.afterStation?.(station);
      if (note) notes.push(note);
    }
    const message = [
      results.map((r) => `${r.station}: ${r.computed} day(s)`).join(", ") || "no station",
      ...notes,
    ].join("; ");
    return { result: { results, notes }, message };
  });
}

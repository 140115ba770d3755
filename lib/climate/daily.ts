import { createHash } from "node:crypto";
import {
  type Aggregate,
  type AggregatePart,
  meanOf,
  meanWindDirection,
  meanWindSpeed,
  mergeAggregates,
} from "../aggregates/compute";
import type { AggregateColumn, HourRow } from "../aggregates/store";
import { utcDay, utcMidnight } from "../time";

/**
 * The daily climatology of one station and day, from its hourly aggregates, as pure functions.
 * The rules (shared/reference/climatology.md, shown on the pages by components/climate/Method.tsx):
 * - a record stamped t covers (t - interval, t]; a window (A, B] takes A < t <= B; every window is made of
 *   whole UTC hours, so it is exactly the 24 hourly aggregates (start, start + 1 h] with A <= start < B;
 * - Tn over (D-1 18:00, D 18:00], Tx and RR over (D 06:00, D+1 06:00], everything else over
 *   (D 00:00, D+1 00:00] (UTC, whatever the local time);
 * - coverage = minutes covered by records with a value / minutes of the window (so intervals may change
 *   within a day); a value is published only at 80 % coverage or more;
 * - the day is partial until D+1 06:00 UTC; meanwhile coverage is counted over the elapsed part of each
 *   window, so that the values so far are shown (labelled as partial).
 */

const HOUR = 3600;
const DAY = 86400;
/** The platform's policy: a daily value needs at least 80 % of its window. */
export const MIN_COVERAGE = 0.8;

/** The hourly aggregate columns the climatology reads (and fingerprints). */
export const CLIMATE_HOUR_COLUMNS = [
  "records",
  "minutes",
  "outTempMinutes",
  "rainMinutes",
  "outTempAtEnd",
  "outTempMin",
  "outTempMinAt",
  "outTempMax",
  "outTempMaxAt",
  "outTempSum",
  "outTempN",
  "outHumidityMin",
  "outHumidityMinAt",
  "outHumidityMax",
  "outHumidityMaxAt",
  "outHumidityN",
  "dewpointMin",
  "dewpointMinAt",
  "dewpointMax",
  "dewpointMaxAt",
  "dewpointN",
  "barometerMin",
  "barometerMinAt",
  "barometerMax",
  "barometerMaxAt",
  "barometerN",
  "windchillMin",
  "windchillMinAt",
  "windchillN",
  "heatindexMax",
  "heatindexMaxAt",
  "heatindexN",
  "uvMax",
  "uvMaxAt",
  "uvN",
  "radiationMax",
  "radiationMaxAt",
  "radiationN",
  "windSpeedSum",
  "windSpeedN",
  "windVecX",
  "windVecY",
  "windGustMax",
  "windGustMaxAt",
  "windGustMaxDir",
  "rainSum",
  "rainRateMax",
  "rainRateMaxAt",
  "etSum",
] as const satisfies readonly AggregateColumn[];

/** One day's climatology. Times are unix seconds (UTC); coverages are fractions (0–1). */
export interface ClimateDay {
  /** "YYYY-MM-DD", the day D of the windows */
  date: string;
  partial: boolean;
  tn: number | null;
  tnAt: number | null;
  tnCoverage: number;
  tx: number | null;
  txAt: number | null;
  txCoverage: number;
  tnTxMean: number | null;
  tmean: number | null;
  t24: number | null;
  t24Count: number;
  t8: number | null;
  t8Count: number;
  amplitude: number | null;
  rr: number | null;
  rrCoverage: number;
  rrRateMax: number | null;
  rrRateMaxAt: number | null;
  humidityMin: number | null;
  humidityMinAt: number | null;
  humidityMax: number | null;
  humidityMaxAt: number | null;
  dewpointMin: number | null;
  dewpointMinAt: number | null;
  dewpointMax: number | null;
  dewpointMaxAt: number | null;
  pressureMin: number | null;
  pressureMinAt: number | null;
  pressureMax: number | null;
  pressureMaxAt: number | null;
  gustMax: number | null;
  gustDir: number | null;
  gustAt: number | null;
  windMean: number | null;
  windDir: number | null;
  uvMax: number | null;
  uvMaxAt: number | null;
  radiationMax: number | null;
  radiationMaxAt: number | null;
  et: number | null;
  windchillMin: number | null;
  windchillMinAt: number | null;
  heatindexMax: number | null;
  heatindexMaxAt: number | null;
  dayCoverage: number;
}

/** A stored value of a day (a column of ClimateDay). */
export type ClimateColumn = Exclude<keyof ClimateDay, "date">;

/** The earlier of two "YYYY-MM-DD" dates. */
export function earlierDate(a: string, b: string): string {
  if (a <= b) return a;
  return b;
}

export interface Window {
  /** exclusive, unix seconds */
  from: number;
  /** inclusive, unix seconds */
  to: number;
}

/** The UTC windows of day D. */
export function dayWindows(date: string): { tn: Window; tx: Window; rr: Window; day: Window } {
  const d = utcMidnight(date);
  const tx = { from: d + 6 * HOUR, to: d + 30 * HOUR };
  return { tn: { from: d - 6 * HOUR, to: d + 18 * HOUR }, tx, rr: tx, day: { from: d, to: d + DAY } };
}

/** The day D whose RR (and Tx) window (D 06:00, D+1 06:00] UTC holds a record stamped `t`. */
export function rrDayOf(t: number): string {
  return utcDay(t - 1 - 6 * HOUR);
}

/** The RR (and Tx) window that holds a record stamped `t`. */
export function rrWindowOf(t: number): Window {
  return dayWindows(rrDayOf(t)).rr;
}

/** Every hour a day's windows use starts in [from, to): D-1 18:00 to D+1 05:00 UTC. */
export function climateHourSpan(date: string): Window {
  const d = utcMidnight(date);
  return { from: d - 6 * HOUR, to: d + 30 * HOUR };
}

/** The day is final once D+1 06:00 UTC has passed. */
export function isPartial(date: string, at: number): boolean {
  return at < utcMidnight(date) + 30 * HOUR;
}

function hoursIn(hours: readonly HourRow[], window: Window): HourRow[] {
  return hours.filter((h) => h.start >= window.from && h.start < window.to);
}

function merged(hours: readonly HourRow[], window: Window): Aggregate {
  const parts: AggregatePart[] = hours.map((h) => ({ end: h.start + HOUR, aggregate: h.aggregate }));
  return mergeAggregates(parts, window.to);
}

/** Minutes of the window that should be covered by `at`: all of it once it has ended. */
function expectedMinutes(window: Window, at: number): number {
  return Math.max(0, Math.min(window.to, at) - window.from) / 60;
}

function coverage(minutes: number, window: Window, at: number): number {
  const expected = expectedMinutes(window, at);
  return expected > 0 ? Math.min(1, minutes / expected) : 0;
}

type CountColumn =
  | "outHumidityN"
  | "dewpointN"
  | "barometerN"
  | "windchillN"
  | "heatindexN"
  | "uvN"
  | "radiationN"
  | "windSpeedN";

/**
 * Minutes covered by records carrying a measure (hourly aggregates keep a count, not minutes, for
 * most measures: each hour's minutes are shared out by its proportion of records with a value, which
 * is exact whenever an hour has a single interval).
 */
function measureMinutes(hours: readonly HourRow[], count: CountColumn): number {
  let minutes = 0;
  for (const { aggregate } of hours) {
    if (aggregate.records > 0) minutes += (aggregate.minutes * aggregate[count]) / aggregate.records;
  }
  return minutes;
}

/** Minutes of the hours that have an ET value (ET is often logged once per hour, e.g. by Davis consoles). */
function etMinutes(hours: readonly HourRow[]): number {
  return hours.reduce((sum, h) => sum + (h.aggregate.etSum !== null ? h.aggregate.minutes : 0), 0);
}

/**
 * "The 24 hourly values" are the temperatures observed at 01:00, 02:00 … 24:00 UTC — the records stamped
 * exactly at the end of each hour of (D 00:00, D+1 00:00]; "the 8 three-hourly values" those at
 * 03:00, 06:00 … 24:00 UTC. A mean needs 80 % of them (20 of 24, 7 of 8), counted among those due by `at`.
 */
function observationMean(
  hours: readonly HourRow[],
  window: Window,
  at: number,
  step: number,
): { mean: number | null; count: number } {
  let due = 0;
  let count = 0;
  let sum = 0;
  const byEnd = new Map(hours.map((h) => [h.start + HOUR, h.aggregate.outTempAtEnd]));
  for (let end = window.from + step; end <= window.to; end += step) {
    if (end > at) break;
    due += 1;
    const value = byEnd.get(end);
    if (value != null) {
      count += 1;
      sum += value;
    }
  }
  return { mean: due > 0 && count / due >= MIN_COVERAGE ? sum / count : null, count };
}

const valid = (cover: number) => cover >= MIN_COVERAGE;
const when = <T>(ok: boolean, value: T | null): T | null => (ok ? value : null);

/**
 * The climatology of day `date` from the hourly aggregates of its windows (any hours may be passed:
 * those outside D-1 18:00 … D+1 06:00 UTC are ignored), as known at `at` (unix seconds).
 * Returns null when no window of the day has any record.
 */
export function computeClimateDay(date: string, hours: readonly HourRow[], at: number): ClimateDay | null {
  const windows = dayWindows(date);
  const span = climateHourSpan(date);
  const own = hoursIn(hours, span).filter((h) => h.start < at);
  if (own.every((h) => h.aggregate.records === 0)) return null;

  const tnHours = hoursIn(own, windows.tn);
  const txHours = hoursIn(own, windows.tx);
  const dayHours = hoursIn(own, windows.day);
  const tnAgg = merged(tnHours, windows.tn);
  const txAgg = merged(txHours, windows.tx);
  const day = merged(dayHours, windows.day);

  const tnCoverage = coverage(tnAgg.outTempMinutes, windows.tn, at);
  const txCoverage = coverage(txAgg.outTempMinutes, windows.tx, at);
  const rrCoverage = coverage(txAgg.rainMinutes, windows.rr, at);
  const tn = when(valid(tnCoverage), tnAgg.outTempMin);
  const tx = when(valid(txCoverage), txAgg.outTempMax);
  const rrOk = valid(rrCoverage);
  const dayCover = (minutes: number) => valid(coverage(minutes, windows.day, at));

  const tempOk = dayCover(day.outTempMinutes);
  const humidityOk = dayCover(measureMinutes(dayHours, "outHumidityN"));
  const dewpointOk = dayCover(measureMinutes(dayHours, "dewpointN"));
  const pressureOk = dayCover(measureMinutes(dayHours, "barometerN"));
  const windOk = dayCover(measureMinutes(dayHours, "windSpeedN"));
  const uvOk = dayCover(measureMinutes(dayHours, "uvN"));
  const radiationOk = dayCover(measureMinutes(dayHours, "radiationN"));
  const windchillOk = dayCover(measureMinutes(dayHours, "windchillN"));
  const heatindexOk = dayCover(measureMinutes(dayHours, "heatindexN"));
  const hourly = observationMean(dayHours, windows.day, at, HOUR);
  const threeHourly = observationMean(dayHours, windows.day, at, 3 * HOUR);

  return {
    date,
    partial: isPartial(date, at),
    tn,
    tnAt: when(tn !== null, tnAgg.outTempMinAt),
    tnCoverage,
    tx,
    txAt: when(tx !== null, txAgg.outTempMaxAt),
    txCoverage,
    tnTxMean: tn !== null && tx !== null ? (tn + tx) / 2 : null,
    tmean: when(tempOk, meanOf(day, "outTemp")),
    t24: hourly.mean,
    t24Count: hourly.count,
    t8: threeHourly.mean,
    t8Count: threeHourly.count,
    amplitude: tn !== null && tx !== null ? tx - tn : null,
    rr: when(rrOk, txAgg.rainSum ?? 0),
    rrCoverage,
    rrRateMax: when(rrOk, txAgg.rainRateMax),
    rrRateMaxAt: when(rrOk, txAgg.rainRateMaxAt),
    humidityMin: when(humidityOk, day.outHumidityMin),
    humidityMinAt: when(humidityOk, day.outHumidityMinAt),
    humidityMax: when(humidityOk, day.outHumidityMax),
    humidityMaxAt: when(humidityOk, day.outHumidityMaxAt),
    dewpointMin: when(dewpointOk, day.dewpointMin),
    dewpointMinAt: when(dewpointOk, day.dewpointMinAt),
    dewpointMax: when(dewpointOk, day.dewpointMax),
    dewpointMaxAt: when(dewpointOk, day.dewpointMaxAt),
    pressureMin: when(pressureOk, day.barometerMin),
    pressureMinAt: when(pressureOk, day.barometerMinAt),
    pressureMax: when(pressureOk, day.barometerMax),
    pressureMaxAt: when(pressureOk, day.barometerMaxAt),
    gustMax: when(windOk, day.windGustMax),
    gustDir: when(windOk, day.windGustMaxDir),
    gustAt: when(windOk, day.windGustMaxAt),
    windMean: when(windOk, meanWindSpeed(day)),
    windDir: when(windOk, meanWindDirection(day)),
    uvMax: when(uvOk, day.uvMax),
    uvMaxAt: when(uvOk, day.uvMaxAt),
    radiationMax: when(radiationOk, day.radiationMax),
    radiationMaxAt: when(radiationOk, day.radiationMaxAt),
    et: when(dayCover(etMinutes(dayHours)), day.etSum),
    windchillMin: when(windchillOk, day.windchillMin),
    windchillMinAt: when(windchillOk, day.windchillMinAt),
    heatindexMax: when(heatindexOk, day.heatindexMax),
    heatindexMaxAt: when(heatindexOk, day.heatindexMaxAt),
    dayCoverage: coverage(day.minutes, windows.day, at),
  };
}

/**
 * A fingerprint of everything a day's computation reads: the hourly aggregates under its windows (as
 * known at `at`) and whether it is still partial. The job recomputes a day when it changes, so late
 * rows, invalidations and re-aggregations are all noticed, whatever changed them.
 */
export function climateFingerprint(date: string, hours: readonly HourRow[], at: number): string {
  const span = climateHourSpan(date);
  const hash = createHash("sha1");
  hash.update(isPartial(date, at) ? `partial:${at}` : "final");
  for (const hour of hours) {
    if (hour.start >= span.from && hour.start < span.to && hour.start < at) hash.update(hourKey(hour));
  }
  return hash.digest("hex");
}

// An hour belongs to 2 days' windows (3 around 00–06 UTC): its key is built once.
const hourKeys = new WeakMap<HourRow, string>();
function hourKey(hour: HourRow): string {
  let key = hourKeys.get(hour);
  if (key === undefined) {
    key = `|${hour.start}`;
    for (const column of CLIMATE_HOUR_COLUMNS) key += `,${hour.aggregate[column] ?? ""}`;
    hourKeys.set(hour, key);
  }
  return key;
}

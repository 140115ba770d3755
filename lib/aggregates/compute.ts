import type { Observation } from "../archive/reader";
import type { SensorGroup } from "../generated/prisma/enums";

/**
 * Aggregation of archive records into periods (hours, days, any bucket), as pure functions.
 * An aggregate is a flat record whose keys are the columns of HourlyAggregate / DailyAggregate, with
 * times as unix seconds. Records are WeeWX rows: a record stamped t covers (t - interval, t].
 */

/** Measures kept with min/max (and their times), sum and count. Keys are archive field names. */
export const MEASURES = [
  "outTemp",
  "dewpoint",
  "outHumidity",
  "barometer",
  "windchill",
  "heatindex",
  "appTemp",
  "inTemp",
  "inHumidity",
  "UV",
  "radiation",
  "rxCheckPercent",
  "consBatteryVoltage",
] as const;
export type Measure = (typeof MEASURES)[number];

/** Column prefix of a measure ("UV" → "uv", others unchanged). */
type Prefix<M extends Measure> = M extends "UV" ? "uv" : M;
export function prefixOf<M extends Measure>(measure: M): Prefix<M> {
  return (measure === "UV" ? "uv" : measure) as Prefix<M>;
}

type MeasureColumns = {
  [M in Measure as `${Prefix<M>}Min` | `${Prefix<M>}Max` | `${Prefix<M>}Sum`]: number | null;
} & {
  [M in Measure as `${Prefix<M>}MinAt` | `${Prefix<M>}MaxAt`]: number | null;
} & {
  [M in Measure as `${Prefix<M>}N`]: number;
};

export type Aggregate = MeasureColumns & {
  /** Number of records. */
  records: number;
  /** Minutes covered by the records (sum of their intervals). */
  minutes: number;
  /** Interval (minutes) of the last record, 0 when there is none. */
  interval: number;
  /** Minutes covered by records with a temperature / a rain value (coverage of Tn, Tx and RR). */
  outTempMinutes: number;
  rainMinutes: number;
  /** Temperature of the record stamped exactly at the end of the period (the "hourly observation"). */
  outTempAtEnd: number | null;
  windSpeedSum: number | null;
  windSpeedN: number;
  windVecX: number | null;
  windVecY: number | null;
  windGustMax: number | null;
  windGustMaxAt: number | null;
  windGustMaxDir: number | null;
  rainSum: number | null;
  rainRateMax: number | null;
  rainRateMaxAt: number | null;
  etSum: number | null;
};

/** The archive fields an aggregation needs. */
export const AGGREGATED_FIELDS: readonly string[] = [
  ...MEASURES,
  "windSpeed",
  "windDir",
  "windGust",
  "windGustDir",
  "rain",
  "rainRate",
  "ET",
];

/** Column names per measure, computed once (this loop runs for every archive row). */
const MEASURE_KEYS = MEASURES.map((measure) => {
  const p = prefixOf(measure);
  return {
    measure,
    min: `${p}Min`,
    minAt: `${p}MinAt`,
    max: `${p}Max`,
    maxAt: `${p}MaxAt`,
    sum: `${p}Sum`,
    n: `${p}N`,
  };
});

function buildEmptyAggregate(): Aggregate {
  const aggregate: Record<string, number | null> = {
    records: 0,
    minutes: 0,
    interval: 0,
    outTempMinutes: 0,
    rainMinutes: 0,
    outTempAtEnd: null,
    windSpeedSum: null,
    windSpeedN: 0,
    windVecX: null,
    windVecY: null,
    windGustMax: null,
    windGustMaxAt: null,
    windGustMaxDir: null,
    rainSum: null,
    rainRateMax: null,
    rainRateMaxAt: null,
    etSum: null,
  };
  for (const k of MEASURE_KEYS) {
    aggregate[k.min] = null;
    aggregate[k.minAt] = null;
    aggregate[k.max] = null;
    aggregate[k.maxAt] = null;
    aggregate[k.sum] = null;
    aggregate[k.n] = 0;
  }
  return aggregate as Aggregate;
}

/**
 * The empty aggregate that every aggregate starts as a copy of. Adding ~80 computed keys one by one
 * leaves an object in V8's slow dictionary mode; the JSON round trip gives it a fixed shape, and copies
 * of it are ~50× cheaper to make and to read (this runs for every hour and bucket of every chart).
 */
const EMPTY: Aggregate = JSON.parse(JSON.stringify(buildEmptyAggregate()));

export function emptyAggregate(): Aggregate {
  return { ...EMPTY };
}

type Mutable = Record<string, number | null>;

const add = (a: number | null, b: number) => (a === null ? b : a + b);

/**
 * Aggregates `records` (all within the period, oldest first) of a period ending at `periodEnd`.
 * Ties keep the earliest time for minima and maxima, as climatology expects.
 */
export function aggregateRecords(records: readonly Observation[], periodEnd: number): Aggregate {
  const agg = emptyAggregate() as unknown as Mutable;
  for (const r of records) {
    agg.records = (agg.records as number) + 1;
    agg.minutes = (agg.minutes as number) + r.interval;
    agg.interval = r.interval;
    if (r.outTemp != null) agg.outTempMinutes = (agg.outTempMinutes as number) + r.interval;
    if (r.rain != null) agg.rainMinutes = (agg.rainMinutes as number) + r.interval;
    if (r.dateTime === periodEnd) agg.outTempAtEnd = r.outTemp ?? null;
    for (const k of MEASURE_KEYS) {
      const value = r[k.measure];
      if (value == null) continue;
      if (agg[k.min] === null || value < (agg[k.min] as number)) {
        agg[k.min] = value;
        agg[k.minAt] = r.dateTime;
      }
      if (agg[k.max] === null || value > (agg[k.max] as number)) {
        agg[k.max] = value;
        agg[k.maxAt] = r.dateTime;
      }
      agg[k.sum] = add(agg[k.sum], value);
      agg[k.n] = (agg[k.n] as number) + 1;
    }
    if (r.windSpeed != null) {
      agg.windSpeedSum = add(agg.windSpeedSum, r.windSpeed);
      agg.windSpeedN = (agg.windSpeedN as number) + 1;
      if (r.windDir != null && r.windSpeed > 0) {
        const radians = (r.windDir * Math.PI) / 180;
        agg.windVecX = add(agg.windVecX, r.windSpeed * Math.sin(radians));
        agg.windVecY = add(agg.windVecY, r.windSpeed * Math.cos(radians));
      }
    }
    if (r.windGust != null && (agg.windGustMax === null || r.windGust > agg.windGustMax)) {
      agg.windGustMax = r.windGust;
      agg.windGustMaxAt = r.dateTime;
      agg.windGustMaxDir = r.windGustDir ?? r.windDir ?? null;
    }
    if (r.rain != null) agg.rainSum = add(agg.rainSum, r.rain);
    if (r.rainRate != null && (agg.rainRateMax === null || r.rainRate > agg.rainRateMax)) {
      agg.rainRateMax = r.rainRate;
      agg.rainRateMaxAt = r.dateTime;
    }
    if (r.ET != null) agg.etSum = add(agg.etSum, r.ET);
  }
  return agg as unknown as Aggregate;
}

/** An aggregate of a sub-period ending at `end` (unix seconds). */
export interface AggregatePart {
  end: number;
  aggregate: Aggregate;
}

/** Combines the aggregates of sub-periods (oldest first) into one for the period ending at `periodEnd`. */
export function mergeAggregates(parts: readonly AggregatePart[], periodEnd: number): Aggregate {
  const agg = emptyAggregate() as unknown as Mutable;
  for (const { end, aggregate } of parts) {
    const part = aggregate as unknown as Mutable;
    if (end === periodEnd) agg.outTempAtEnd = part.outTempAtEnd;
    if ((part.records as number) === 0) continue;
    agg.records = (agg.records as number) + (part.records as number);
    agg.minutes = (agg.minutes as number) + (part.minutes as number);
    agg.interval = part.interval;
    agg.outTempMinutes = (agg.outTempMinutes as number) + (part.outTempMinutes as number);
    agg.rainMinutes = (agg.rainMinutes as number) + (part.rainMinutes as number);
    for (const k of MEASURE_KEYS) {
      if (part[k.min] !== null && (agg[k.min] === null || (part[k.min] as number) < (agg[k.min] as number))) {
        agg[k.min] = part[k.min];
        agg[k.minAt] = part[k.minAt];
      }
      if (part[k.max] !== null && (agg[k.max] === null || (part[k.max] as number) > (agg[k.max] as number))) {
        agg[k.max] = part[k.max];
        agg[k.maxAt] = part[k.maxAt];
      }
      if (part[k.sum] !== null) agg[k.sum] = add(agg[k.sum], part[k.sum] as number);
      agg[k.n] = (agg[k.n] as number) + (part[k.n] as number);
    }
    for (const key of ["windSpeedSum", "windVecX", "windVecY", "rainSum", "etSum"]) {
      if (part[key] !== null) agg[key] = add(agg[key], part[key] as number);
    }
    agg.windSpeedN = (agg.windSpeedN as number) + (part.windSpeedN as number);
    if (part.windGustMax !== null && (agg.windGustMax === null || part.windGustMax > agg.windGustMax)) {
      agg.windGustMax = part.windGustMax;
      agg.windGustMaxAt = part.windGustMaxAt;
      agg.windGustMaxDir = part.windGustMaxDir;
    }
    if (part.rainRateMax !== null && (agg.rainRateMax === null || part.rainRateMax > agg.rainRateMax)) {
      agg.rainRateMax = part.rainRateMax;
      agg.rainRateMaxAt = part.rainRateMaxAt;
    }
  }
  return agg as unknown as Aggregate;
}

/** Mean of a measure over the period, or null without values. */
export function meanOf(agg: Aggregate, measure: Measure): number | null {
  const p = prefixOf(measure);
  const n = agg[`${p}N` as keyof Aggregate] as number;
  return n > 0 ? (agg[`${p}Sum` as keyof Aggregate] as number) / n : null;
}

export function meanWindSpeed(agg: Aggregate): number | null {
  return agg.windSpeedN > 0 ? (agg.windSpeedSum as number) / agg.windSpeedN : null;
}

/** Speed-weighted vector mean wind direction in degrees, null when calm. */
export function meanWindDirection(agg: Aggregate): number | null {
  if (agg.windVecX === null || agg.windVecY === null || Math.hypot(agg.windVecX, agg.windVecY) < 1e-9)
    return null;
  return ((Math.atan2(agg.windVecX, agg.windVecY) * 180) / Math.PI + 360) % 360;
}

/** The hour bucket (its start, unix seconds) of a record stamped `dateTime`: (start, start + 3600]. */
export function hourStart(dateTime: number): number {
  return Math.floor((dateTime - 1) / 3600) * 3600;
}

/** Archive fields made invalid by each sensor group (ALL drops the records). */
export const INVALIDATED_FIELDS: Record<Exclude<SensorGroup, "ALL">, readonly string[]> = {
  TEMPERATURE: ["outTemp", "dewpoint", "windchill", "heatindex", "appTemp"],
  HUMIDITY: ["outHumidity", "dewpoint", "heatindex", "appTemp"],
  PRESSURE: ["barometer"],
  WIND: ["windSpeed", "windDir", "windGust", "windGustDir", "windchill", "appTemp"],
  RAIN: ["rain", "rainRate"],
  SOLAR: ["radiation", "UV", "ET"],
};

export interface Invalidation {
  sensor: SensorGroup;
  /** unix seconds, exclusive */
  from: number;
  /** unix seconds, inclusive */
  to: number;
}

/** Records with the invalidated sensors' values removed (as if missing); ALL removes the records. */
export function applyInvalidations(
  records: readonly Observation[],
  invalidations: readonly Invalidation[],
): Observation[] {
  if (invalidations.length === 0) return [...records];
  const result: Observation[] = [];
  for (const record of records) {
    const applicable = invalidations.filter((i) => record.dateTime > i.from && record.dateTime <= i.to);
    if (applicable.length === 0) {
      result.push(record);
      continue;
    }
    if (applicable.some((i) => i.sensor === "ALL")) continue;
    const copy: Observation = { ...record };
    for (const invalidation of applicable) {
      for (const field of INVALIDATED_FIELDS[invalidation.sensor as Exclude<SensorGroup, "ALL">])
        copy[field] = null;
    }
    result.push(copy);
  }
  return result;
}

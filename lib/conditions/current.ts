import type { Observation } from "../archive/reader";
import { rrWindowOf } from "../climate/daily";
import { localMonthStart, localYearStart, startOfLocalDay } from "../time";
import { feelsLike } from "../weather/formulas";
import { cardinal, circularMean } from "../weather/wind";

/**
 * Current conditions of a station, as the legacy station home showed them, computed from the raw
 * records of the last seven days (pure). All windows are relative to the newest record (`at`), so an
 * offline station shows its last known state (the page says how old it is). Times are unix seconds.
 */

export interface Extreme {
  value: number;
  at: number;
}

export interface MeasureToday {
  current: number | null;
  /** Since local midnight (the station's time zone). */
  min: Extreme | null;
  max: Extreme | null;
}

export interface WindMean {
  speed: number | null;
  /** Speed-weighted circular mean, null when calm. */
  direction: number | null;
  cardinal: string | null;
}

export interface Gust extends Extreme {
  direction: number | null;
}

export interface RainWindow {
  total: number | null;
  maxRate: Extreme | null;
  /** (from, to] */
  from: number;
  to: number;
}

export interface CurrentConditions {
  /** Time of the newest record. */
  at: number;
  temperature: MeasureToday;
  humidity: MeasureToday;
  dewpoint: MeasureToday;
  feelsLike: MeasureToday;
  pressure: MeasureToday & { /** change over the last 3 hours, hPa */ trend3h: number | null };
  uv: MeasureToday;
  radiation: MeasureToday;
  /** Evapotranspiration since local midnight, mm. */
  etToday: number | null;
  wind: {
    instant: WindMean;
    mean10min: WindMean;
    mean1h: WindMean;
    gustInstant: number | null;
    gust10min: Gust | null;
    gust1h: Gust | null;
    gustToday: Gust | null;
    /** Directions of the records of the last 10 minutes (calms left out), oldest first. */
    directions10min: number[];
  };
  rain: {
    rate: number | null;
    /** Highest rain rate since local midnight. */
    maxRateToday: Extreme | null;
    last1h: number | null;
    last3h: number | null;
    last12h: number | null;
    last24h: number | null;
    sinceMidnight: number | null;
    /** Météo-France's rain day: (06:00 UTC, next 06:00 UTC] attributed to the first day. */
    day0606: RainWindow;
    previousDay0606: RainWindow;
    last7d: number | null;
    month: number | null;
    year: number | null;
  };
}

/** Rain already aggregated before the raw records start (hourly aggregates), for the long windows. */
export interface RainBefore {
  /** From the start of the local month to the first raw record's window. */
  month: number;
  /** From the start of the local year to the first raw record's window. */
  year: number;
}

const HOUR = 3600;
const DAY = 86400;

function extremes(records: readonly Observation[], value: (r: Observation) => number | null | undefined) {
  let min: Extreme | null = null;
  let max: Extreme | null = null;
  for (const r of records) {
    const v = value(r);
    if (v == null) continue;
    if (!min || v < min.value) min = { value: v, at: r.dateTime };
    if (!max || v > max.value) max = { value: v, at: r.dateTime };
  }
  return { min, max };
}

function sum(records: readonly Observation[], field: string): number | null {
  let total: number | null = null;
  for (const r of records) if (r[field] != null) total = (total ?? 0) + (r[field] as number);
  return total;
}

function windMean(records: readonly Observation[]): WindMean {
  const speeds = records.map((r) => r.windSpeed).filter((s): s is number => s != null);
  const direction = circularMean(
    records.map((r) => r.windDir),
    records.map((r) => r.windSpeed),
  );
  return {
    speed: speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null,
    direction,
    cardinal: cardinal(direction),
  };
}

function maxGust(records: readonly Observation[]): Gust | null {
  let gust: Gust | null = null;
  for (const r of records) {
    if (r.windGust != null && (!gust || r.windGust > gust.value)) {
      gust = { value: r.windGust, at: r.dateTime, direction: r.windGustDir ?? r.windDir ?? null };
    }
  }
  return gust;
}

function closest(records: readonly Observation[], t: number): Observation | undefined {
  let best: Observation | undefined;
  for (const r of records) if (!best || Math.abs(r.dateTime - t) < Math.abs(best.dateTime - t)) best = r;
  return best;
}

const within = (records: readonly Observation[], from: number, to: number) =>
  records.filter((r) => r.dateTime > from && r.dateTime <= to);

function rainWindow(records: readonly Observation[], from: number, to: number): RainWindow {
  const inside = within(records, from, to);
  return { total: sum(inside, "rain"), maxRate: extremes(inside, (r) => r.rainRate).max, from, to };
}

function measureToday(
  latest: Observation,
  today: readonly Observation[],
  value: (r: Observation) => number | null | undefined,
): MeasureToday {
  return { current: value(latest) ?? null, ...extremes(today, value) };
}

/**
 * `records`: oldest first, covering at least the last seven days before the newest record;
 * `rainBefore`: rain of the month and year before the first record (from the hourly aggregates).
 */
export function currentConditions(
  records: readonly Observation[],
  timeZone: string,
  rainBefore: RainBefore,
): CurrentConditions | null {
  const latest = records.at(-1);
  if (!latest) return null;
  const at = latest.dateTime;
  const midnight = startOfLocalDay(at - 1, timeZone);
  const today = within(records, midnight, at);
  const feels = (r: Observation) =>
    r.outTemp == null ? null : feelsLike(r.outTemp, r.outHumidity ?? null, r.windSpeed ?? null);
  const threeHoursAgo = closest(
    within(records, at - 3 * HOUR - 15 * 60, at - 3 * HOUR + 15 * 60),
    at - 3 * HOUR,
  );
  const last = (seconds: number) => within(records, at - seconds, at);
  const rainDay = rrWindowOf(at);
  const first = records[0].dateTime;
  return {
    at,
    temperature: measureToday(latest, today, (r) => r.outTemp),
    humidity: measureToday(latest, today, (r) => r.outHumidity),
    dewpoint: measureToday(latest, today, (r) => r.dewpoint),
    feelsLike: measureToday(latest, today, feels),
    pressure: {
      ...measureToday(latest, today, (r) => r.barometer),
      trend3h:
        latest.barometer != null && threeHoursAgo?.barometer != null
          ? latest.barometer - threeHoursAgo.barometer
          : null,
    },
    uv: measureToday(latest, today, (r) => r.UV),
    radiation: measureToday(latest, today, (r) => r.radiation),
    etToday: sum(today, "ET"),
    wind: {
      instant: {
        speed: latest.windSpeed ?? null,
        direction: latest.windDir ?? null,
        cardinal: cardinal(latest.windDir ?? null),
      },
      mean10min: windMean(last(10 * 60)),
      mean1h: windMean(last(HOUR)),
      gustInstant: latest.windGust ?? null,
      gust10min: maxGust(last(10 * 60)),
      gust1h: maxGust(last(HOUR)),
      gustToday: maxGust(today),
      directions10min: last(10 * 60)
        .filter((r) => r.windDir != null && r.windSpeed !== 0)
        .map((r) => r.windDir as number),
    },
    rain: {
      rate: latest.rainRate ?? null,
      maxRateToday: extremes(today, (r) => r.rainRate).max,
      last1h: sum(last(HOUR), "rain"),
      last3h: sum(last(3 * HOUR), "rain"),
      last12h: sum(last(12 * HOUR), "rain"),
      last24h: sum(last(DAY), "rain"),
      sinceMidnight: sum(today, "rain"),
      day0606: rainWindow(records, rainDay.from, rainDay.to),
      previousDay0606: rainWindow(records, rrWindowOf(rainDay.from).from, rainDay.from),
      last7d: sum(last(7 * DAY), "rain"),
      month:
        rainBefore.month +
        (sum(within(records, Math.max(first - 1, localMonthStart(at, timeZone)), at), "rain") ?? 0),
      year:
        rainBefore.year +
        (sum(within(records, Math.max(first - 1, localYearStart(at, timeZone)), at), "rain") ?? 0),
    },
  };
}

import type { CurrentConditions, Gust, MeasureToday, RainWindow, WindMean } from "../conditions/current";
import { freshness } from "../conditions/freshness";
import type { LoadedConditions } from "../conditions/load";
import { type CsvValue, csvLine } from "../format/csv";
import { type Quantity, roundAs } from "../format/numbers";
import type { Station } from "../generated/prisma/client";
import type { Zone } from "../generated/prisma/enums";
import { csvHeader, iso } from "../series/output";

/**
 * The shapes of the open-data API (pure): times as ISO-8601 UTC strings, values in the units named by
 * UNITS and by each series column. The station home's live refresh reads the same JSON.
 */

/** Units of the current conditions (series name theirs per column). */
export const UNITS = {
  temperature: "°C",
  humidity: "%",
  pressure: "hPa",
  speed: "km/h",
  direction: "°",
  rain: "mm",
  rainRate: "mm/h",
  radiation: "W/m²",
  uv: "indice UV",
  evapotranspiration: "mm",
} as const;

const TIME_KEYS = new Set(["at", "from", "to"]);

/** `T` with its times (the `at`, `from` and `to` keys, unix seconds) as ISO-8601 strings. */
export type WithIsoTimes<T> = T extends (infer U)[]
  ? WithIsoTimes<U>[]
  : T extends object
    ? { [K in keyof T]: K extends "at" | "from" | "to" ? string : WithIsoTimes<T[K]> }
    : T;

/** `value` with its times as ISO-8601, ready for JSON. */
export function withIsoTimes<T>(value: T): WithIsoTimes<T> {
  if (Array.isArray(value)) return value.map(withIsoTimes) as WithIsoTimes<T>;
  if (value === null || typeof value !== "object") return value as WithIsoTimes<T>;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      TIME_KEYS.has(key) && typeof v === "number" ? iso(v) : withIsoTimes(v),
    ]),
  ) as WithIsoTimes<T>;
}

export type ConditionsJson = WithIsoTimes<CurrentConditions>;

/**
 * Current conditions rounded to each quantity's DECIMALS, the digits the pages show: the API and the
 * station home (which reads this JSON) agree, and a value is rounded once (5.6499… → 5.6, never 5.7).
 */
export function roundConditions(c: CurrentConditions): CurrentConditions {
  const r = (v: number | null, q: Quantity) => roundAs(v, q);
  const extreme = <E extends { value: number } | null>(e: E, q: Quantity): E =>
    e && { ...e, value: roundAs(e.value, q) ?? e.value };
  const measure = <M extends MeasureToday>(m: M, q: Quantity): M => ({
    ...m,
    current: r(m.current, q),
    min: extreme(m.min, q),
    max: extreme(m.max, q),
  });
  const mean = (m: WindMean): WindMean => ({
    ...m,
    speed: r(m.speed, "speed"),
    direction: r(m.direction, "direction"),
  });
  const gust = (g: Gust | null): Gust | null =>
    g && { ...extreme(g, "speed"), direction: r(g.direction, "direction") };
  const window = (w: RainWindow): RainWindow => ({
    ...w,
    total: r(w.total, "rain"),
    maxRate: extreme(w.maxRate, "rainRate"),
  });
  const { wind, rain } = c;
  return {
    at: c.at,
    temperature: measure(c.temperature, "temperature"),
    humidity: measure(c.humidity, "humidity"),
    dewpoint: measure(c.dewpoint, "temperature"),
    feelsLike: measure(c.feelsLike, "temperature"),
    pressure: { ...measure(c.pressure, "pressure"), trend3h: r(c.pressure.trend3h, "pressure") },
    uv: measure(c.uv, "uv"),
    radiation: measure(c.radiation, "radiation"),
    etToday: r(c.etToday, "evapotranspiration"),
    wind: {
      instant: mean(wind.instant),
      mean10min: mean(wind.mean10min),
      mean1h: mean(wind.mean1h),
      gustInstant: r(wind.gustInstant, "speed"),
      gust10min: gust(wind.gust10min),
      gust1h: gust(wind.gust1h),
      gustToday: gust(wind.gustToday),
      directions10min: wind.directions10min.map((d) => r(d, "direction") ?? d),
    },
    rain: {
      rate: r(rain.rate, "rainRate"),
      maxRateToday: extreme(rain.maxRateToday, "rainRate"),
      last1h: r(rain.last1h, "rain"),
      last3h: r(rain.last3h, "rain"),
      last12h: r(rain.last12h, "rain"),
      last24h: r(rain.last24h, "rain"),
      sinceMidnight: r(rain.sinceMidnight, "rain"),
      day0606: window(rain.day0606),
      previousDay0606: window(rain.previousDay0606),
      last7d: r(rain.last7d, "rain"),
      month: r(rain.month, "rain"),
      year: r(rain.year, "rain"),
    },
  };
}

export type PublicStation = Pick<
  Station,
  | "slug"
  | "name"
  | "shortName"
  | "commune"
  | "latitude"
  | "longitude"
  | "altitude"
  | "timezone"
  | "zone"
  | "hasUv"
  | "hasRadiation"
  | "offlineThresholdMinutes"
>;

/** The zones as the API has always published them (the French codes), whatever their names in the code. */
const PUBLIC_ZONE: Record<Zone, string> = { COAST: "LITTORAL", MIDLAND: "MOYEN_PAYS", HIGHLAND: "HAUT_PAYS" };

export function stationJson(station: PublicStation, url: string) {
  return {
    slug: station.slug,
    name: station.name,
    shortName: station.shortName,
    commune: station.commune,
    latitude: station.latitude,
    longitude: station.longitude,
    altitude: station.altitude,
    timezone: station.timezone,
    zone: PUBLIC_ZONE[station.zone],
    sensors: { uv: station.hasUv, radiation: station.hasRadiation },
    offlineThresholdMinutes: station.offlineThresholdMinutes,
    url,
  };
}

export interface CurrentJson {
  /** Time of the newest record, null without any. */
  time: string | null;
  ageSeconds: number | null;
  offline: boolean;
  /** French explanation when the archive cannot be read. */
  unavailable: string | null;
  conditions: ConditionsJson | null;
}

export function currentJson(station: PublicStation, loaded: LoadedConditions, now: number): CurrentJson {
  const at = loaded.conditions?.at ?? null;
  const { ageSeconds, offline } = freshness(at, station.offlineThresholdMinutes, now);
  return {
    time: at === null ? null : iso(at),
    ageSeconds: ageSeconds === null ? null : Math.round(ageSeconds),
    offline,
    unavailable: loaded.unavailable,
    conditions: loaded.conditions ? withIsoTimes(roundConditions(loaded.conditions)) : null,
  };
}

/** The flat columns of current conditions in CSV (one row per station). */
const CONDITION_COLUMNS: [name: string, unit: string, value: (c: CurrentConditions) => CsvValue][] = [
  ["time", "", (c) => iso(c.at)],
  ["outTemp", "°C", (c) => c.temperature.current],
  ["outTempMinToday", "°C", (c) => c.temperature.min?.value],
  ["outTempMinTodayTime", "", (c) => c.temperature.min && iso(c.temperature.min.at)],
  ["outTempMaxToday", "°C", (c) => c.temperature.max?.value],
  ["outTempMaxTodayTime", "", (c) => c.temperature.max && iso(c.temperature.max.at)],
  ["outHumidity", "%", (c) => c.humidity.current],
  ["dewpoint", "°C", (c) => c.dewpoint.current],
  ["feelsLike", "°C", (c) => c.feelsLike.current],
  ["barometer", "hPa", (c) => c.pressure.current],
  ["barometerTrend3h", "hPa", (c) => c.pressure.trend3h],
  ["windSpeed", "km/h", (c) => c.wind.instant.speed],
  ["windDir", "°", (c) => c.wind.instant.direction],
  ["windSpeed10min", "km/h", (c) => c.wind.mean10min.speed],
  ["windDir10min", "°", (c) => c.wind.mean10min.direction],
  ["windGust10min", "km/h", (c) => c.wind.gust10min?.value],
  ["windGustToday", "km/h", (c) => c.wind.gustToday?.value],
  ["windGustTodayDir", "°", (c) => c.wind.gustToday?.direction],
  ["windGustTodayTime", "", (c) => c.wind.gustToday && iso(c.wind.gustToday.at)],
  ["rainRate", "mm/h", (c) => c.rain.rate],
  ["rain1h", "mm", (c) => c.rain.last1h],
  ["rain24h", "mm", (c) => c.rain.last24h],
  ["rainSinceMidnight", "mm", (c) => c.rain.sinceMidnight],
  ["rain0606", "mm", (c) => c.rain.day0606.total],
  ["rainMonth", "mm", (c) => c.rain.month],
  ["rainYear", "mm", (c) => c.rain.year],
  ["UV", "", (c) => c.uv.current],
  ["radiation", "W/m²", (c) => c.radiation.current],
  ["ETToday", "mm", (c) => c.etToday],
];

/** CSV of current conditions: a row per station. */
export function conditionsCsv(rows: { slug: string; conditions: CurrentConditions | null }[]): string {
  let csv = csvLine(["station", ...CONDITION_COLUMNS.map(([name, unit]) => csvHeader(name, unit))]);
  for (const { slug, conditions } of rows) {
    const rounded = conditions && roundConditions(conditions);
    csv += csvLine([slug, ...CONDITION_COLUMNS.map(([, , value]) => (rounded ? value(rounded) : null))]);
  }
  return csv;
}

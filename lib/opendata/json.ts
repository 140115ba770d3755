import type { CurrentConditions } from "../conditions/current";
import type { LoadedConditions } from "../conditions/load";
import { type CsvValue, csvLine } from "../csv";
import type { Station } from "../generated/prisma/client";
import type { SeriesRow } from "../series/compute";
import type { Column } from "../series/fields";
import type { Step } from "../series/steps";

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

export const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");

/** Values rounded to 3 decimals for files: unit conversions leave long tails (5.459999999999934). */
export const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * `value` with its times as ISO-8601, ready for JSON. Numbers stay exact: the station home shows these
 * values, and rounding twice (here, then to one decimal) would turn 5.6499… into 5,7.
 */
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
    zone: station.zone,
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
  const ageSeconds = at === null ? null : Math.max(0, Math.round(now - at));
  return {
    time: at === null ? null : iso(at),
    ageSeconds,
    offline: ageSeconds === null || ageSeconds > station.offlineThresholdMinutes * 60,
    unavailable: loaded.unavailable,
    conditions: loaded.conditions ? withIsoTimes(loaded.conditions) : null,
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

const header = (name: string, unit: string) => (unit ? `${name} (${unit})` : name);

/** CSV of current conditions: a row per station. */
export function conditionsCsv(rows: { slug: string; conditions: CurrentConditions | null }[]): string {
  let csv = csvLine(["station", ...CONDITION_COLUMNS.map(([name, unit]) => header(name, unit))]);
  for (const { slug, conditions } of rows)
    csv += csvLine([
      slug,
      ...CONDITION_COLUMNS.map(([, , value]) => (conditions ? value(conditions) : null)),
    ]);
  return csv;
}

/** Values rounded to 3 decimals (conversions leave long tails), times as ISO-8601. */
function cell(value: number | null, column: { time?: boolean }): string | number | null {
  if (value === null) return null;
  return column.time ? iso(value) : round3(value);
}

/** The leading columns every row has besides its fields. */
function rowColumns(step: Step, columns: readonly Column[]) {
  const aggregated = step !== "raw";
  return [
    ...(step === "1d" ? [{ name: "date", unit: "", label: "Jour (heure locale de la station)" }] : []),
    ...(aggregated
      ? [
          { name: "start", unit: "", label: "Début de la période (exclu)", time: true },
          { name: "time", unit: "", label: "Fin de la période (incluse)", time: true },
          { name: "records", unit: "", label: "Nombre de relevés" },
          { name: "coverage", unit: "", label: "Part de la période couverte par des relevés (0 à 1)" },
        ]
      : [{ name: "time", unit: "", label: "Heure du relevé (fin de son intervalle)", time: true }]),
    ...columns,
  ];
}

export interface SeriesShape {
  step: Step;
  columns: Column[];
  /** Local day of a row ("YYYY-MM-DD"), for daily rows. */
  dayOf?: (row: SeriesRow) => string;
}

/** The column descriptions of a series response. */
export function seriesColumnsJson(shape: SeriesShape) {
  return rowColumns(shape.step, shape.columns).map(({ name, unit, label }) => ({
    name,
    unit: unit || null,
    description: label,
  }));
}

/** Series rows as JSON objects. */
export function seriesRowsJson(shape: SeriesShape, rows: readonly SeriesRow[]) {
  const columns = rowColumns(shape.step, shape.columns);
  return rows.map((row) =>
    Object.fromEntries(
      columns.map((column) => [
        column.name,
        column.name === "date" ? shape.dayOf!(row) : cell(row[column.name] ?? null, column),
      ]),
    ),
  );
}

/** The CSV header line of a series. */
export function seriesCsvHeader(shape: SeriesShape): string {
  return csvLine(rowColumns(shape.step, shape.columns).map(({ name, unit }) => header(name, unit)));
}

/** CSV lines of series rows (streamed by chunks). */
export function seriesCsvRows(shape: SeriesShape, rows: readonly SeriesRow[]): string {
  const columns = rowColumns(shape.step, shape.columns);
  let csv = "";
  for (const row of rows)
    csv += csvLine(
      columns.map((column) =>
        column.name === "date" ? shape.dayOf!(row) : cell(row[column.name] ?? null, column),
      ),
    );
  return csv;
}

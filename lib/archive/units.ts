import { UserError } from "../errors";
/**
 * WeeWX unit systems and their conversion to the units the platform shows everywhere:
 * °C, hPa, km/h, mm, mm/h, km, m. See shared/reference/weewx-archive.md.
 */

export const US = 1;
export const METRIC = 16;
export const METRICWX = 17;
export type UnitSystem = typeof US | typeof METRIC | typeof METRICWX;

export class UnknownUnitSystemError extends UserError {
  constructor(
    readonly usUnits: unknown,
    context: string,
  ) {
    super(`${context}: unknown usUnits ${String(usUnits)} (expected 1 = US, 16 = METRIC or 17 = METRICWX)`);
    this.name = "UnknownUnitSystemError";
  }
}

export function isUnitSystem(value: unknown): value is UnitSystem {
  return value === US || value === METRIC || value === METRICWX;
}

/** WeeWX unit groups that differ between systems; every other column is unit-free (%, °, UV, W/m²…). */
export type UnitGroup = "temperature" | "pressure" | "speed" | "rain" | "rainRate" | "distance" | "altitude";

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

const GROUP_COLUMNS: Record<UnitGroup, string[]> = {
  temperature: [
    "outTemp",
    "inTemp",
    "dewpoint",
    "inDewpoint",
    "windchill",
    "heatindex",
    "appTemp",
    "humidex",
    "heatingTemp",
    "lowOutTemp",
    "highOutTemp",
    "dewpoint1",
    "heatindex1",
    "appTemp1",
    "humidex1",
    ...numbered("extraTemp", 8),
    ...numbered("soilTemp", 4),
    ...numbered("leafTemp", 2),
  ],
  pressure: ["barometer", "pressure", "altimeter"],
  speed: ["windSpeed", "windGust", "windSpeed10"],
  rain: ["rain", "ET", "hail", "snow", "snowDepth"],
  rainRate: ["rainRate", "hailRate", "snowRate"],
  distance: ["windrun", "lightning_distance"],
  altitude: ["cloudbase"],
};

export const COLUMN_GROUP: ReadonlyMap<string, UnitGroup> = new Map(
  Object.entries(GROUP_COLUMNS).flatMap(([group, columns]) =>
    columns.map((column) => [column, group as UnitGroup] as const),
  ),
);

type Converter = (value: number) => number;
const identity: Converter = (v) => v;

const CONVERT: Record<UnitSystem, Record<UnitGroup, Converter>> = {
  [US]: {
    temperature: (f) => ((f - 32) * 5) / 9,
    pressure: (inHg) => inHg * 33.86389,
    speed: (mph) => mph * 1.609344,
    rain: (inch) => inch * 25.4,
    rainRate: (inchPerHour) => inchPerHour * 25.4,
    distance: (mile) => mile * 1.609344,
    altitude: (foot) => foot * 0.3048,
  },
  [METRIC]: {
    temperature: identity,
    pressure: identity,
    speed: identity,
    // The trap: METRIC rain is in centimetres.
    rain: (cm) => cm * 10,
    rainRate: (cmPerHour) => cmPerHour * 10,
    distance: identity,
    altitude: identity,
  },
  [METRICWX]: {
    temperature: identity,
    pressure: identity,
    speed: (metresPerSecond) => metresPerSecond * 3.6,
    rain: identity,
    rainRate: identity,
    distance: identity,
    altitude: identity,
  },
};

/** Converts one archive value of `column` from `usUnits` to the platform's metric units. */
export function toMetric(column: string, value: number | null, usUnits: UnitSystem): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const group = COLUMN_GROUP.get(column);
  return group ? CONVERT[usUnits][group](value) : value;
}

/** Converts a metric value back into `usUnits` (used to write demo and test archives as WeeWX would). */
export function fromMetric(column: string, value: number | null, usUnits: UnitSystem): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const group = COLUMN_GROUP.get(column);
  if (!group) return value;
  const forward = CONVERT[usUnits][group];
  if (forward === identity) return value;
  // Every converter is affine: invert it from two points.
  const offset = forward(0);
  const scale = forward(1) - offset;
  return (value - offset) / scale;
}

import type { SensorGroup } from "../generated/prisma/enums";

/**
 * The figures of the quality-control checks (lib/qc/checks.ts): which quantities are checked, their units,
 * gross limits, step limits, persistence durations and the département's default climatological limits.
 * Limits are in metric units (°C, %, hPa, km/h, mm, mm/h, W/m²), the archive reader's.
 */

/** The archive fields the checks read. */
export const QC_FIELDS = [
  "outTemp",
  "dewpoint",
  "outHumidity",
  "barometer",
  "windSpeed",
  "windDir",
  "windGust",
  "rain",
  "rainRate",
  "radiation",
  "UV",
] as const;
export type QcField = (typeof QC_FIELDS)[number];

/** The flag's quantity when the whole record is at fault (time checks). */
export const RECORD = "record";
export type QcQuantity = QcField | typeof RECORD;

/** The sensor group (and so the invalidation) a flagged quantity belongs to. */
export const SENSOR_OF: Record<QcQuantity, SensorGroup> = {
  outTemp: "TEMPERATURE",
  dewpoint: "HUMIDITY",
  outHumidity: "HUMIDITY",
  barometer: "PRESSURE",
  windSpeed: "WIND",
  windDir: "WIND",
  windGust: "WIND",
  rain: "RAIN",
  rainRate: "RAIN",
  radiation: "SOLAR",
  UV: "SOLAR",
  record: "ALL",
};

export const UNIT_OF: Record<QcQuantity, string> = {
  outTemp: "°C",
  dewpoint: "°C",
  outHumidity: "%",
  barometer: "hPa",
  windSpeed: "km/h",
  windDir: "°",
  windGust: "km/h",
  rain: "mm",
  rainRate: "mm/h",
  radiation: "W/m²",
  UV: "",
  record: "",
};

/** French names of the quantities, for the admin screen and the e-mails. */
export const QUANTITY_LABEL: Record<QcQuantity, string> = {
  outTemp: "température",
  dewpoint: "point de rosée",
  outHumidity: "humidité",
  barometer: "pression",
  windSpeed: "vent moyen",
  windDir: "direction du vent",
  windGust: "rafale",
  rain: "pluie",
  rainRate: "intensité de pluie",
  radiation: "rayonnement solaire",
  UV: "UV",
  record: "relevé entier",
};

/** Physically impossible values, whatever the station (erroneous). Rain is per minute of interval. */
export const GROSS: Record<QcField, [min: number, max: number]> = {
  outTemp: [-40, 50],
  dewpoint: [-50, 40],
  outHumidity: [1, 100],
  barometer: [920, 1060],
  windSpeed: [0, 200],
  windDir: [0, 360],
  windGust: [0, 250],
  rain: [0, 2.5],
  rainRate: [0, 500],
  radiation: [0, 1500],
  UV: [0, 16],
};

/**
 * Largest change between two records 5 minutes apart before a value is suspect; twice as much is
 * erroneous. Limits grow with the square root of the time between the records (changes over longer
 * intervals partly cancel out). A foehn onset (+8 °C in 15 min) or a squall's pressure jump stay below.
 */
export const STEP_PER_5_MIN: Partial<Record<QcField, number>> = {
  outTemp: 5,
  dewpoint: 6,
  outHumidity: 35,
  barometer: 2,
};

/** Persistence: how long a quantity may keep exactly the same value, in hours (suspect, erroneous). */
export const PERSISTENCE_HOURS: Partial<Record<QcField, [suspect: number, erroneous: number]>> = {
  outTemp: [2, 4],
  outHumidity: [12, 24],
  barometer: [6, 12],
};
/** Humidity saturated (≥ 99 %) for days: a sensor soaked or dead (fog rarely lasts two days). */
export const SATURATED_HUMIDITY_HOURS: [number, number] = [30, 48];
/** Rain falling at exactly the same amount per record for hours: a gauge tipping by itself. */
export const CONSTANT_RAIN_HOURS: [number, number] = [1.5, 3];
/** Wind exactly 0 (speed and gust) for this long while the neighbours' median gust is at least… */
export const CALM_HOURS = 2;
export const NEIGHBOUR_GUST_KMH = 15;
/** …or, without neighbours, wind and gust exactly 0 for days. */
export const CALM_ALONE_HOURS: [number, number] = [24, 48];

/** Spatial consistency: neighbours within this distance, and how many must report. */
export const NEIGHBOUR_RADIUS_KM = 40;
export const MIN_NEIGHBOURS = 3;
/** Lapse rate for the altitude correction of temperature, °C per km. */
export const LAPSE_RATE = 6.5;
/** Deviation from the neighbours' median: robust sigmas (1.4826 MAD) and floors (suspect, erroneous). */
export const SPATIAL: Partial<Record<QcField, { sigmas: [number, number]; floor: [number, number] }>> = {
  outTemp: { sigmas: [4, 8], floor: [5, 10] },
  barometer: { sigmas: [4, 8], floor: [3, 6] },
};
/** Rain/no-rain: an hour's total at the station vs its neighbours (mm). */
export const RAIN_ALONE_MM = 2;
export const RAIN_MISSED_MM = 3;

/** Climatological limits: margin around the station's own monthly extremes (°C), history needed (days). */
export const CLIMATE_MARGIN = 3;
export const CLIMATE_HISTORY_DAYS = 365;
/**
 * Alpes-Maritimes defaults before a station has a year of history: the lowest and highest temperatures
 * plausible at sea level per month (Nice's records widened by a few degrees), lowered by the lapse rate
 * with altitude.
 */
export const DEPARTEMENT_TEMPERATURE: readonly [number, number][] = [
  [-12, 25],
  [-12, 27],
  [-10, 29],
  [-6, 31],
  [-2, 35],
  [2, 39],
  [5, 41],
  [5, 41],
  [1, 38],
  [-3, 33],
  [-8, 28],
  [-11, 25],
];

/** Internal consistency. */
export const DEWPOINT_MARGIN = 0.5;
export const GUST_MARGIN = 0.5;
export const RAIN_DRY_HUMIDITY = 35;
export const RATE_WITHOUT_RAIN_MM_H = 1;
export const NIGHT_RADIATION = 25;
/** Sun elevation (degrees) under which radiation must be ~0. */
export const NIGHT_ELEVATION = -3;

/** Time checks: a record this far in the future is erroneous (seconds). */
export const FUTURE_TOLERANCE = 600;

/** Checks a manager may tune (the tolerance multiplies their limits), with French names. */
export const TUNABLE_CHECKS = {
  step: "Variation entre deux relevés",
  persistence: "Valeur bloquée",
  spatial: "Écart aux stations voisines",
  climate: "Limites climatologiques",
} as const;
export type TunableCheck = keyof typeof TUNABLE_CHECKS;

/** French names of every check. */
export const CHECK_LABEL: Record<string, string> = {
  gross: "Valeur impossible",
  ...TUNABLE_CHECKS,
  consistency: "Incohérence entre capteurs",
  time: "Horodatage",
};

/** Short French names of the sensor groups, for the e-mails and the admin screen. */
export const SENSOR_NAME: Record<SensorGroup, string> = {
  TEMPERATURE: "température",
  HUMIDITY: "humidité",
  PRESSURE: "pression",
  WIND: "vent",
  RAIN: "pluie",
  SOLAR: "rayonnement",
  ALL: "horodatage des relevés",
};

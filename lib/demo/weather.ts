import { fromMetric, type UnitSystem } from "../archive/units";
import {
  apparentTemperature,
  heatIndex,
  humidex,
  relativeHumidity,
  stationPressure,
  windChill,
} from "../weather/formulas";
import { solarElevation } from "../weather/sun";

/**
 * Synthetic but plausible weather for demo and test archives, as a pure function of time: the value at
 * time t depends only on the seed and t, so an archive can be extended later and stay consistent.
 * Smooth noise at several time scales drives pressure systems, cloud and rain events; the sun drives
 * radiation, UV and the diurnal cycle.
 */

export type Climate = "coastal" | "hill" | "mountain";

export interface WeatherProfile {
  seed: number;
  latitude: number;
  longitude: number;
  altitude: number;
  climate: Climate;
  usUnits: UnitSystem;
  /** Interval in minutes, by period: [{ until, minutes }] sorted by `until`; the last one applies after. */
  intervals: readonly { until: number; minutes: number }[];
  /** Has UV and solar radiation sensors. */
  solar: boolean;
  /** Has a radio console (reception and battery columns). */
  console: boolean;
}

const DAY = 86400;

/** Deterministic hash of (seed, i) to [0, 1). */
export function hash01(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [-1, 1] of a continuous coordinate. */
export function noise(seed: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const u = f * f * (3 - 2 * f);
  const a = hash01(seed, i);
  const b = hash01(seed, i + 1);
  return (a + (b - a) * u) * 2 - 1;
}

const CLIMATE = {
  coastal: { halfAmplitude: 3.6, depression: 5, wind: 1, breeze: 1 },
  hill: { halfAmplitude: 4.8, depression: 6.5, wind: 0.8, breeze: 0.5 },
  mountain: { halfAmplitude: 5.5, depression: 7, wind: 1.4, breeze: 0 },
} as const;

/** Seasonal phase: +1 at the end of July, -1 at the end of January. */
function season(t: number): number {
  const dayOfYear = ((t / DAY) % 365.2425) - 10; // unix day 0 is 1 January
  return Math.cos((2 * Math.PI * (dayOfYear - 205)) / 365.2425);
}

/** 0 in summer, 1 in October–November: the Côte d'Azur's wet season. */
function autumnWetness(t: number): number {
  const dayOfYear = (t / DAY) % 365.2425;
  return Math.exp(-(((dayOfYear - 305) / 45) ** 2)) + 0.55 * Math.exp(-(((dayOfYear - 40) / 70) ** 2));
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function intervalAt(profile: WeatherProfile, t: number): number {
  for (const period of profile.intervals) if (t <= period.until) return period.minutes;
  return profile.intervals[profile.intervals.length - 1].minutes;
}

/** Metric values of one archive record ending at t (seconds) over `interval` minutes. */
export function metricWeather(
  profile: WeatherProfile,
  t: number,
  interval: number,
): Record<string, number | null> {
  const s = profile.seed;
  const c = CLIMATE[profile.climate];
  const localHour = (((t / 3600 + profile.longitude / 15) % 24) + 24) % 24;
  const diurnal =
    0.85 * Math.cos((2 * Math.PI * (localHour - 14.5)) / 24) +
    0.15 * Math.cos((4 * Math.PI * (localHour - 11)) / 24);
  const summer = (season(t) + 1) / 2;

  // Pressure systems and humidity of the air mass.
  const synoptic = noise(s + 1, t / (3.5 * DAY)) * 0.7 + noise(s + 2, t / (12 * DAY)) * 0.3;
  const wetness =
    0.6 * noise(s + 3, t / (1.7 * DAY)) + 0.4 * noise(s + 4, t / (0.45 * DAY)) - 0.25 * synoptic;
  const threshold = 0.6 - 0.24 * autumnWetness(t) + 0.12 * summer;
  const storm = Math.max(0, (wetness - threshold) / (1 - threshold));
  const cell = 0.25 + 1.5 * hash01(s + 5, Math.floor(t / 1200));
  const altitudeBoost = 1 + profile.altitude / 2500;
  const rainRate = storm > 0 ? 6 * storm ** 1.4 * cell * altitudeBoost : 0;
  const raining = rainRate >= 0.2;

  const cloud = raining
    ? 1
    : Math.min(1, Math.max(0, 0.45 + 0.7 * wetness + 0.25 * noise(s + 6, t / (0.3 * DAY))));

  // Temperature: season, altitude, air mass, diurnal cycle damped by cloud, rain cooling.
  const seaLevelMean = 16.3 + 7.3 * season(t);
  const airMass = 3.5 * noise(s + 7, t / (4 * DAY)) + 1.8 * noise(s + 8, t / (15 * DAY));
  const outTemp =
    seaLevelMean -
    (6.5 * profile.altitude) / 1000 +
    airMass +
    c.halfAmplitude * (1 - 0.6 * cloud) * diurnal -
    (raining ? 1.5 : 0) +
    0.25 * noise(s + 9, t / 1800);

  const depression = raining
    ? 0.3 + 0.5 * hash01(s + 10, Math.floor(t / 600))
    : Math.max(
        0.4,
        c.depression * (0.6 + 0.5 * summer) * (1 - 0.6 * wetness) +
          2.5 * Math.max(0, diurnal) +
          1.5 * noise(s + 11, t / (0.5 * DAY)),
      );
  const dewpoint = outTemp - depression;
  const outHumidity = Math.round(relativeHumidity(outTemp, dewpoint));

  // Wind: synoptic flow plus a sea breeze on the coast (south by day, land breeze from the north at night).
  const flowSpeed = (6 + 14 * Math.max(0, noise(s + 12, t / (1.2 * DAY))) + 25 * storm) * c.wind;
  const flowDir = 360 * (0.5 + 0.5 * noise(s + 13, t / (3 * DAY))) + 40 * noise(s + 14, t / 3600);
  const breeze = c.breeze * (2 + 8 * summer) * diurnal;
  const breezeDir = breeze >= 0 ? 190 : 10;
  const vx =
    flowSpeed * Math.sin((flowDir * Math.PI) / 180) +
    Math.abs(breeze) * Math.sin((breezeDir * Math.PI) / 180);
  const vy =
    flowSpeed * Math.cos((flowDir * Math.PI) / 180) +
    Math.abs(breeze) * Math.cos((breezeDir * Math.PI) / 180);
  const rawSpeed = Math.max(0, Math.hypot(vx, vy) * (0.75 + 0.25 * noise(s + 15, t / 900)));
  const calm = rawSpeed < 1;
  const windSpeed = calm ? 0 : round(rawSpeed, 1);
  const windDir = calm
    ? null
    : Math.round(((Math.atan2(vx, vy) * 180) / Math.PI + 360 + 15 * noise(s + 16, t / 600)) % 360);
  const windGust = round(windSpeed * (1.3 + 0.4 * hash01(s + 17, t)) + 3 * hash01(s + 18, t), 1);
  const windGustDir =
    windDir == null ? null : Math.round((windDir + 20 * (hash01(s + 19, t) - 0.5) + 360) % 360);

  const barometer = round(
    1016 + 8 * synoptic - 9 * Math.max(0, wetness) + 0.6 * Math.cos((4 * Math.PI * (localHour - 10)) / 24),
    1,
  );

  // Sun.
  const elevation = solarElevation(t - (interval * 60) / 2, profile.latitude, profile.longitude);
  const sinElevation = Math.sin((Math.max(0, elevation) * Math.PI) / 180);
  const clearSky = elevation > 0 ? 1098 * sinElevation * Math.exp(-0.057 / Math.max(sinElevation, 0.01)) : 0;
  const radiation = Math.round(clearSky * (1 - 0.75 * cloud ** 3.4));
  const uv =
    elevation > 0
      ? round(11 * sinElevation ** 2.5 * (1 - 0.6 * cloud) * (1 + profile.altitude / 12000), 1)
      : 0;
  const et = (radiation * interval * 60 * 0.55) / 2.45e6;

  const rain = rainRate * (interval / 60);
  const values: Record<string, number | null> = {
    outTemp: round(outTemp, 2),
    dewpoint: round(dewpoint, 2),
    outHumidity,
    barometer,
    pressure: round(stationPressure(barometer, profile.altitude), 1),
    altimeter: round(barometer - 0.2, 1),
    windSpeed,
    windDir,
    windGust,
    windGustDir,
    windrun: round((windSpeed * interval) / 60, 2),
    rain: round(rain, 3),
    rainRate: raining ? round(rainRate * (1 + 0.3 * hash01(s + 20, t)), 1) : 0,
    windchill: round(windChill(outTemp, windSpeed), 2),
    heatindex: round(heatIndex(outTemp, outHumidity), 2),
    humidex: round(humidex(outTemp, dewpoint), 2),
    appTemp: round(apparentTemperature(outTemp, outHumidity, windSpeed), 2),
    cloudbase: Math.round(Math.max(0, depression) * 125 + profile.altitude),
    inTemp: round(19.5 + 2.5 * summer + 0.8 * diurnal, 1),
    inHumidity: Math.round(48 + 8 * summer + 3 * noise(s + 21, t / DAY)),
  };
  if (profile.solar) {
    values.radiation = radiation;
    values.maxSolarRad = Math.round(clearSky);
    values.UV = uv;
    values.ET = round(et, 4);
  }
  if (profile.console) {
    values.rxCheckPercent = Math.round(Math.min(100, 93 + 7 * noise(s + 22, t / 7200) - (raining ? 6 : 0)));
    // A console battery slowly discharging over ~5 months, then replaced.
    values.consBatteryVoltage = round(
      4.75 - 0.6 * ((t / (150 * DAY)) % 1) ** 2 + 0.02 * noise(s + 23, t / DAY),
      2,
    );
  }
  return values;
}

/** One archive row as WeeWX would write it, in the profile's unit system. */
export function archiveRow(profile: WeatherProfile, t: number): Record<string, number | null> {
  const interval = intervalAt(profile, t);
  const row: Record<string, number | null> = { dateTime: t, usUnits: profile.usUnits, interval };
  for (const [column, value] of Object.entries(metricWeather(profile, t, interval))) {
    row[column] = fromMetric(column, value, profile.usUnits);
  }
  return row;
}

/** Outages of the station (no rows at all), deterministic per 20-day slot: about one every two months. */
export function inOutage(profile: WeatherProfile, t: number, keepFrom: number): boolean {
  if (t >= keepFrom) return false;
  const slotLength = 20 * DAY;
  const slot = Math.floor(t / slotLength);
  for (const candidate of [slot - 1, slot]) {
    if (hash01(profile.seed + 30, candidate) >= 0.33) continue;
    const start = candidate * slotLength + hash01(profile.seed + 31, candidate) * slotLength;
    const length = 1800 * (1 + Math.floor(hash01(profile.seed + 32, candidate) ** 3 * 140));
    if (t > start && t <= start + length) return true;
  }
  return false;
}

/** The record timestamps after `from` up to `to` (inclusive), aligned on the interval, skipping outages. */
export function* recordTimes(profile: WeatherProfile, from: number, to: number, keepFrom = to - 3 * DAY) {
  let t = from;
  for (;;) {
    const step = intervalAt(profile, t + 60) * 60;
    t = Math.floor(t / step) * step + step;
    if (t > to) return;
    if (!inOutage(profile, t, keepFrom)) yield t;
  }
}

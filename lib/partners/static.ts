import type { Observation } from "../archive/reader";
import { circularMean } from "../weather/wind";
import { extreme, fixed, mean, sum, utcClock, utcDate, utcDayStart, utcYearStart, within } from "./values";

/**
 * StatIC (Infoclimat): the text file uploaded every 10 minutes, built from metric archive records.
 * Layout and fields: shared/reference/partners.md. All times are UTC; a missing sensor gives an empty
 * value. A record stamped at midnight closes the previous day (see utcDayStart).
 */

/** Archive columns the file is made of. */
export const STATIC_FIELDS = [
  "outTemp",
  "barometer",
  "outHumidity",
  "dewpoint",
  "windSpeed",
  "windDir",
  "windGust",
  "rainRate",
  "rain",
  "radiation",
  "UV",
] as const;

/** The `version=` line: this platform's name and version. */
export const STATIC_SOFTWARE = "Meteo06-1.0";

/** Nothing is uploaded when the newest record is this old or older (no stale data sent as current). */
export const STATIC_MAX_AGE_SECONDS = 20 * 60;

export function staticFileName(partnerStationId: string): string {
  return `StatIC_${partnerStationId}.txt`;
}

/** What the file needs around its newest record `t`: the records of (from, t] and the year's rain before `dayStart`. */
export function staticWindow(t: number): { from: number; dayStart: number; yearStart: number } {
  const dayStart = utcDayStart(t);
  return { from: Math.min(dayStart, t - 3600), dayStart, yearStart: utcYearStart(t) };
}

export interface StaticSource {
  /** Oldest first; the newest is the reading reported. Must cover staticWindow(newest).from onwards. */
  records: readonly Observation[];
  /** Rain (mm) from 1 January 00:00 UTC to the start of the newest record's UTC day; null if none recorded. */
  rainYearBeforeDay: number | null;
}

/** The exact StatIC file text for the newest record of `source`. */
export function buildStaticFile(partnerStationId: string, source: StaticSource): string {
  const newest = source.records.at(-1);
  if (!newest) throw new Error("a StatIC file needs at least one record");
  const t = newest.dateTime;
  const { dayStart } = staticWindow(t);
  const lastTenMinutes = within(source.records, t - 600, t);
  const lastHour = within(source.records, t - 3600, t);
  const today = within(source.records, dayStart, t);

  const windSpeed = fixed(mean(lastTenMinutes, "windSpeed"), 1);
  const meanDirection =
    windSpeed !== "" && Number(windSpeed) > 0
      ? circularMean(lastTenMinutes.map((r) => r.windDir ?? null))
      : null;
  const direction = meanDirection == null ? "" : String(Number(fixed(meanDirection, 0)) % 360);

  const rainToday = sum(today, "rain");
  const rainYear =
    rainToday == null && source.rainYearBeforeDay == null
      ? null
      : (source.rainYearBeforeDay ?? 0) + (rainToday ?? 0);
  const maxRate = extreme(today, "rainRate", "max");
  const tn = extreme(today, "outTemp", "min");
  const tx = extreme(today, "outTemp", "max");
  const maxOf = (field: string) => extreme(lastTenMinutes, field, "max")?.value ?? null;

  const lines: [string, string][] = [
    ["# INFORMATIONS", ""],
    ["id_station", partnerStationId],
    ["type", "txt"],
    ["version", STATIC_SOFTWARE],
    ["date_releve", utcDate(t)],
    ["heure_releve_utc", utcClock(t)],
    ["# PARAMETRES TEMPS REEL", ""],
    ["temperature", fixed(newest.outTemp, 1)],
    ["pression", fixed(newest.barometer, 1)],
    ["humidite", fixed(newest.outHumidity, 0)],
    ["point_de_rosee", fixed(newest.dewpoint, 1)],
    ["vent_dir_moy", direction],
    ["vent_moyen", windSpeed],
    ["vent_rafales", fixed(maxOf("windGust"), 1)],
    ["pluie_intensite", fixed(newest.rainRate, 1)],
    ["pluie_intensite_maxi_1h", fixed(extreme(lastHour, "rainRate", "max")?.value, 1)],
    ["# PARAMETRES TEMPS PASSE", ""],
    ["pluie_cumul_1h", fixed(sum(lastHour, "rain"), 1)],
    ["pluie_cumul", fixed(rainToday, 1)],
    ["pluie_cumul_heure_utc", rainToday == null ? "" : utcClock(t)],
    ["pluie_cumul_annee", fixed(rainYear, 1)],
    ["pluie_intensite_maxi", fixed(maxRate?.value, 1)],
    ["pluie_intensite_maxi_heure_utc", maxRate ? utcClock(maxRate.dateTime) : ""],
    ["tn_heure_utc", tn ? utcClock(tn.dateTime) : ""],
    ["tn_deg_c", fixed(tn?.value, 1)],
    ["tx_heure_utc", tx ? utcClock(tx.dateTime) : ""],
    ["tx_deg_c", fixed(tx?.value, 1)],
    ["# ENSOLEILLEMENT", ""],
    ["radiations_solaires_wlk", fixed(newest.radiation, 0)],
    ["uv_wlk", fixed(newest.UV, 1)],
  ];
  return lines.map(([key, value]) => (key.startsWith("#") ? `${key}\n` : `${key}=${value}\n`)).join("");
}

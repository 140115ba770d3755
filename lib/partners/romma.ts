import type { Observation } from "../archive/reader";
import { startOfLocalDay } from "../time";
import { fixed } from "./values";

/**
 * ROMMA: one GET per archive record, with the record's values as query parameters (metric units,
 * decimals per parameter; a missing value is omitted). shared/reference/partners.md has the table.
 */

export const ROMMA_ENDPOINT = "https://www.romma.fr/donneesdeweewx.php";

/** At most this far back is sent after an outage: older records are left unsent. */
export const ROMMA_CATCH_UP_SECONDS = 24 * 3600;

/** [parameter, archive column, decimals], in the order they are sent. */
const PARAMETERS: readonly (readonly [string, string, number])[] = [
  ["temp_e", "outTemp", 1],
  ["mintemp_e", "lowOutTemp", 1],
  ["maxtemp_e", "highOutTemp", 1],
  ["hum_e", "outHumidity", 0],
  ["baro", "barometer", 1],
  ["pluie", "rain", 1],
  // pluiejour is computed (rain since local midnight) and inserted here.
  ["ipluie", "rainRate", 1],
  ["vent", "windSpeed", 1],
  ["rafale", "windGust", 1],
  ["direction", "windDir", 0],
  ["rafale_dir", "windGustDir", 0],
  ["solaire", "radiation", 0],
  ["solaire_max", "highRadiation", 1],
  ["dew_point", "dewpoint", 1],
  ["windchill", "windchill", 1],
  ["humidex", "humidex", 1],
  ["temp_p1", "extraTemp1", 1],
  ["temp_p2", "extraTemp2", 1],
  ["temp_p3", "extraTemp3", 1],
  ["tempsoil1", "soilTemp1", 1],
  ["tempsoil2", "soilTemp2", 1],
  ["tempsoil3", "soilTemp3", 1],
  ["humsoil1", "soilMoist1", 0],
  ["humsoil2", "soilMoist2", 0],
  ["humsoil3", "soilMoist3", 0],
];

/** Archive columns ROMMA's parameters come from (lowOutTemp/highOutTemp/highRadiation only exist in some schemas). */
export const ROMMA_FIELDS: readonly string[] = PARAMETERS.map(([, column]) => column);

/** Start of the local day a record belongs to: a record stamped at midnight closes the day before. */
export function localDayStart(dateTime: number, timeZone: string): number {
  return startOfLocalDay(dateTime - 1, timeZone);
}

/** The query parameters of one record; `rainToday` is the rain since local midnight including it. */
export function rommaParams(
  record: Observation,
  rainToday: number | null,
  auth: { id: string; password: string },
): URLSearchParams {
  const params = new URLSearchParams({ id: auth.id, pwd: auth.password, date: String(record.dateTime) });
  for (const [name, column, decimals] of PARAMETERS) {
    const value = fixed(record[column], decimals);
    if (value !== "") params.append(name, value);
    if (name === "pluie") {
      const day = fixed(rainToday, 1);
      if (day !== "") params.append("pluiejour", day);
    }
  }
  return params;
}

export interface RommaRequest {
  dateTime: number;
  url: string;
}

/**
 * One request per record of `pending` (oldest first, all after the last acknowledged one).
 * `rainEarlierToday` is the rain of the first pending record's local day before that record
 * (null when none was recorded); the running day total restarts at each local midnight.
 */
export function rommaRequests(
  pending: readonly Observation[],
  rainEarlierToday: number | null,
  options: { id: string; password: string; endpoint: string; timeZone: string },
): RommaRequest[] {
  // The local day (dayStart, dayEnd] of the current record; recomputed only when a record leaves it.
  let dayStart = Number.NEGATIVE_INFINITY;
  let dayEnd = Number.NEGATIVE_INFINITY;
  let rainToday = rainEarlierToday;
  return pending.map((record, index) => {
    if (record.dateTime > dayEnd || record.dateTime <= dayStart) {
      dayStart = localDayStart(record.dateTime, options.timeZone);
      // Local days last 23 to 25 hours: the midnight after dayStart + 30 h is the next one.
      dayEnd = startOfLocalDay(dayStart + 30 * 3600, options.timeZone);
      if (index > 0) rainToday = null;
    }
    if (record.rain != null) rainToday = (rainToday ?? 0) + record.rain;
    const url = new URL(options.endpoint);
    for (const [name, value] of rommaParams(record, rainToday, options)) url.searchParams.append(name, value);
    return { dateTime: record.dateTime, url: url.toString() };
  });
}

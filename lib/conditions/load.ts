import type { RowDataPacket } from "mysql2/promise";
import { hourStart } from "../aggregates/compute";
import { ArchiveError, archives, type Observation } from "../archive/reader";
import { appSqlPool } from "../db";
import type { Station } from "../generated/prisma/client";
import { type SeriesRow, seriesFromRecords } from "../series/compute";
import { CHART_FIELDS } from "../series/fields";
import { describeUnavailable } from "../stations";
import { localMonthStart, localYearStart } from "../time";
import { type CurrentConditions, currentConditions, type RainBefore } from "./current";

/** Archive fields the current conditions need. */
export const CONDITION_FIELDS = [
  "outTemp",
  "outHumidity",
  "dewpoint",
  "barometer",
  "windSpeed",
  "windDir",
  "windGust",
  "windGustDir",
  "rain",
  "rainRate",
  "UV",
  "radiation",
  "ET",
];

export interface LoadedConditions {
  conditions: CurrentConditions | null;
  /** French explanation when the archive cannot be read. */
  unavailable: string | null;
}

/** Rain of the month and the year in the hours before `until` (hour start < until), from the hourly aggregates. */
async function rainBefore(
  stationId: number,
  monthStart: number,
  yearStart: number,
  until: number,
): Promise<RainBefore> {
  if (until <= yearStart) return { month: 0, year: 0 };
  const [[row]] = await appSqlPool().query<RowDataPacket[]>(
    "SELECT COALESCE(SUM(IF(start >= ?, rainSum, 0)), 0) AS month, COALESCE(SUM(rainSum), 0) AS year FROM HourlyAggregate WHERE stationId = ? AND start >= ? AND start < ?",
    [new Date(monthStart * 1000), stationId, new Date(yearStart * 1000), new Date(until * 1000)],
  );
  return { month: Number(row.month), year: Number(row.year) };
}

export type ConditionsStation = Pick<Station, "id" | "slug" | "archiveDatabase" | "timezone">;

/** The last seven days of records of a station and the rain aggregated before them. */
async function loadRecent(
  station: ConditionsStation,
): Promise<{ records: Observation[]; before: RainBefore } | null> {
  const newest = await archives().newestDateTime(station.archiveDatabase);
  if (newest === null) return null;
  const from = hourStart(newest - 7 * 86400);
  const [records, before] = await Promise.all([
    archives().range(station.archiveDatabase, from, newest, CONDITION_FIELDS),
    rainBefore(
      station.id,
      localMonthStart(newest, station.timezone),
      localYearStart(newest, station.timezone),
      from,
    ),
  ]);
  return { records, before };
}

/** A station's archive read failure as a French explanation (the details go to the log). */
function unavailable(station: ConditionsStation, error: unknown): string {
  if (!(error instanceof ArchiveError)) throw error;
  console.error(`station ${station.slug}: ${error.message}`);
  return describeUnavailable(error);
}

/** Current conditions of a station: three queries (newest time, seven days of records, rain before). */
export async function loadCurrentConditions(station: ConditionsStation): Promise<LoadedConditions> {
  try {
    const recent = await loadRecent(station);
    if (!recent) return { conditions: null, unavailable: null };
    return {
      conditions: currentConditions(recent.records, station.timezone, recent.before),
      unavailable: null,
    };
  } catch (error) {
    return { conditions: null, unavailable: unavailable(station, error) };
  }
}

export interface StationHome extends LoadedConditions {
  /** The last 24 hours of records as series rows (raw step), from the same records: no extra query. */
  lastDay: SeriesRow[];
}

/** What the station home shows: the current conditions and the last day of records. */
export async function loadStationHome(station: ConditionsStation): Promise<StationHome> {
  try {
    const recent = await loadRecent(station);
    if (!recent) return { conditions: null, unavailable: null, lastDay: [] };
    const newest = recent.records.at(-1)!.dateTime;
    const lastDay = recent.records.filter((r) => r.dateTime > newest - 86400);
    return {
      conditions: currentConditions(recent.records, station.timezone, recent.before),
      unavailable: null,
      lastDay: seriesFromRecords(lastDay, {
        step: "raw",
        fields: CHART_FIELDS, // all among CONDITION_FIELDS
        timeZone: station.timezone,
      }),
    };
  } catch (error) {
    return { conditions: null, unavailable: unavailable(station, error), lastDay: [] };
  }
}

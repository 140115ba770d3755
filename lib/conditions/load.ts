import type { RowDataPacket } from "mysql2/promise";
import { hourStart } from "../aggregates/compute";
import { ArchiveError, archives } from "../archive/reader";
import { appSqlPool } from "../db";
import type { Station } from "../generated/prisma/client";
import { describeUnavailable } from "../stations";
import {
  type CurrentConditions,
  currentConditions,
  localMonthStart,
  localYearStart,
  type RainBefore,
} from "./current";

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

/** Current conditions of a station: three queries (newest time, seven days of records, rain before). */
export async function loadCurrentConditions(station: Station): Promise<LoadedConditions> {
  try {
    const newest = await archives().newestDateTime(station.archiveDatabase);
    if (newest === null) return { conditions: null, unavailable: null };
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
    return { conditions: currentConditions(records, station.timezone, before), unavailable: null };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`station ${station.slug}: ${error.message}`);
    return { conditions: null, unavailable: describeUnavailable(error) };
  }
}

import type { Pool, RowDataPacket } from "mysql2/promise";
import type { ClimateDay } from "./daily";

/**
 * Reading and writing ClimateDay rows through mysql2 (bulk writes of a 10-year rebuild, and fast
 * reads of a few columns over years for records and normals). The pure layer works in unix seconds and
 * "YYYY-MM-DD" dates; DATETIME / DATE conversions happen here only.
 */

export type ClimateColumn = Exclude<keyof ClimateDay, "date">;

/** Every stored value of a day, in table order. */
export const CLIMATE_COLUMNS: readonly ClimateColumn[] = [
  "partial",
  "tn",
  "tnAt",
  "tnCoverage",
  "tx",
  "txAt",
  "txCoverage",
  "tmoy",
  "tmean",
  "t24",
  "t24Count",
  "t8",
  "t8Count",
  "amplitude",
  "rr",
  "rrCoverage",
  "rrRateMax",
  "rrRateMaxAt",
  "humidityMin",
  "humidityMinAt",
  "humidityMax",
  "humidityMaxAt",
  "dewpointMin",
  "dewpointMinAt",
  "dewpointMax",
  "dewpointMaxAt",
  "pressureMin",
  "pressureMinAt",
  "pressureMax",
  "pressureMaxAt",
  "gustMax",
  "gustDir",
  "gustAt",
  "windMean",
  "windDir",
  "uvMax",
  "uvMaxAt",
  "radiationMax",
  "radiationMaxAt",
  "et",
  "windchillMin",
  "windchillMinAt",
  "heatindexMax",
  "heatindexMaxAt",
  "dayCoverage",
];

const isTime = (column: string) => column.endsWith("At");
const BATCH = 500;

export interface StoredDay {
  day: ClimateDay;
  fingerprint: string;
}

const toDate = (date: string) => new Date(`${date}T00:00:00Z`);
const fromDate = (value: Date) => value.toISOString().slice(0, 10);

/**
 * Writes `rows` and removes the days of `remove` (days whose windows no longer hold any record), in one
 * transaction: readers never see a half-written recomputation.
 */
export async function replaceClimateDays(
  pool: Pool,
  stationId: number,
  rows: readonly StoredDay[],
  remove: readonly string[] = [],
  computedAt = new Date(),
): Promise<void> {
  const keys = [...rows.map((row) => row.day.date), ...remove].map(toDate);
  const values = rows.map(({ day, fingerprint }) => [
    stationId,
    toDate(day.date),
    ...CLIMATE_COLUMNS.map((column) => {
      const value = day[column];
      return isTime(column) && value !== null ? new Date((value as number) * 1000) : value;
    }),
    fingerprint,
    computedAt,
  ]);
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    for (let i = 0; i < keys.length; i += 1000) {
      await connection.query("DELETE FROM ClimateDay WHERE stationId = ? AND day IN (?)", [
        stationId,
        keys.slice(i, i + 1000),
      ]);
    }
    for (let i = 0; i < values.length; i += BATCH) {
      await connection.query("INSERT INTO ClimateDay (??) VALUES ?", [
        ["stationId", "day", ...CLIMATE_COLUMNS, "fingerprint", "computedAt"],
        values.slice(i, i + BATCH),
      ]);
    }
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}

/** Removes every day of a station in [from, to] (both "YYYY-MM-DD", inclusive). */
export async function deleteClimateDays(pool: Pool, stationId: number, from: string, to: string) {
  await pool.query("DELETE FROM ClimateDay WHERE stationId = ? AND day >= ? AND day <= ?", [
    stationId,
    toDate(from),
    toDate(to),
  ]);
}

function fromRow(row: RowDataPacket, columns: readonly ClimateColumn[]): ClimateDay {
  const day: Record<string, unknown> = { date: fromDate(row.day as Date) };
  for (const column of columns) {
    const value = row[column];
    day[column] =
      value instanceof Date
        ? value.getTime() / 1000
        : column === "partial"
          ? Boolean(value)
          : (value ?? null);
  }
  return day as unknown as ClimateDay;
}

/**
 * Days of a station in [from, to] (inclusive; either may be omitted), oldest first. Columns not asked for
 * are absent from the returned objects, so ask for what the caller reads.
 */
export async function readClimateDays(
  pool: Pool,
  stationId: number,
  from: string | null,
  to: string | null,
  columns: readonly ClimateColumn[] = CLIMATE_COLUMNS,
): Promise<ClimateDay[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ?? FROM ClimateDay WHERE stationId = ?${from ? " AND day >= ?" : ""}${to ? " AND day <= ?" : ""} ORDER BY day`,
    [["day", ...columns], stationId, ...(from ? [toDate(from)] : []), ...(to ? [toDate(to)] : [])],
  );
  return rows.map((row) => fromRow(row, columns));
}

/** Stored fingerprints and partial flags of the days in [from, to]. */
export async function readFingerprints(
  pool: Pool,
  stationId: number,
  from: string,
  to: string,
): Promise<Map<string, string>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT day, fingerprint FROM ClimateDay WHERE stationId = ? AND day >= ? AND day <= ?",
    [stationId, toDate(from), toDate(to)],
  );
  return new Map(rows.map((row) => [fromDate(row.day as Date), String(row.fingerprint)]));
}

/** The first and last stored day of a station, or null when it has none. */
export async function climateExtent(
  pool: Pool,
  stationId: number,
): Promise<{ first: string; last: string } | null> {
  const [[row]] = await pool.query<RowDataPacket[]>(
    "SELECT MIN(day) AS first, MAX(day) AS last FROM ClimateDay WHERE stationId = ?",
    [stationId],
  );
  return row?.first ? { first: fromDate(row.first as Date), last: fromDate(row.last as Date) } : null;
}

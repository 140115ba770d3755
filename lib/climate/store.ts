import type { Pool, RowDataPacket } from "mysql2/promise";
import { chunks, inTransaction } from "../db/sql";
import { dateToDay, dayToDate } from "../time";
import type { ClimateColumn, ClimateDay } from "./daily";
import type { PeriodValues } from "./normals";
import { type Candidate, RECORD_PARAMETERS } from "./records";

/**
 * Reading and writing ClimateDay rows through mysql2 (bulk writes of a 10-year rebuild, and fast
 * reads of a few columns over years for records and normals). The pure layer works in unix seconds and
 * "YYYY-MM-DD" dates; DATETIME / DATE conversions happen here only.
 */

/** Every stored value of a day, in table order. */
export const CLIMATE_COLUMNS: readonly ClimateColumn[] = [
  "partial",
  "tn",
  "tnAt",
  "tnCoverage",
  "tx",
  "txAt",
  "txCoverage",
  "tnTxMean",
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
  const keys = [...rows.map((row) => row.day.date), ...remove].map(dayToDate);
  const values = rows.map(({ day, fingerprint }) => [
    stationId,
    dayToDate(day.date),
    ...CLIMATE_COLUMNS.map((column) => {
      const value = day[column];
      return isTime(column) && value !== null ? new Date((value as number) * 1000) : value;
    }),
    fingerprint,
    computedAt,
  ]);
  await inTransaction(pool, async (connection) => {
    for (const part of chunks(keys, 1000)) {
      await connection.query("DELETE FROM ClimateDay WHERE stationId = ? AND day IN (?)", [stationId, part]);
    }
    for (const part of chunks(values, BATCH)) {
      await connection.query("INSERT INTO ClimateDay (??) VALUES ?", [
        ["stationId", "day", ...CLIMATE_COLUMNS, "fingerprint", "computedAt"],
        part,
      ]);
    }
  });
}

/** Removes every day of a station in [from, to] (both "YYYY-MM-DD", inclusive), and those months. */
export async function deleteClimateDays(pool: Pool, stationId: number, from: string, to: string) {
  await pool.query("DELETE FROM ClimateDay WHERE stationId = ? AND day >= ? AND day <= ?", [
    stationId,
    dayToDate(from),
    dayToDate(to),
  ]);
  await pool.query("DELETE FROM ClimateMonth WHERE stationId = ? AND month >= ? AND month <= ?", [
    stationId,
    from.slice(0, 7),
    to.slice(0, 7),
  ]);
}

/**
 * Days of a station in [from, to] (inclusive; either may be omitted), oldest first. Columns not asked for
 * are absent from the returned objects, so ask for what the caller reads. Dates and times are converted
 * by the server (to "YYYY-MM-DD" and unix seconds): parsing thousands of DATETIME values into Date objects
 * would cost more than the query itself.
 */
export async function readClimateDays(
  pool: Pool,
  stationId: number,
  from: string | null,
  to: string | null,
  columns: readonly ClimateColumn[] = CLIMATE_COLUMNS,
): Promise<ClimateDay[]> {
  const select = columns.map((column) =>
    isTime(column) ? "TIMESTAMPDIFF(SECOND, '1970-01-01', ??) AS ??" : "??",
  );
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS date, ${select.join(", ")} FROM ClimateDay WHERE stationId = ?${from ? " AND day >= ?" : ""}${to ? " AND day <= ?" : ""} ORDER BY day`,
    [
      ...columns.flatMap((column) => (isTime(column) ? [column, column] : [column])),
      stationId,
      ...(from ? [dayToDate(from)] : []),
      ...(to ? [dayToDate(to)] : []),
    ],
  );
  if (columns.includes("partial")) for (const row of rows) row.partial = row.partial === 1;
  return rows as unknown as ClimateDay[];
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
    [stationId, dayToDate(from), dayToDate(to)],
  );
  return new Map(rows.map((row) => [dateToDay(row.day as Date), String(row.fingerprint)]));
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
  return row?.first ? { first: dateToDay(row.first as Date), last: dateToDay(row.last as Date) } : null;
}

/**
 * The best `limit` final days of every record parameter (best value first, equal values oldest first), in
 * one round trip: the database sorts, only the few hundred winners travel.
 */
export async function readRecordCandidates(
  pool: Pool,
  stationId: number,
  limit: number,
): Promise<Map<string, Candidate[]>> {
  const parts = RECORD_PARAMETERS.map(
    (p) =>
      `(SELECT ? AS parameter, DATE_FORMAT(day, '%Y-%m-%d') AS date, ?? AS value, ${
        p.timeColumn ? "TIMESTAMPDIFF(SECOND, '1970-01-01', ??)" : "NULL"
      } AS at FROM ClimateDay WHERE stationId = ? AND partial = 0 AND ?? ${p.positiveOnly ? "> 0" : "IS NOT NULL"} ORDER BY ?? ${p.lowest ? "ASC" : "DESC"}, day LIMIT ?)`,
  );
  const values = RECORD_PARAMETERS.flatMap((p) => [
    p.key,
    p.column,
    ...(p.timeColumn ? [p.timeColumn] : []),
    stationId,
    p.column,
    p.column,
    limit,
  ]);
  const [rows] = await pool.query<RowDataPacket[]>(parts.join(" UNION ALL "), values);
  const result = new Map<string, Candidate[]>();
  for (const row of rows) {
    const list = result.get(row.parameter) ?? [];
    list.push({ date: row.date, value: row.value, at: row.at === null ? null : Number(row.at) });
    result.set(row.parameter, list);
  }
  return result;
}

/** Replaces the ClimateMonth rows of `months` by `values` (months without values are removed). */
export async function replaceClimateMonths(
  pool: Pool,
  stationId: number,
  months: readonly string[],
  values: readonly PeriodValues[],
): Promise<void> {
  await inTransaction(pool, async (connection) => {
    for (const part of chunks(months, 1000)) {
      await connection.query("DELETE FROM ClimateMonth WHERE stationId = ? AND month IN (?)", [
        stationId,
        part,
      ]);
    }
    if (values.length) {
      await connection.query(
        "INSERT INTO ClimateMonth (stationId, month, inProgress, tn, tx, tnTxMean, rr) VALUES ?",
        [values.map((v) => [stationId, v.period, v.inProgress, v.tn, v.tx, v.tnTxMean, v.rr])],
      );
    }
  });
}

/** Every stored month of a station, oldest first. */
export async function readClimateMonths(pool: Pool, stationId: number): Promise<PeriodValues[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT month AS period, inProgress, tn, tx, tnTxMean, rr FROM ClimateMonth WHERE stationId = ? ORDER BY month",
    [stationId],
  );
  for (const row of rows) row.inProgress = row.inProgress === 1;
  return rows as unknown as PeriodValues[];
}

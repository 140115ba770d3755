import type { Pool, RowDataPacket } from "mysql2/promise";
import { chunks, inTransaction } from "../sql";
import { dayToDate } from "../time";
import { type Aggregate, emptyAggregate } from "./compute";

/**
 * Reading and writing aggregate rows, through mysql2 (see appSqlPool). The pure layer works in unix
 * seconds; the tables store DATETIME: every `…At` column and the `start` / `day` keys are converted here
 * and only here.
 */

export interface HourRow {
  /** unix seconds of the start of the UTC hour */
  start: number;
  aggregate: Aggregate;
}

export interface DayRow {
  /** local calendar day, "YYYY-MM-DD" */
  day: string;
  aggregate: Aggregate;
}

const COLUMNS = Object.keys(emptyAggregate());
const KNOWN_COLUMNS = new Set(COLUMNS);
const TIME_COLUMNS = new Set(COLUMNS.filter((key) => key.endsWith("At")));
const BATCH = 500; // rows per INSERT

/** Column values of an aggregate in COLUMNS order, times as Date. */
function toValues(aggregate: Aggregate): unknown[] {
  const record = aggregate as unknown as Record<string, number | null>;
  return COLUMNS.map((key) => {
    const value = record[key];
    return TIME_COLUMNS.has(key) && value !== null ? new Date(value * 1000) : value;
  });
}

function fromColumns(row: Record<string, unknown>, columns: readonly string[]): Aggregate {
  const aggregate = emptyAggregate() as unknown as Record<string, unknown>;
  for (const key of columns) aggregate[key] = row[key] ?? null;
  return aggregate as unknown as Aggregate;
}

type Table = { name: "HourlyAggregate"; key: "start" } | { name: "DailyAggregate"; key: "day" };
const HOURLY: Table = { name: "HourlyAggregate", key: "start" };
const DAILY: Table = { name: "DailyAggregate", key: "day" };

/** The rows a replacement removes first: given keys, or every key in [from, to). */
type Replaced<K> = readonly K[] | { from: K; to: K };

/**
 * Replaces the rows of `keys` by `rows` in one transaction, with multi-row INSERTs through mysql2:
 * Prisma's createMany costs milliseconds per 100-column row, which would make a 10-year rebuild slow.
 */
async function replaceRows(
  pool: Pool,
  table: Table,
  stationId: number,
  keys: Replaced<Date>,
  rows: unknown[][],
) {
  await inTransaction(pool, async (connection) => {
    if ("from" in keys) {
      await connection.query("DELETE FROM ?? WHERE stationId = ? AND ?? >= ? AND ?? < ?", [
        table.name,
        stationId,
        table.key,
        keys.from,
        table.key,
        keys.to,
      ]);
    } else {
      for (const part of chunks(keys, 1000)) {
        await connection.query("DELETE FROM ?? WHERE stationId = ? AND ?? IN (?)", [
          table.name,
          stationId,
          table.key,
          part,
        ]);
      }
    }
    for (const part of chunks(rows, BATCH)) {
      await connection.query("INSERT INTO ?? (??) VALUES ?", [
        table.name,
        ["stationId", table.key, ...COLUMNS],
        part,
      ]);
    }
  });
}

const map = <K, T>(keys: Replaced<K>, f: (key: K) => T): Replaced<T> =>
  "from" in keys ? { from: f(keys.from), to: f(keys.to) } : keys.map(f);

/**
 * Replaces the hourly rows at `starts` (unix seconds, or every hour starting in [from, to)) by `rows`;
 * hours without records are simply removed.
 */
export function replaceHours(
  pool: Pool,
  stationId: number,
  starts: Replaced<number>,
  rows: readonly HourRow[],
) {
  const values = rows
    .filter((row) => row.aggregate.records > 0)
    .map((row) => [stationId, new Date(row.start * 1000), ...toValues(row.aggregate)]);
  return replaceRows(
    pool,
    HOURLY,
    stationId,
    map(starts, (start) => new Date(start * 1000)),
    values,
  );
}

/** Replaces the daily rows of `days` ("YYYY-MM-DD", or every day in [from, to)) by `rows`. */
export function replaceDays(pool: Pool, stationId: number, days: Replaced<string>, rows: readonly DayRow[]) {
  const values = rows
    .filter((row) => row.aggregate.records > 0)
    .map((row) => [stationId, dayToDate(row.day), ...toValues(row.aggregate)]);
  return replaceRows(pool, DAILY, stationId, map(days, dayToDate), values);
}

/** Removes a station's hours starting before `from` or from `to` on, and its days outside [firstDay, lastDay]. */
export async function deleteOutside(
  pool: Pool,
  stationId: number,
  hours: { from: number; to: number },
  days: { first: string; last: string },
) {
  await pool.query("DELETE FROM HourlyAggregate WHERE stationId = ? AND (start < ? OR start >= ?)", [
    stationId,
    new Date(hours.from * 1000),
    new Date(hours.to * 1000),
  ]);
  await pool.query("DELETE FROM DailyAggregate WHERE stationId = ? AND (day < ? OR day > ?)", [
    stationId,
    dayToDate(days.first),
    dayToDate(days.last),
  ]);
}

/** Record counts of the hours starting at `from` or later, keyed by hour start (unix seconds). */
export async function readHourCounts(
  pool: Pool,
  stationId: number,
  from: number,
): Promise<Map<number, number>> {
  const [rows] = await pool.execute<RowDataPacket[]>(
    "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', start) AS start, records FROM HourlyAggregate WHERE stationId = ? AND start >= ?",
    [stationId, new Date(from * 1000)],
  );
  return new Map(rows.map((row) => [Number(row.start), Number(row.records)]));
}

export type AggregateColumn = keyof Aggregate;

/**
 * Reads rows through mysql2 (Prisma takes ~0.2 ms per wide row), only the columns asked for. Times come
 * back as unix seconds computed by the server, keys as "YYYY-MM-DD" for days: parsing thousands of
 * DATETIME strings into Dates costs more than the query itself.
 */
async function readRows(
  pool: Pool,
  table: Table,
  stationId: number,
  from: Date,
  to: Date,
  toInclusive: boolean,
  columns: readonly AggregateColumn[],
): Promise<RowDataPacket[]> {
  const select = [table.key, ...columns]
    .map((column) => {
      if (column !== table.key && !KNOWN_COLUMNS.has(column))
        throw new Error(`unknown aggregate column ${column}`);
      const id = `\`${column}\``;
      if (column === "day") return `DATE_FORMAT(${id}, '%Y-%m-%d') AS ${id}`;
      if (column === "start" || TIME_COLUMNS.has(column))
        return `TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${id}) AS ${id}`;
      return id;
    })
    .join(", ");
  // A prepared statement: the binary protocol decodes wide rows several times faster than text.
  const [rows] = await pool.execute<RowDataPacket[]>(
    `SELECT ${select} FROM ${table.name} WHERE stationId = ? AND ${table.key} >= ? AND ${table.key} ${toInclusive ? "<=" : "<"} ? ORDER BY ${table.key}`,
    [stationId, from, to],
  );
  return rows;
}

/** Hourly rows whose hour starts in [from, to), oldest first; columns not asked for are left empty. */
export async function readHours(
  pool: Pool,
  stationId: number,
  from: number,
  to: number,
  columns: readonly AggregateColumn[] = COLUMNS as AggregateColumn[],
): Promise<HourRow[]> {
  const rows = await readRows(
    pool,
    HOURLY,
    stationId,
    new Date(from * 1000),
    new Date(to * 1000),
    false,
    columns,
  );
  return rows.map((row) => ({ start: Number(row.start), aggregate: fromColumns(row, columns) }));
}

/** Daily rows for local days in [fromDay, toDay] ("YYYY-MM-DD"), oldest first. */
export async function readDays(
  pool: Pool,
  stationId: number,
  fromDay: string,
  toDay: string,
  columns: readonly AggregateColumn[] = COLUMNS as AggregateColumn[],
): Promise<DayRow[]> {
  const rows = await readRows(pool, DAILY, stationId, dayToDate(fromDay), dayToDate(toDay), true, columns);
  return rows.map((row) => ({ day: String(row.day), aggregate: fromColumns(row, columns) }));
}

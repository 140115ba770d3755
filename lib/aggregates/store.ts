import type { Pool, RowDataPacket } from "mysql2/promise";
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

/** An aggregate from a row holding `columns` (the others keep their empty value). */
function fromColumns(row: Record<string, unknown>, columns: readonly string[] = COLUMNS): Aggregate {
  const aggregate = emptyAggregate() as unknown as Record<string, unknown>;
  for (const key of columns) {
    const value = row[key];
    aggregate[key] = value instanceof Date ? value.getTime() / 1000 : (value ?? null);
  }
  return aggregate as unknown as Aggregate;
}

export const dayToDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const dateToDay = (date: Date) => date.toISOString().slice(0, 10);

type Table = { name: "HourlyAggregate"; key: "start" } | { name: "DailyAggregate"; key: "day" };
const HOURLY: Table = { name: "HourlyAggregate", key: "start" };
const DAILY: Table = { name: "DailyAggregate", key: "day" };

/**
 * Replaces the rows of `keys` by `rows` in one transaction, with multi-row INSERTs through mysql2:
 * Prisma's createMany costs milliseconds per 100-column row, which would make a 10-year rebuild slow.
 */
async function replaceRows(
  pool: Pool,
  table: Table,
  stationId: number,
  keys: readonly Date[],
  rows: unknown[][],
) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    for (let i = 0; i < keys.length; i += 1000) {
      await connection.query("DELETE FROM ?? WHERE stationId = ? AND ?? IN (?)", [
        table.name,
        stationId,
        table.key,
        keys.slice(i, i + 1000),
      ]);
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await connection.query("INSERT INTO ?? (??) VALUES ?", [
        table.name,
        ["stationId", table.key, ...COLUMNS],
        rows.slice(i, i + BATCH),
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

/** Replaces the hourly rows at `starts` by `rows` (hours without records are simply removed). */
export function replaceHours(
  pool: Pool,
  stationId: number,
  starts: readonly number[],
  rows: readonly HourRow[],
) {
  const values = rows
    .filter((row) => row.aggregate.records > 0)
    .map((row) => [stationId, new Date(row.start * 1000), ...toValues(row.aggregate)]);
  const keys = starts.map((start) => new Date(start * 1000));
  return replaceRows(pool, HOURLY, stationId, keys, values);
}

export function replaceDays(pool: Pool, stationId: number, days: readonly string[], rows: readonly DayRow[]) {
  const values = rows
    .filter((row) => row.aggregate.records > 0)
    .map((row) => [stationId, dayToDate(row.day), ...toValues(row.aggregate)]);
  return replaceRows(pool, DAILY, stationId, days.map(dayToDate), values);
}

export type AggregateColumn = keyof Aggregate;

/**
 * Reads rows through mysql2 (Prisma takes ~0.2 ms per wide row), only the columns asked for. The `…At`
 * times come back as unix seconds computed by the server: parsing them into Date objects cost more than
 * the query on a 10-year read.
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
  const select = columns.map((c) =>
    TIME_COLUMNS.has(c) ? "TIMESTAMPDIFF(SECOND, '1970-01-01', ??) AS ??" : "??",
  );
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ??, ${select.join(", ")} FROM ?? WHERE stationId = ? AND ?? >= ? AND ?? ${toInclusive ? "<=" : "<"} ? ORDER BY ??`,
    [
      table.key,
      ...columns.flatMap((c) => (TIME_COLUMNS.has(c) ? [c, c] : [c])),
      table.name,
      stationId,
      table.key,
      from,
      table.key,
      to,
      table.key,
    ],
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
  return rows.map((row) => ({
    start: (row.start as Date).getTime() / 1000,
    aggregate: fromColumns(row, columns),
  }));
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
  return rows.map((row) => ({ day: dateToDay(row.day as Date), aggregate: fromColumns(row, columns) }));
}

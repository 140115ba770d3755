import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";
import { config, connectionOptions } from "../config/settings";
import { createDetachedPool } from "../db/detached";
import { UserError } from "../errors";
import { isUnitSystem, METRIC, toMetric, UnknownUnitSystemError, US } from "./units";

/**
 * Read-only access to the WeeWX station databases (replicas on this server).
 * Columns are discovered at run time; values come back converted to metric units.
 */

/** One archive record, converted to °C, hPa, km/h, mm, mm/h. A missing column or sensor is null. */
export interface Observation {
  /** Unix seconds (UTC) of the end of the interval: the record covers (dateTime - interval, dateTime]. */
  dateTime: number;
  /** Interval length in minutes. */
  interval: number;
  [field: string]: number | null;
}

export type ArchiveProblem =
  | "invalid-name"
  | "missing-database"
  | "missing-table"
  | "unreachable"
  | "unknown-units";

export class ArchiveError extends UserError {
  /**
   * Next bundles this module once per layer (pages, route handlers) while archives() shares one reader
   * through globalThis: an error thrown by another copy's class must still be recognised.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === "ArchiveError";
  }

  constructor(
    readonly problem: ArchiveProblem,
    readonly database: string,
    message: string,
  ) {
    super(message);
    this.name = "ArchiveError";
  }
}

const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const COLUMN_CACHE_MS = 5 * 60_000;

export function createArchivePool(serverUrl: string, connectionLimit = 8): Pool {
  const { database: _ignored, ...options } = connectionOptions(serverUrl);
  const pool = createDetachedPool({
    ...options,
    connectionLimit,
    timezone: "Z",
    enableKeepAlive: true,
    // The server's prepared-statement limit is shared by every client: keep a small cache per connection.
    maxPreparedStatements: 64,
  });
  // Archives belong to WeeWX: refuse any write at the session level, whatever the account may do.
  pool.pool.on("connection", (connection) => {
    connection.query("SET SESSION TRANSACTION READ ONLY");
  });
  return pool;
}

export class ArchiveReader {
  private readonly columnCache = new Map<string, { columns: Set<string>; at: number }>();

  constructor(readonly pool: Pool) {}

  /** Column names of `database`.archive (cached for a few minutes: schemas change rarely). */
  async columns(database: string): Promise<Set<string>> {
    const cached = this.columnCache.get(database);
    if (cached && Date.now() - cached.at < COLUMN_CACHE_MS) return cached.columns;
    const rows = await this.query(database, "SHOW COLUMNS FROM ??.archive", [database]).catch(
      async (error) => {
        // MariaDB reports a missing database as a missing table here: tell them apart.
        if (error instanceof ArchiveError && error.problem === "missing-table") {
          const schemas = await this.query(database, "SHOW DATABASES LIKE ?", [
            database.replace(/_/g, "\\_"),
          ]);
          if (schemas.length === 0) {
            throw new ArchiveError(
              "missing-database",
              database,
              `archive database ${database} does not exist`,
            );
          }
        }
        throw error;
      },
    );
    const columns = new Set(rows.map((row) => String(row.Field)));
    for (const required of ["dateTime", "usUnits", "interval"]) {
      if (!columns.has(required)) {
        throw new ArchiveError("missing-table", database, `${database}.archive has no ${required} column`);
      }
    }
    this.columnCache.set(database, { columns, at: Date.now() });
    return columns;
  }

  /** The newest record, or null for an empty archive. */
  async latest(database: string, fields?: readonly string[]): Promise<Observation | null> {
    const [row] = await this.select(database, fields, "ORDER BY dateTime DESC LIMIT 1", []);
    return row ?? null;
  }

  /** Records with from < dateTime <= to (unix seconds), oldest first. */
  async range(
    database: string,
    from: number,
    to: number,
    fields?: readonly string[],
  ): Promise<Observation[]> {
    return this.select(database, fields, "WHERE dateTime > ? AND dateTime <= ? ORDER BY dateTime", [
      from,
      to,
    ]);
  }

  /**
   * Number of records per bucket of `bucketSeconds` for from < dateTime <= to, keyed by bucket start
   * (a record stamped t falls in the bucket (start, start + size]). Used to spot late-arriving rows.
   */
  async countsByBucket(
    database: string,
    from: number,
    to: number,
    bucketSeconds: number,
  ): Promise<Map<number, number>> {
    const rows = await this.query(
      database,
      "SELECT FLOOR((dateTime - 1) / ?) * ? AS bucket, COUNT(*) AS n FROM ??.archive WHERE dateTime > ? AND dateTime <= ? GROUP BY bucket",
      [bucketSeconds, bucketSeconds, database, from, to],
    );
    return new Map(rows.map((row) => [Number(row.bucket), Number(row.n)]));
  }

  /**
   * Totals of additive `fields` (rain, ET…) over from < dateTime <= to, converted to metric; null for a
   * field with no value (or no column). Summed in SQL per unit system, so a year costs one query.
   */
  async sums(
    database: string,
    from: number,
    to: number,
    fields: readonly string[],
    /** periods (from, to] whose records are left out (invalidated values) */
    excluding: readonly { from: number; to: number }[] = [],
  ): Promise<Record<string, number | null>> {
    for (const field of fields) {
      if (toMetric(field, 0, METRIC) !== 0 || toMetric(field, 0, US) !== 0) {
        throw new Error(`${field} is not an additive quantity: its sum cannot be converted`);
      }
    }
    const available = await this.columns(database);
    const present = fields.filter((field) => available.has(field));
    const totals: Record<string, number | null> = Object.fromEntries(fields.map((f) => [f, null]));
    if (present.length === 0 || to <= from) return totals;
    const sums = present.map(() => "SUM(??) AS ??").join(", ");
    const left = excluding.filter((period) => period.to > from && period.from < to);
    const without = left.map(() => " AND NOT (dateTime > ? AND dateTime <= ?)").join("");
    const rows = await this.query(
      database,
      `SELECT usUnits, ${sums} FROM ??.archive WHERE dateTime > ? AND dateTime <= ?${without} GROUP BY usUnits`,
      [
        ...present.flatMap((field) => [field, field]),
        database,
        from,
        to,
        ...left.flatMap((period) => [period.from, period.to]),
      ],
    );
    for (const row of rows) {
      const usUnits = Number(row.usUnits);
      if (!isUnitSystem(usUnits)) {
        throw new ArchiveError(
          "unknown-units",
          database,
          new UnknownUnitSystemError(row.usUnits, `${database}.archive`).message,
        );
      }
      for (const field of present) {
        const value = toMetric(field, row[field] == null ? null : Number(row[field]), usUnits);
        if (value != null) totals[field] = (totals[field] ?? 0) + value;
      }
    }
    return totals;
  }

  /** Unix seconds of the newest record (the real freshness of a station), or null when empty. */
  async newestDateTime(database: string): Promise<number | null> {
    const [row] = await this.query(database, "SELECT MAX(dateTime) AS t FROM ??.archive", [database]);
    return row?.t == null ? null : Number(row.t);
  }

  /** Unix seconds of the oldest record, or null when empty. */
  async oldestDateTime(database: string): Promise<number | null> {
    const [row] = await this.query(database, "SELECT MIN(dateTime) AS t FROM ??.archive", [database]);
    return row?.t == null ? null : Number(row.t);
  }

  private async select(
    database: string,
    fields: readonly string[] | undefined,
    clause: string,
    values: unknown[],
  ): Promise<Observation[]> {
    const available = await this.columns(database);
    const wanted =
      fields ?? [...available].filter((c) => c !== "dateTime" && c !== "usUnits" && c !== "interval");
    const present = wanted.filter((field) => available.has(field));
    // Identifiers are inlined, values sent as parameters of a prepared statement: the binary protocol
    // decodes thousands of wide rows two to three times faster than the text protocol.
    const sql = mysql.format(`SELECT ?? FROM ??.archive ${clause}`, [
      ["dateTime", "usUnits", "interval", ...present],
      database,
    ]);
    const rows = await this.query(database, sql, values, true);
    return rows.map((row) => toObservation(row, wanted, database));
  }

  private async query(
    database: string,
    sql: string,
    values: unknown[],
    prepared = false,
  ): Promise<RowDataPacket[]> {
    if (!DATABASE_NAME.test(database)) {
      throw new ArchiveError("invalid-name", database, `"${database}" is not a valid archive database name`);
    }
    try {
      const [rows] = prepared
        ? await this.pool.execute<RowDataPacket[]>(sql, values as (string | number)[])
        : await this.pool.query<RowDataPacket[]>(sql, values);
      return rows;
    } catch (error) {
      throw describeArchiveFailure(error, database);
    }
  }
}

const templates = new Map<string, Observation>();

/**
 * An empty observation with `fields`, to copy for each row: JSON.parse gives it a fixed shape in V8,
 * where setting fifteen computed keys on `{}` would leave every row in slow dictionary mode (the
 * station home reads 2,000 of them per render, and the garbage collector felt it).
 */
function emptyObservation(fields: readonly string[]): Observation {
  const key = fields.join(",");
  let template = templates.get(key);
  if (!template) {
    const empty: Record<string, number | null> = { dateTime: 0, interval: 0 };
    for (const field of fields) empty[field] = null;
    template = JSON.parse(JSON.stringify(empty)) as Observation;
    templates.set(key, template);
  }
  return { ...template };
}

function toObservation(row: RowDataPacket, fields: readonly string[], database: string): Observation {
  const usUnits = Number(row.usUnits);
  if (!isUnitSystem(usUnits)) {
    throw new ArchiveError(
      "unknown-units",
      database,
      new UnknownUnitSystemError(row.usUnits, `${database}.archive at dateTime ${row.dateTime}`).message,
    );
  }
  const observation = emptyObservation(fields);
  observation.dateTime = Number(row.dateTime);
  observation.interval = Number(row.interval);
  for (const field of fields) {
    const raw = row[field];
    observation[field] = toMetric(field, raw == null ? null : Number(raw), usUnits);
  }
  return observation;
}

function describeArchiveFailure(error: unknown, database: string): Error {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ER_BAD_DB_ERROR":
      return new ArchiveError("missing-database", database, `archive database ${database} does not exist`);
    case "ER_NO_SUCH_TABLE":
      return new ArchiveError("missing-table", database, `archive database ${database} has no archive table`);
    case "ECONNREFUSED":
    case "ETIMEDOUT":
    case "ENOTFOUND":
    case "PROTOCOL_CONNECTION_LOST":
    case "ER_ACCESS_DENIED_ERROR":
      return new ArchiveError("unreachable", database, `archive server unreachable (${code})`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

const globalForArchives = globalThis as unknown as { archives?: { url: string; reader: ArchiveReader } };

/** The process-wide reader for the configured archive server. */
export function archives(): ArchiveReader {
  const { archiveServerUrl } = config();
  if (globalForArchives.archives?.url !== archiveServerUrl) {
    globalForArchives.archives = {
      url: archiveServerUrl,
      reader: new ArchiveReader(createArchivePool(archiveServerUrl)),
    };
  }
  return globalForArchives.archives.reader;
}

import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { connectionOptions, databaseName } from "./config";
import { UserError } from "./errors";

/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and keeps Prisma's own
 * `_prisma_migrations` bookkeeping (same table, same checksums), so a machine with the Prisma
 * schema engine can still run `prisma migrate status` or `deploy` against the same database.
 */

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

interface AppliedRow extends RowDataPacket {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

async function connect(databaseUrl: string): Promise<Connection> {
  const { database, ...options } = connectionOptions(databaseUrl);
  const connection = await mysql.createConnection({ ...options, multipleStatements: true, timezone: "Z" });
  await connection.query(
    "CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    [database],
  );
  await connection.query("USE ??", [database]);
  return connection;
}

/** Applies every pending migration; returns the names applied. Idempotent and safe to run concurrently. */
export async function migrate(
  databaseUrl: string,
  { dir = MIGRATIONS_DIR, log = (_line: string) => {} } = {},
): Promise<string[]> {
  const migrations = readMigrations(dir);
  const connection = await connect(databaseUrl);
  const lockName = `migrate:${databaseName(databaseUrl)}`;
  try {
    await connection.query("SELECT GET_LOCK(?, 120)", [lockName]);
    await connection.query(BOOKKEEPING);
    const [rows] = await connection.query<AppliedRow[]>(
      "SELECT * FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at",
    );
    checkHistory(rows, migrations);
    const done = new Set(rows.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await apply(connection, migration);
      log(`applied ${migration.name}`);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await connection.query("SELECT RELEASE_LOCK(?)", [lockName]).catch(() => {});
    await connection.end();
  }
}

function checkHistory(rows: AppliedRow[], migrations: Migration[]) {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} failed on ${row.started_at.toISOString()} and the database may be half-migrated.\n` +
          `Error: ${row.logs ?? "(no log)"}\n` +
          "Repair the database by hand (undo or finish that migration's statements), then run\n" +
          `  npm run meteo -- migrate resolve --rolled-back ${row.migration_name}\n` +
          "and migrate again. No further migration was applied.",
      );
    }
    const migration = byName.get(row.migration_name);
    if (!migration) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which is not in prisma/migrations: is this checkout older than the database?`,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs). ` +
          "Never edit an applied migration: add a new one.",
      );
    }
  }
}

async function apply(connection: Connection, migration: Migration) {
  const id = randomUUID();
  await connection.query(
    "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES (?, ?, ?, NOW(3))",
    [id, migration.checksum, migration.name],
  );
  try {
    await connection.query(migration.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await connection.query("UPDATE _prisma_migrations SET logs = ? WHERE id = ?", [message, id]);
    throw new MigrationError(
      `Migration ${migration.name} failed: ${message}\nNo further migration was applied; the next run will refuse to continue until it is resolved.`,
    );
  }
  await connection.query(
    "UPDATE _prisma_migrations SET finished_at = NOW(3), applied_steps_count = 1 WHERE id = ?",
    [id],
  );
}

/** Marks a failed migration as rolled back (after a manual repair), so that the next run retries it. */
export async function markRolledBack(databaseUrl: string, name: string): Promise<void> {
  const connection = await connect(databaseUrl);
  try {
    await connection.query(BOOKKEEPING);
    const [result] = await connection.query<mysql.ResultSetHeader>(
      "UPDATE _prisma_migrations SET rolled_back_at = NOW(3) WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL",
      [name],
    );
    if (result.affectedRows === 0) throw new MigrationError(`No failed migration named ${name}`);
  } finally {
    await connection.end();
  }
}

export interface MigrationStatus {
  name: string;
  state: "applied" | "pending" | "failed";
}

export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus[]> {
  const connection = await connect(databaseUrl);
  try {
    await connection.query(BOOKKEEPING);
    const [rows] = await connection.query<AppliedRow[]>(
      "SELECT * FROM _prisma_migrations WHERE rolled_back_at IS NULL",
    );
    const byName = new Map(rows.map((row) => [row.migration_name, row]));
    return readMigrations(dir).map(({ name }) => {
      const row = byName.get(name);
      return { name, state: !row ? "pending" : row.finished_at ? "applied" : "failed" };
    });
  } finally {
    await connection.end();
  }
}

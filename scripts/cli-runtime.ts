import { existsSync } from "node:fs";
import mysql from "mysql2/promise";
import { config, connectionOptions } from "../lib/config";
import { db } from "../lib/db";
import { readEnvFile } from "../lib/env-file";
import { UserError } from "../lib/errors";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { migrationStatus } from "../lib/migrations";
import { loadLocalEnv } from "./dev/env";

/** Shared plumbing of the `meteo` CLI: configuration, clear errors, exit codes. */

export class CliError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** The server's settings file, read when present (deploy/install.sh writes it). */
export const SERVER_ENV_FILE = "/etc/meteo06/env";

/** The settings file this run read, and its malformed lines (reported by `meteo config check`). */
export const settingsFile: { path: string | null; problems: string[] } = { path: null, problems: [] };

/**
 * Settings: the real environment first, then the server's settings file (METEO_ENV_FILE, or
 * /etc/meteo06/env when it exists), then the local development settings (.env.local). Tests of the CLI
 * set METEO_SKIP_LOCAL_ENV to control the environment (an explicit METEO_ENV_FILE is still read).
 */
export function loadCliEnv(): void {
  const skipLocal = Boolean(process.env.METEO_SKIP_LOCAL_ENV);
  const file =
    process.env.METEO_ENV_FILE || (!skipLocal && existsSync(SERVER_ENV_FILE) ? SERVER_ENV_FILE : null);
  if (file) {
    if (!existsSync(file)) throw new CliError(`METEO_ENV_FILE: ${file} does not exist`);
    const { values, problems } = readEnvFile(file);
    for (const [key, value] of Object.entries(values)) process.env[key] ??= value;
    Object.assign(settingsFile, { path: file, problems: problems.map((p) => `${file} ${p}`) });
  }
  if (!skipLocal) loadLocalEnv();
}

/** Throws a CliError naming the address when the server behind `url` does not answer. */
export async function assertReachable(url: string, what: string): Promise<void> {
  const { database: _database, ...options } = connectionOptions(url);
  try {
    const connection = await mysql.createConnection({ ...options, connectTimeout: 5000 });
    await connection.end();
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    const where = options.socketPath ?? `${options.host}:${options.port}`;
    throw new CliError(
      `Cannot reach the ${what} at ${where} (${code}). Is MariaDB running? Check DATABASE_URL${what.includes("archive") ? " / ARCHIVE_DATABASE_URL" : ""}.`,
    );
  }
}

/**
 * The app database, after checking that it answers and is fully migrated (a fast, clear error instead
 * of a pool timeout or a missing table).
 */
export async function appDatabase(): Promise<PrismaClient> {
  const { databaseUrl } = config();
  await assertReachable(databaseUrl, "app database");
  const notApplied = (await migrationStatus(databaseUrl)).filter((m) => m.state !== "applied");
  if (notApplied.length) {
    throw new CliError(
      `the app database is not up to date (${notApplied.map((m) => `${m.name}: ${m.state}`).join(", ")}): run \`npm run meteo -- migrate\``,
    );
  }
  return db();
}

/** Runs a command action, turning known errors into one clear line and a non-zero exit. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      // Errors that explain themselves are printed as one line, without a stack trace.
      console.error(error instanceof UserError ? `error: ${error.message}` : error);
      process.exitCode = 1;
    }
  };
}

/** Prints rows as an aligned text table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(headers.map((h) => String(row[h]))));
}

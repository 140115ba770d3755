import { createHash } from "node:crypto";
import mysql from "mysql2/promise";
import { config, connectionOptions, databaseName } from "../config/settings";

/**
 * "Never two runs at once for the same feed", across processes: a MariaDB named lock held on a
 * connection of its own. The server releases it when that connection ends, so a crashed or killed
 * run never leaves a stale lock behind.
 */

export const LOCK_BUSY = Symbol("lock busy");

/** Runs `fn` holding the lock of `name`, or returns LOCK_BUSY at once if another session holds it. */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const { databaseUrl } = config();
  // Lock names are server-wide: scope them to this app database (64 characters at most).
  const scope = createHash("sha256").update(databaseName(databaseUrl)).digest("hex").slice(0, 12);
  const lockName = `meteo06:${scope}:${name}`.slice(0, 64);
  const { socketPath, ...options } = connectionOptions(databaseUrl);
  const connection = await mysql.createConnection({ ...options, ...(socketPath ? { socketPath } : {}) });
  try {
    const [[row]] = await connection.query<mysql.RowDataPacket[]>("SELECT GET_LOCK(?, 0) AS acquired", [
      lockName,
    ]);
    if (Number(row.acquired) !== 1) return LOCK_BUSY;
    try {
      return await fn();
    } finally {
      await connection.query("SELECT RELEASE_LOCK(?)", [lockName]).catch(() => {});
    }
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

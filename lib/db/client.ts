import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import type { Pool } from "mysql2/promise";
import { config, connectionOptions } from "../config/settings";
import { PrismaClient } from "../generated/prisma/client";
import { createDetachedPool, detachMethods } from "./detached";

export type { Prisma } from "../generated/prisma/client";

/** Prisma client for the app database, built from a mysql:// URL. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const { socketPath, ...options } = connectionOptions(databaseUrl);
  const adapter = new PrismaMariaDb({
    ...options,
    ...(socketPath ? { socketPath } : {}),
    connectionLimit: 10,
    // Open connections on demand (the driver otherwise opens all ten at once, per process: the CLI, each
    // test file and each app server would hold ten each on a shared MariaDB).
    minimumIdle: 1,
    // Values are stored in UTC; the app formats them for Europe/Paris itself.
    timezone: "Z",
  });
  return new PrismaClient({ adapter: detachMethods(adapter) });
}

// One client per process (per database URL); Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: { url: string; client: PrismaClient } };

export function db(): PrismaClient {
  const { databaseUrl } = config();
  if (globalForPrisma.prisma?.url !== databaseUrl) {
    globalForPrisma.prisma = { url: databaseUrl, client: createPrismaClient(databaseUrl) };
  }
  return globalForPrisma.prisma.client;
}

const globalForSql = globalThis as unknown as { appSql?: { url: string; pool: Pool } };

/**
 * A plain mysql2 pool on the app database, for the few bulk operations (thousands of aggregate rows)
 * that Prisma's query layer makes slow. Everything else goes through db().
 */
export function appSqlPool(): Pool {
  const { databaseUrl } = config();
  if (globalForSql.appSql?.url !== databaseUrl) {
    globalForSql.appSql = {
      url: databaseUrl,
      pool: createDetachedPool({
        ...connectionOptions(databaseUrl),
        connectionLimit: 4,
        timezone: "Z",
        maxPreparedStatements: 64, // the server's limit is shared by every client
      }),
    };
  }
  return globalForSql.appSql.pool;
}

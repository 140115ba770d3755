import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { config, connectionOptions } from "./config";
import { PrismaClient } from "./generated/prisma/client";

export type { Prisma } from "./generated/prisma/client";

/** Prisma client for the app database, built from a mysql:// URL. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const { socketPath, ...options } = connectionOptions(databaseUrl);
  const adapter = new PrismaMariaDb({
    ...options,
    ...(socketPath ? { socketPath } : {}),
    connectionLimit: 10,
    // Values are stored in UTC; the app formats them for Europe/Paris itself.
    timezone: "Z",
  });
  return new PrismaClient({ adapter });
}

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(config().databaseUrl);
  return globalForPrisma.prisma;
}

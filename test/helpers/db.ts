import { randomBytes } from "node:crypto";
import mysql, { type Pool } from "mysql2/promise";
import { connectionOptions } from "@/lib/config/settings";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadLocalEnv } from "@/scripts/dev/env";

/**
 * Every test file works in databases of its own on the real MariaDB (named m06t_<random>_…),
 * dropped afterwards. The server is the one `npm test` prepared (DATABASE_URL from .env.local).
 */

loadLocalEnv();

export function serverUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/meteo06");
  url.pathname = "/";
  return url.toString();
}

export function urlFor(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** A writable pool on the test server (no default database): for fixtures, never for the app. */
export function adminPool(): Pool {
  const { database: _database, ...options } = connectionOptions(serverUrl());
  return mysql.createPool({ ...options, connectionLimit: 4, multipleStatements: true, timezone: "Z" });
}

export function uniqueName(label: string): string {
  return `m06t_${randomBytes(4).toString("hex")}_${label}`.slice(0, 64);
}

export interface TestDatabases {
  /** Prefix of every database of this test file, also used for archive databases. */
  prefix: string;
  appUrl: string;
  prisma: PrismaClient;
  admin: Pool;
  /** Drops every database created with this prefix. */
  drop(): Promise<void>;
}

/** A migrated app database (and a prefix for archive databases) for one test file. */
export async function createTestDatabases(): Promise<TestDatabases> {
  const prefix = uniqueName("");
  const appUrl = urlFor(`${prefix}app`);
  await migrate(appUrl);
  const prisma = createPrismaClient(appUrl);
  const admin = adminPool();
  return {
    prefix,
    appUrl,
    prisma,
    admin,
    async drop() {
      await prisma.$disconnect();
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE ?", [
        `${prefix.replace(/_/g, "\\_")}%`,
      ]);
      for (const row of rows) await admin.query("DROP DATABASE IF EXISTS ??", [Object.values(row)[0]]);
      await admin.end();
    },
  };
}

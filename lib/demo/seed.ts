import type { Pool, RowDataPacket } from "mysql2/promise";
import { hashPassword } from "../accounts/passwords";
import { createArchiveTableSql } from "../archive/schema";
import type { PrismaClient } from "../generated/prisma/client";
import { seedPartnerFeeds } from "../partners/demo";
import { DEMO_STATIONS, DEMO_USERS, type DemoStation } from "./stations";
import { archiveRow, recordTimes, type WeatherProfile } from "./weather";

const BATCH = 2000;

/**
 * Creates (if needed) a WeeWX archive database and fills it with synthetic records up to `to`,
 * continuing after its newest row: re-running only appends. Returns the number of rows written.
 * `pool` must be a writable connection to the archive server (never the app's read-only archive pool).
 */
export async function writeDemoArchive(
  pool: Pool,
  database: string,
  profile: WeatherProfile,
  from: number,
  to: number,
): Promise<number> {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) throw new Error(`invalid archive database name ${database}`);
  await pool.query("CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4", [database]);
  await pool.query(createArchiveTableSql(database));
  const [[{ newest }]] = await pool.query<RowDataPacket[]>("SELECT MAX(dateTime) AS newest FROM ??.archive", [
    database,
  ]);
  const start = newest == null ? from : Math.max(from, Number(newest));

  let columns: string[] | undefined;
  let batch: (number | null)[][] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0 || !columns) return;
    await pool.query("INSERT IGNORE INTO ??.archive (??) VALUES ?", [database, columns, batch]);
    written += batch.length;
    batch = [];
  };
  for (const t of recordTimes(profile, start, to)) {
    const row = archiveRow(profile, t);
    columns ??= Object.keys(row);
    batch.push(columns.map((column) => row[column] ?? null));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return written;
}

export interface SeedOptions {
  /** Unix seconds: the archives are filled up to this time. */
  now: number;
  /** How far back the archives start, in days (default two years). */
  historyDays?: number;
  stations?: readonly DemoStation[];
  /** Archive database names get this prefix (tests use it to keep their databases apart). */
  archivePrefix?: string;
  log?: (line: string) => void;
}

/** Demo stations (metadata and archives) and one user per role. Safe to run again: it tops up. */
export async function seedDemo(prisma: PrismaClient, archivePool: Pool, options: SeedOptions) {
  const { now, historyDays = 731, stations = DEMO_STATIONS, archivePrefix = "", log = () => {} } = options;
  for (const station of stations) {
    const archiveDatabase = archivePrefix + station.archiveDatabase;
    const { profile } = station;
    const data = {
      name: station.name,
      shortName: station.shortName,
      commune: station.commune,
      latitude: profile.latitude,
      longitude: profile.longitude,
      altitude: profile.altitude,
      zone: station.zone,
      archiveDatabase,
      hasUv: profile.solar,
      hasRadiation: profile.solar,
      hasConsole: profile.console,
      model: station.model,
      description: station.description,
    };
    await prisma.station.upsert({
      where: { slug: station.slug },
      create: { slug: station.slug, ...data },
      update: {},
    });
    const from = now - historyDays * 86400;
    const written = await writeDemoArchive(archivePool, archiveDatabase, profile, from, now);
    log(`${station.slug}: ${written} new archive rows in ${archiveDatabase}`);
  }
  for (const user of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: user.email } });
    if (existing) continue;
    const created = await prisma.user.create({
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash: await hashPassword(user.password),
      },
    });
    for (const slug of "stations" in user ? user.stations : []) {
      const station = await prisma.station.findUnique({ where: { slug } });
      if (station) await prisma.stationAccess.create({ data: { userId: created.id, stationId: station.id } });
    }
    log(`user ${user.email} (${user.role})`);
  }
  await seedPartnerFeeds(
    prisma,
    stations.map((s) => s.slug),
    log,
  );
}

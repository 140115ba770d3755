import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";
import { rebuildAggregates } from "@/lib/aggregates/job";
import { rebuildClimate } from "@/lib/climate/job";
import { climateExtent } from "@/lib/climate/store";
import { connectionOptions, databaseName } from "@/lib/config/settings";
import { appSqlPool, createPrismaClient, db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import type { WeatherProfile } from "@/lib/demo/weather";

/**
 * The benchmark archive: one station, 10 years of 5-minute records (about 1.05 million rows), generated
 * once and kept between runs (the generator is deterministic; re-running only tops it up).
 */
export const BENCH_ARCHIVE = "meteo06_bench_archive";
export const BENCH_YEARS = 10;
/** Fixed end so that every run measures the same rows. */
export const BENCH_END = Date.UTC(2026, 0, 1) / 1000;

export const BENCH_PROFILE: WeatherProfile = {
  ...DEMO_STATIONS[0].profile,
  seed: 4242,
  intervals: [{ until: Number.MAX_SAFE_INTEGER, minutes: 5 }],
};

export async function ensureBenchArchive(writer: Pool): Promise<number> {
  const from = BENCH_END - Math.round(BENCH_YEARS * 365.25 * 86400);
  const started = performance.now();
  const written = await writeDemoArchive(writer, BENCH_ARCHIVE, BENCH_PROFILE, from, BENCH_END);
  if (written > 0)
    console.log(
      `› generated ${written} archive rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  const [[{ n }]] = await writer.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM ??.archive", [
    BENCH_ARCHIVE,
  ]);
  return Number(n);
}

/**
 * The benchmarks' own app database (migrated), with one station reading the bench archive. Named after
 * the configured app database (meteo06 → meteo06_bench), so that worktrees sharing a MariaDB server do
 * not rebuild each other's aggregates in the middle of a run; BENCH_APP_DATABASE names another one.
 */
export async function benchAppDatabase(serverUrl: string): Promise<{ url: string; stationSlug: string }> {
  const name = process.env.BENCH_APP_DATABASE ?? `${databaseName(serverUrl) || "meteo06"}_bench`;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name))
    throw new Error(`BENCH_APP_DATABASE "${name}" is not a database name`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const prisma = createPrismaClient(url.toString());
  await prisma.station.upsert({
    where: { slug: "bench" },
    create: {
      slug: "bench",
      name: "Station de mesure des performances",
      shortName: "Bench",
      commune: "Villefranche-sur-Mer",
      latitude: BENCH_PROFILE.latitude,
      longitude: BENCH_PROFILE.longitude,
      altitude: BENCH_PROFILE.altitude,
      archiveDatabase: BENCH_ARCHIVE,
      hasUv: true,
      hasRadiation: true,
      hasConsole: true,
    },
    update: {},
  });
  await prisma.$disconnect();
  return { url: url.toString(), stationSlug: "bench" };
}

/** The bench archive and the bench station's aggregates, built when missing (for the station pages). */
export async function ensureBenchStation(): Promise<void> {
  const { database: _database, ...options } = connectionOptions(process.env.BENCH_SERVER_URL!);
  const writer = mysql.createPool({ ...options, connectionLimit: 2 });
  await ensureBenchArchive(writer);
  await writer.end();
  const station = await db().station.findUniqueOrThrow({ where: { slug: "bench" } });
  const state = await db().aggregateState.findUnique({ where: { stationId: station.id } });
  if (state?.lastDateTime == null) {
    console.log("› building the bench station's aggregates (10 years, a minute or two)");
    await rebuildAggregates(station);
  }
  // The month and climatology pages read the climate days, which the climate job derives from the aggregates.
  if (!(await climateExtent(appSqlPool(), station.id))) {
    console.log("› building the bench station's climate days");
    await rebuildClimate(station);
  }
}

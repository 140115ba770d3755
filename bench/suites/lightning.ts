import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import mysql, { type RowDataPacket } from "mysql2/promise";
import { connectionOptions } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { seedDemoLightning } from "@/lib/demo/lightning";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { demoStrikes } from "@/lib/lightning/demo";
import { parseFeedLine } from "@/lib/lightning/feed";
import { importLightning } from "@/lib/lightning/import";
import {
  areaDays,
  mapStrikes,
  PANEL_WINDOW_SECONDS,
  stationActivity,
  stationDays,
  stationStormiestDays,
} from "@/lib/lightning/queries";
import { parseLightningSettings } from "@/lib/lightning/settings";
import { pruneBefore } from "@/lib/lightning/store";
import { BENCH_END } from "../fixtures";
import { type Measurement, measure, printTable, type Suite } from "../lib";

/**
 * Lightning: the import of 100,000 strikes from a loopback feed (into a scratch database), then the
 * map's and the station pages' queries on two years of history — about 5 million strikes near the
 * demo stations, generated once into meteo06_bench_lightning and kept between runs (first run: the
 * generator and the real storage path, a quarter of an hour on a small machine).
 */

export const BENCH_LIGHTNING_DB = "meteo06_bench_lightning";
const HISTORY_DAYS = 731;
/** Scales the demo storms to about 5 million strikes in two years. */
const INTENSITY = 26;
const IMPORT_STRIKES = 100_000;
const IMPORT_RUNS = 3;

function urlFor(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One synthetic feed answer: the 100,000 newest strikes of an intense storm, one JSON line each. */
function feedBody(nowMs: number): string {
  const strikes = demoStrikes(nowMs - 12 * 3600_000, nowMs, {
    liveSinceMs: nowMs - 12 * 3600_000,
    intensity: 120,
  });
  return strikes
    .slice(-IMPORT_STRIKES)
    .map((s) =>
      JSON.stringify({
        time: 0,
        lat: s.latitude,
        lon: s.longitude,
        alt: 0,
        pol: s.polarity,
        mds: s.maxDeviation,
        status: 0,
      }).replace('"time":0', `"time":${BigInt(s.timeMs) * 1_000_000n}`),
    )
    .join("\n");
}

async function timed(
  name: string,
  runs: number,
  run: () => Promise<string | undefined>,
): Promise<Measurement> {
  const times: number[] = [];
  let note: string | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    note = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  return {
    name,
    p50,
    p99: times[times.length - 1],
    opsPerSecond: 1000 / p50,
    note: `${runs} runs; ${note ?? ""}`,
  };
}

async function importSuite(serverUrl: string) {
  const database = `m06t_${randomBytes(4).toString("hex")}_bench_import`;
  const url = urlFor(serverUrl, database);
  await migrate(url);
  process.env.DATABASE_URL = url;
  for (const s of DEMO_STATIONS) {
    await db().station.create({
      data: {
        slug: s.slug,
        name: s.name,
        shortName: s.shortName,
        commune: s.commune,
        latitude: s.profile.latitude,
        longitude: s.profile.longitude,
        altitude: s.profile.altitude,
        archiveDatabase: s.archiveDatabase,
      },
    });
  }
  const nowMs = Date.now();
  const body = feedBody(nowMs);
  const server = createServer((_request, response) => response.end(body));
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  const settings = parseLightningSettings({
    BLITZORTUNG_USERNAME: "bench",
    BLITZORTUNG_PASSWORD: "bench",
    BLITZORTUNG_URL: `http://127.0.0.1:${port}/last_strikes.php`,
  });
  const admin = await mysql.createConnection({ ...connectionOptions(url), multipleStatements: true });
  const empty = () =>
    admin.query(
      "DELETE FROM LightningStrikeDistance; DELETE FROM LightningStationDay; DELETE FROM LightningDay; DELETE FROM LightningStrike; DELETE FROM JobRun",
    );
  try {
    const results = [
      await timed("parse 100,000 feed lines (no database)", IMPORT_RUNS, async () => {
        let n = 0;
        for (const line of body.split("\n")) if (parseFeedLine(line)) n++;
        return `${n} lines`;
      }),
      await timed("import 100,000 new strikes", IMPORT_RUNS, async () => {
        await empty();
        const summary = await importLightning({ now: nowMs, settings, log: () => {} });
        const [[{ n }]] = await admin.query<RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM LightningStrikeDistance",
        );
        return `${summary?.stored} stored, ${n} distances`;
      }),
      await timed("re-import them (all duplicates)", IMPORT_RUNS, async () => {
        const summary = await importLightning({ now: nowMs, settings, log: () => {} });
        return `${summary?.duplicates} duplicates`;
      }),
      await timed("prune 100,000 strikes (batches of 10,000)", 1, async () => {
        return `${await pruneBefore(nowMs + 1)} deleted`;
      }),
    ];
    printTable(
      "Lightning import — 100,000 strikes from a loopback feed, 3 stations",
      results,
      "parse 100,000 feed lines (no database)",
    );
  } finally {
    server.close();
    await admin.query("DROP DATABASE IF EXISTS ??", [database]);
    await admin.end();
  }
}

async function querySuite(serverUrl: string) {
  const url = urlFor(serverUrl, BENCH_LIGHTNING_DB);
  await migrate(url);
  process.env.DATABASE_URL = url;
  for (const s of DEMO_STATIONS) {
    await db().station.upsert({
      where: { slug: s.slug },
      update: {},
      create: {
        slug: s.slug,
        name: s.name,
        shortName: s.shortName,
        commune: s.commune,
        latitude: s.profile.latitude,
        longitude: s.profile.longitude,
        altitude: s.profile.altitude,
        archiveDatabase: s.archiveDatabase,
      },
    });
  }
  const nowMs = BENCH_END * 1000;
  const started = performance.now();
  const added = await seedDemoLightning(nowMs, HISTORY_DAYS, {
    intensity: INTENSITY,
    log: (line) => console.log(`› lightning bench history: ${line}`),
  });
  if (added > 0)
    console.log(`› generated ${added} strikes in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const strikes = await db().lightningStrike.count();
  const distances = await db().lightningStrikeDistance.count();
  const station = await db().station.findUniqueOrThrow({ where: { slug: "nice-pessicart" } });
  const twoYears = new Date(nowMs - HISTORY_DAYS * 86_400_000);
  const pool = mysql.createPool({ ...connectionOptions(url), connectionLimit: 2, timezone: "Z" });
  const lastHour = await mapStrikes(3600, nowMs);
  const day = await mapStrikes(86_400, nowMs);
  const results = await measure(
    {
      "SELECT 1 round trip": () => pool.query("SELECT 1"),
      "map: last hour": () => mapStrikes(3600, nowMs),
      "map: last 24 h (newest 20,000)": () => mapStrikes(86_400, nowMs),
      "station panel: last/nearest, counts 10/30/100 km": () => stationActivity(station.id, nowMs),
      "station: 24 months of daily counts": () => stationDays(station.id, "2024-01-01"),
      "station: stormiest days of the year": () => stationStormiestDays(station.id, 2025),
      "département: 24 months of daily counts": () => areaDays("2024-01-01"),
      "(avoided) 2-year counts from the distance table": () =>
        pool.query(
          "SELECT COUNT(*), SUM(distance <= 30000), SUM(distance <= 10000) FROM LightningStrikeDistance WHERE stationId = ? AND time >= ?",
          [station.id, twoYears],
        ),
    },
    { time: 1500, iterations: 5, warmupIterations: 1 },
  );
  await pool.end();
  const notes: Record<string, string> = {
    "map: last hour": `${lastHour.total} strikes`,
    "map: last 24 h (newest 20,000)": `${day.total} strikes, ${day.strikes.length} sent`,
    "station panel: last/nearest, counts 10/30/100 km": `${PANEL_WINDOW_SECONDS / 3600} h window`,
    "(avoided) 2-year counts from the distance table": "what the daily counters replace",
  };
  printTable(
    `Lightning pages — ${strikes.toLocaleString("en")} strikes and ${distances.toLocaleString("en")} station distances over 2 years`,
    results.map((r) => ({ ...r, note: notes[r.name] })),
    "SELECT 1 round trip",
  );
}

export const suite: Suite = {
  name: "lightning",
  async run() {
    const appUrl = process.env.DATABASE_URL!;
    const serverUrl = urlFor(appUrl, "");
    try {
      await importSuite(serverUrl);
      await querySuite(serverUrl);
    } finally {
      process.env.DATABASE_URL = appUrl;
    }
  },
};

import { existsSync } from "node:fs";
import { request } from "node:http";
import { cpus, loadavg } from "node:os";
import mysql, { type Pool, type RowDataPacket } from "mysql2/promise";
import { updateAggregates } from "@/lib/aggregates/job";
import { readHours } from "@/lib/aggregates/store";
import { HEATMAP_COLUMNS, yearHeatmap } from "@/lib/climate/heatmap";
import { rebuildClimate, updateClimate } from "@/lib/climate/job";
import { monthView, recordsView, yearView } from "@/lib/climate/queries";
import { connectionOptions } from "@/lib/config";
import { appSqlPool, db } from "@/lib/db";
import { writeDemoArchive } from "@/lib/demo/seed";
import { addDays, utcDay } from "@/lib/time";
import { startTestApp } from "@/test/helpers/app";
import { BENCH_ARCHIVE, BENCH_END, BENCH_PROFILE, ensureBenchArchive } from "../fixtures";
import { type Measurement, measure, printTable, type Suite } from "../lib";

/**
 * Climatology on the 10-year, 5-minute bench archive, each operation beside the way the legacy sites
 * did it: a MIN/MAX/SUM scan of the raw archive per day (three windows: Tn 18–18, Tx/RR 06–06 and
 * 00–24 UTC), on every page view. Page data = every query and computation of the page; the built
 * server's first visit of a page (ISR, uncached) is measured too when the app is built.
 */

const HOUR = 3600;
const AT = BENCH_END + 2 * 86400; // every day of the archive is final

/** The legacy per-day computation: three scans of the raw archive. */
async function legacyDay(pool: Pool, date: string) {
  const d = Date.parse(`${date}T00:00:00Z`) / 1000;
  const scan = (columns: string, from: number, to: number) =>
    pool.query<RowDataPacket[]>(`SELECT ${columns} FROM ??.archive WHERE dateTime > ? AND dateTime <= ?`, [
      BENCH_ARCHIVE,
      from,
      to,
    ]);
  const [[tn]] = await scan("MIN(outTemp) AS tn", d - 6 * HOUR, d + 18 * HOUR);
  const [[tx]] = await scan(
    "MAX(outTemp) AS tx, SUM(rain) AS rr, MAX(rainRate) AS rate",
    d + 6 * HOUR,
    d + 30 * HOUR,
  );
  const [[day]] = await scan(
    "AVG(outTemp) AS tmean, MIN(outHumidity), MAX(outHumidity), MIN(dewpoint), MAX(dewpoint), MIN(barometer), MAX(barometer), MAX(windGust), MAX(UV), MAX(radiation), SUM(ET)",
    d,
    d + 86400,
  );
  return { ...tn, ...tx, ...day };
}

async function legacyDays(pool: Pool, first: string, last: string) {
  const result = [];
  for (let date = first; date <= last; date = addDays(date, 1)) result.push(await legacyDay(pool, date));
  return result;
}

/** The legacy records: daily values of every window recomputed from the whole archive, then sorted. */
async function legacyRecords(pool: Pool) {
  const byWindow = (offset: number, columns: string) =>
    pool.query<RowDataPacket[]>(
      `SELECT FLOOR((dateTime - 1 + ?) / 86400) AS d, ${columns} FROM ??.archive GROUP BY d`,
      [offset, BENCH_ARCHIVE],
    );
  const [[tn], [tx], [day]] = [
    await byWindow(6 * HOUR, "MIN(outTemp) AS v"),
    await byWindow(-6 * HOUR, "MAX(outTemp) AS v, SUM(rain) AS rr, MAX(rainRate) AS rate"),
    await byWindow(
      0,
      "MIN(outHumidity), MIN(dewpoint), MAX(dewpoint), MIN(barometer), MAX(barometer), MAX(windGust), MAX(UV), MAX(radiation)",
    ),
  ];
  return [tn, tx, day].map((rows) => [...rows].sort((a, b) => a.v - b.v).slice(0, 10));
}

/** Median of `runs` timed runs (for operations too slow for tinybench's loops). */
async function timed(
  name: string,
  runs: number,
  fn: () => Promise<unknown>,
  note = "",
): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  return { name, p50, p99: times.at(-1)!, opsPerSecond: 1000 / p50, note };
}

/** Counts the queries `fn` sends through the app's mysql2 pool. */
async function queryCount(fn: () => Promise<unknown>): Promise<number> {
  const pool = appSqlPool();
  const original = pool.query.bind(pool);
  let count = 0;
  (pool as unknown as { query: unknown }).query = (...args: Parameters<Pool["query"]>) => {
    count += 1;
    return original(...args);
  };
  try {
    await fn();
  } finally {
    (pool as unknown as { query: unknown }).query = original;
  }
  return count;
}

/** GET of a station page on the built server (loopback, with the station's Host header). */
function get(port: number, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      response.resume();
      response.on("end", () =>
        response.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`${path}: HTTP ${response.statusCode}`)),
      );
    })
      .on("error", reject)
      .end();
  });
}

/** Visits of `paths` one after the other, in ms (the first visit of a page is an uncached ISR render). */
async function visits(port: number, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) times.push(await get(port, `bench.localhost:${port}`, path));
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const suite: Suite = {
  name: "climate",
  async run() {
    const { database: _database, ...options } = connectionOptions(process.env.BENCH_SERVER_URL!);
    const raw = mysql.createPool({ ...options, connectionLimit: 2 });
    await ensureBenchArchive(raw);
    const station = await db().station.findUniqueOrThrow({ where: { slug: "bench" } });
    await updateAggregates(station); // the hourly aggregates the climatology is built on

    const sql = appSqlPool();
    const rebuildStart = performance.now();
    const rebuilt = await rebuildClimate(station, { at: AT });
    const rebuildMs = performance.now() - rebuildStart;
    const first = utcDay(BENCH_END - Math.round(10 * 365.25 * 86400));
    const lastDay = utcDay(BENCH_END - 86400);
    const legacyRebuild = await timed(
      "full history, legacy (3 scans per day)",
      1,
      () => legacyDays(raw, first, lastDay),
      `${rebuilt.computed * 3} queries`,
    );

    // Incremental: one new day of records arrives, the aggregates job runs, then the climate job.
    const incremental: number[] = [];
    const aggregateTimes: number[] = [];
    for (let day = 0; day < 5; day += 1) {
      const from = BENCH_END + day * 86400;
      await writeDemoArchive(raw, BENCH_ARCHIVE, BENCH_PROFILE, from, from + 86400);
      let started = performance.now();
      await updateAggregates(station);
      aggregateTimes.push(performance.now() - started);
      started = performance.now();
      await updateClimate(station, { at: from + 86400 + 7 * HOUR });
      incremental.push(performance.now() - started);
    }
    const updateNote = `${(await updateClimate(station, { at: BENCH_END + 5 * 86400 + 8 * HOUR })).examined} days fingerprinted`;
    await raw.query("DELETE FROM ??.archive WHERE dateTime > ?", [BENCH_ARCHIVE, BENCH_END]);
    await updateAggregates(station);
    await rebuildClimate(station, { at: AT });

    const month = "2025-06";
    const counts = {
      month: await queryCount(() => monthView(station, month, AT, sql)),
      year: await queryCount(() => yearView(station, 2025, AT, sql)),
      records: await queryCount(() => recordsView(station, 10, sql)),
    };
    const heatmap = async () =>
      yearHeatmap(
        await readHours(
          sql,
          station.id,
          Date.UTC(2024, 11, 31) / 1000,
          Date.UTC(2026, 0, 2) / 1000,
          HEATMAP_COLUMNS,
        ),
        2025,
        station.timezone,
      );
    const fast = await measure(
      {
        "SELECT 1 round trip": () => raw.query("SELECT 1"),
        "month page data (June 2025)": () => monthView(station, month, AT, sql),
        "year page data (2025)": () => yearView(station, 2025, AT, sql),
        "records page data (top 10)": () => recordsView(station, 10, sql),
        "year heat-maps (hourly aggregates)": heatmap,
        "one day, legacy (3 scans)": () => legacyDay(raw, "2025-06-15"),
      },
      { time: 2000 },
    );
    const note = (name: string, text: string) => {
      const row = fast.find((r) => r.name === name)!;
      row.note = text;
    };
    note("month page data (June 2025)", `${counts.month} queries`);
    note("year page data (2025)", `${counts.year} queries`);
    note("records page data (top 10)", `${counts.records} query`);
    note("year heat-maps (hourly aggregates)", "1 query, 8,760 hours");

    const slow = [
      await timed(
        "month page data, legacy (3 scans × 30 days)",
        3,
        () => legacyDays(raw, "2025-06-01", "2025-06-30"),
        "90 queries",
      ),
      await timed(
        "year page data, legacy (3 scans × 365 days)",
        1,
        () => legacyDays(raw, "2025-01-01", "2025-12-31"),
        "1,095 queries",
      ),
      await timed(
        "year heat-maps, legacy (raw year grouped by hour)",
        3,
        () =>
          raw.query(
            "SELECT FLOOR((dateTime - 1) / 3600) AS h, AVG(outTemp), AVG(outHumidity), AVG(dewpoint), SUM(rain) FROM ??.archive WHERE dateTime > ? AND dateTime <= ? GROUP BY h",
            [BENCH_ARCHIVE, Date.UTC(2024, 11, 31, 23) / 1000, Date.UTC(2025, 11, 31, 23) / 1000],
          ),
        "1 query, 105,120 rows",
      ),
      await timed(
        "records, legacy (every day from the archive)",
        1,
        () => legacyRecords(raw),
        "3 queries, 1.05 M rows",
      ),
    ];

    const jobs: Measurement[] = [
      {
        name: "full rebuild (10 years)",
        p50: rebuildMs,
        p99: rebuildMs,
        opsPerSecond: 1000 / rebuildMs,
        note: `${rebuilt.computed} days, one run`,
      },
      legacyRebuild,
      {
        name: "update after one new day",
        p50: median(incremental),
        p99: Math.max(...incremental),
        opsPerSecond: 1000 / median(incremental),
        note: `${updateNote}; aggregates job before it: ${median(aggregateTimes).toFixed(0)} ms`,
      },
    ];

    const http: Measurement[] = [];
    if (existsSync(".next/standalone/server.js")) {
      const app = await startTestApp({ DATABASE_URL: process.env.DATABASE_URL! });
      try {
        const months = Array.from({ length: 24 }, (_, i) => utcDay(Date.UTC(2024, i, 1) / 1000).slice(0, 7));
        const add = (name: string, times: number[], note: string) =>
          http.push({
            name,
            p50: median(times),
            p99: Math.max(...times),
            opsPerSecond: 1000 / median(times),
            note,
          });
        await visits(app.port, ["/mois/2023-01"]); // warm the server's code paths once
        add(
          "HTTP month page, first visit",
          await visits(
            app.port,
            months.map((m) => `/mois/${m}`),
          ),
          "24 months, uncached ISR renders",
        );
        add(
          "HTTP year page, first visit",
          await visits(
            app.port,
            ["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"].map(
              (y) => `/annee/${y}`,
            ),
          ),
          "9 years, uncached",
        );
        add(
          "HTTP records page (top 10), first visit",
          await visits(app.port, ["/records"]),
          "uncached, one visit",
        );
        add(
          "HTTP records page (top 30), first visit",
          await visits(app.port, ["/records/top-30"]),
          "uncached, one visit",
        );
        add(
          "HTTP month page, cached",
          await visits(
            app.port,
            months.map((m) => `/mois/${m}`),
          ),
          "same 24 months again",
        );
      } finally {
        await app.stop();
      }
    } else {
      console.log("\n(the app is not built: run `npm run build` to measure the pages over HTTP as well)");
    }
    await raw.end();

    printTable(
      `Climatology — 10 years of 5-minute records (page data and jobs beside the legacy per-day scans); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
      [...fast, ...slow, ...jobs, ...http],
      "SELECT 1 round trip",
    );
  },
};

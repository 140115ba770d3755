import { readdirSync, readFileSync, statSync } from "node:fs";
import { Agent, request } from "node:http";
import { buildIfNeeded } from "@/scripts/dev/build";
import { startTestApp } from "@/test/helpers/app";
import { BENCH_END, ensureBenchStation } from "../fixtures";
import { type Measurement, measure, printTable, printThroughput, type Suite, wrk } from "../lib";
import { startSqlCounter } from "../sql-counter";

/**
 * The station pages served by the built app (standalone server) on the 10-year archive: server render
 * uncached (draft mode makes Next render every request) and cached (ISR), the SQL statements of one
 * uncached render (counted on the wire by a proxy in front of MariaDB), and wrk's throughput on the
 * home beside a static file of the same server.
 */

const day = new Date((BENCH_END - 2 * 86400) * 1000).toISOString().slice(0, 10);
const PAGES: [name: string, path: string][] = [
  ["station home", "/"],
  ["charts, 7 days at 1 h", "/graphiques/7j"],
  ["charts, 1 year at 1 day", "/graphiques/1an"],
  ["day page", `/jour/${day}`],
];

/** The tables of the article blocks (forecast, vigilance) shown on every page. */
const SHARED_BLOCK_TABLES = /FROM `(Article|VigilanceNotice|ForecastDay|Media|User)`/;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const suite: Suite = {
  name: "stations",
  async run() {
    await ensureBenchStation();
    buildIfNeeded();

    // The app reaches MariaDB through the counting proxy.
    const server = new URL(process.env.DATABASE_URL!);
    const counter = await startSqlCounter(Number(server.port || 3306), server.hostname);
    const proxied = new URL(server);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(counter.port);
    const app = await startTestApp({ DATABASE_URL: proxied.toString() });
    try {
      const origin = `http://127.0.0.1:${app.port}`;
      const host = `bench.localhost:${app.port}`;
      const { previewModeId } = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")).preview;
      // node:http rather than fetch, which does not let a request choose its Host header.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const get = (path: string, uncached = false) =>
        new Promise<void>((resolve, reject) => {
          const headers: Record<string, string> = { Host: host };
          if (uncached) headers.Cookie = `__prerender_bypass=${previewModeId}`;
          request({ port: app.port, host: "127.0.0.1", path, headers, agent }, (response) => {
            response.resume();
            response.on("end", () =>
              response.statusCode === 200
                ? resolve()
                : reject(new Error(`${path}: HTTP ${response.statusCode}`)),
            );
          })
            .on("error", reject)
            .end();
        });

      // SQL statements per uncached render (after a warm-up that opens the pools' connections).
      const counts = new Map<string, number[]>();
      const statements = new Map<string, string[]>();
      for (const [name, path] of PAGES) {
        for (let i = 0; i < 3; i++) await get(path, true);
        const perRender: number[] = [];
        for (let i = 0; i < 10; i++) {
          const before = counter.count();
          counter.take();
          await get(path, true);
          perRender.push(counter.count() - before);
          statements.set(name, counter.take());
        }
        counts.set(name, perRender);
      }

      // A burst of visitors: SQL statements reaching MariaDB for 100 requests once the caches are warm.
      const burst: [string, string][] = [
        ["station home", "/"],
        ["API current conditions", "/api/v1/stations/bench/current"],
      ];
      const burstCounts: string[] = [];
      for (const [name, path] of burst) {
        await get(path);
        const before = counter.count();
        for (let i = 0; i < 100; i++) await get(path);
        burstCounts.push(`${name}: ${counter.count() - before}`);
      }

      const tasks: Record<string, () => Promise<void>> = {};
      for (const [name, path] of PAGES) {
        tasks[`${name}, uncached render`] = () => get(path, true);
        tasks[`${name}, cached (ISR)`] = () => get(path);
      }
      const staticFile = readdirSync(".next/static/chunks")
        .filter((f) => f.endsWith(".js"))
        .map((f) => ({ f, size: statSync(`.next/static/chunks/${f}`).size }))
        .sort((a, b) => a.size - b.size)[0].f;
      const staticPath = `/_next/static/chunks/${staticFile}`;
      tasks["API current conditions (cached)"] = () => get("/api/v1/stations/bench/current");
      tasks["API observations, 7 days at 1 h"] = () =>
        get("/api/v1/stations/bench/observations?from=2025-12-25&to=2025-12-31&step=1h");
      tasks["static file (baseline)"] = () => get(staticPath);
      const results: Measurement[] = await measure(tasks, { time: 4000, warmupTime: 500 });
      for (const row of results) {
        const page = PAGES.find(([name]) => row.name.startsWith(`${name}, uncached`));
        if (page) {
          const perRender = counts.get(page[0])!;
          row.note = `${median(perRender)} SQL statements per render (min ${Math.min(...perRender)}, max ${Math.max(...perRender)})`;
        }
      }
      printTable(
        "Station pages — built app, 10-year archive (HTTP on loopback, one request at a time)",
        results,
        "static file (baseline)",
      );
      console.log(`\nSQL statements for 100 requests with warm caches: ${burstCounts.join(", ")}`);
      // Draft mode also bypasses the app-wide data cache of the forecast and vigilance blocks that every
      // page shows: outside it they are read once a minute for the whole site, not per station page.
      const homeStatements = statements.get("station home") ?? [];
      const shared = homeStatements.filter((sql) => SHARED_BLOCK_TABLES.test(sql)).length;
      console.log(
        `\nSQL statements of one uncached render of the station home: ${homeStatements.length}, of which ` +
          `${homeStatements.length - shared} for the station and its weather and ${shared} for the ` +
          "forecast and vigilance blocks (cached app-wide outside draft mode):",
      );
      for (const sql of homeStatements) console.log(`  - ${sql.replace(/\s+/g, " ").slice(0, 150)}`);

      // Throughput: 50 connections for 20 s.
      printThroughput(
        [await wrk("station home (ISR)", `${origin}/`, host)],
        await wrk("static file", `${origin}${staticPath}`, host),
      );
    } finally {
      await app.stop();
      await counter.close();
    }
  },
};

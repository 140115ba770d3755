import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { buildIfNeeded } from "@/scripts/dev/build";
import { freePort, startTestApp, type TestApp } from "@/test/helpers/app";
import { httpRequest } from "@/test/helpers/http";
import { startNginx } from "@/test/helpers/nginx";
import { BENCH_END, ensureBenchStation } from "../fixtures";
import { type Suite, type Throughput, wrk } from "../lib";

/**
 * The site as visitors reach it: through the production nginx (deploy/nginx rendered as install.sh does,
 * HTTPS, micro-cache) and the app alone, beside a 64 KB static file served by the same nginx — the
 * ceiling — all in one run with the same wrk command as issue 15 (2 threads, 50 connections, 15 s).
 * Printed with each one's ratio to the static file (measured first and last, their mean), issue 15's
 * targets and the figures measured before the change. Then the footprint: the app alone under a mixed
 * load (station pages, hundreds of distinct day pages, apex pages, feed, API) for 10 minutes, twice,
 * with its resident memory after each run (BENCH_MIXED_MINUTES shortens the runs for a quick look;
 * BENCH_HTTP=footprint runs the footprint alone, BENCH_HTTP=table the table alone).
 */

const DOMAIN = "meteo06.localhost";
const WRK = { threads: 2, seconds: 15 };
const day = new Date((BENCH_END - 2 * 86400) * 1000).toISOString().slice(0, 10);
const ARTICLE_SLUG = "bench-http-article";

/**
 * Issue 15's targets, by page: through nginx, the pages anonymous visitors read most (≥ 50 % of the
 * static file, p99 < 50 ms, no error); the app alone, its cached pages (≥ 10 %, p99 < 250 ms).
 */
interface Target {
  share: number;
  p99Ms: number;
}
const NGINX_TARGET: Target = { share: 0.5, p99Ms: 50 };
const APP_TARGET: Target = { share: 0.1, p99Ms: 250 };

const PAGES: { name: string; path: string; station?: true; nginx?: Target; app?: Target }[] = [
  { name: "station home", path: "/", station: true, nginx: NGINX_TARGET, app: APP_TARGET },
  { name: "station charts 7 days", path: "/graphiques/7j", station: true, app: APP_TARGET },
  { name: "station day page", path: `/jour/${day}`, station: true, app: APP_TARGET },
  { name: "apex home", path: "/", nginx: NGINX_TARGET, app: APP_TARGET },
  { name: "apex article", path: `/articles/${ARTICLE_SLUG}`, nginx: NGINX_TARGET, app: APP_TARGET },
  { name: "RSS feed", path: "/flux/rss.xml", nginx: NGINX_TARGET },
  { name: "API current conditions", path: "/api/v1/stations/bench/current" },
];

/** The mixed load of the footprint runs: every page above, and this many distinct day pages. */
const MIXED_DAYS = 400;
/** Issue 15: the app's resident memory after 10 minutes of mixed load, and no growth between two runs. */
const RSS_TARGET_MB = 400;
/** BENCH_HTTP: "table" or "footprint" runs that part alone; unset, both. */
const parts = () => {
  const only = process.env.BENCH_HTTP;
  if (only !== undefined && only !== "table" && only !== "footprint")
    throw new Error(`BENCH_HTTP "${only}" is neither "table" nor "footprint"`);
  return { table: only !== "footprint", footprint: only !== "table" };
};
const mixedMinutes = () => {
  const minutes = Number(process.env.BENCH_MIXED_MINUTES ?? 10);
  if (!(minutes > 0))
    throw new Error(`BENCH_MIXED_MINUTES "${process.env.BENCH_MIXED_MINUTES}" is not a duration`);
  return minutes;
};

/** Issue 15, measured on 2026-12 before the change: the app alone, no cache in nginx (two rounds). */
const BEFORE_STATIC = "static 64 KB file (nginx)";
const BEFORE: Record<string, { rps: string; p50: string; p99: string }> = {
  [BEFORE_STATIC]: { rps: "15,900–16,850", p50: "1.5 ms", p99: "87–112 ms" },
  "station home": { rps: "475–776", p50: "62–71 ms", p99: "0.7–5.4 s" },
  "station charts 7 days": { rps: "498–604", p50: "74–82 ms", p99: "1.2–1.7 s" },
  "station day page": { rps: "129–143", p50: "276–334 ms", p99: "1.1–1.6 s" },
  "apex home": { rps: "138–159", p50: "277–324 ms", p99: "1.3–1.9 s" },
  "apex article": { rps: "98–128", p50: "360–465 ms", p99: "1.2–1.6 s" },
  "API current conditions": { rps: "475–540", p50: "78–81 ms", p99: "1.3–3.2 s" },
};

/** A published article of a realistic length, created once in the bench database. */
async function ensureArticle(): Promise<void> {
  const paragraph =
    "<p>Un épisode méditerranéen a touché le littoral des Alpes-Maritimes : cumuls de 80 à 120 mm " +
    "entre Nice et Menton, rafales à 90 km/h sur les caps, orages stationnaires sur l'arrière-pays.</p>";
  await db().article.upsert({
    where: { slug: ARTICLE_SLUG },
    create: {
      type: "NEWS",
      status: "PUBLISHED",
      title: "Épisode méditerranéen sur le littoral",
      slug: ARTICLE_SLUG,
      excerpt: "Cumuls de 80 à 120 mm entre Nice et Menton.",
      bodyHtml: paragraph.repeat(12),
      bodyText: paragraph.replace(/<[^>]+>/g, "").repeat(12),
      publishedAt: new Date(BENCH_END * 1000),
    },
    update: {},
  });
}

/** wrk's "731.00us", "199.02ms", "1.71s" in milliseconds. */
function milliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as "us" | "ms" | "s" | "m"];
}

function verdict(row: Throughput, staticRps: number, target: Target | undefined): string {
  if (!target) return "—";
  const misses = [
    row.requestsPerSecond < target.share * staticRps && `< ${100 * target.share} %`,
    !(milliseconds(row.p99) < target.p99Ms) && `p99 ≥ ${target.p99Ms} ms`,
    row.errors !== "0" && "errors",
  ].filter(Boolean);
  return misses.length ? `missed (${misses.join(", ")})` : "met";
}

function printTable(
  statics: Throughput[],
  rows: { page: (typeof PAGES)[number]; nginx: Throughput; app: Throughput }[],
  load: { before: number[]; after: number[] },
) {
  const staticRps = statics.reduce((sum, row) => sum + row.requestsPerSecond, 0) / statics.length;
  const ratio = (row: Throughput) => `${((100 * row.requestsPerSecond) / staticRps).toFixed(1)} %`;
  const cells = (row: Throughput) => [
    row.requestsPerSecond.toFixed(0),
    row.p50,
    row.p99,
    row.errors,
    ratio(row),
  ];
  const before = (name: string) => {
    const old = BEFORE[name];
    return old ? [old.rps, old.p50, old.p99] : ["—", "—", "—"];
  };
  const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(" ");
  console.log(
    `\nThe site over HTTP — wrk -t${WRK.threads} -c50 -d${WRK.seconds}s, loopback, one run; ` +
      "ratios: req/s against nginx's static 64 KB file in this run (mean of the first and last measure)\n" +
      `Load average (1, 5, 15 min): ${loads(load.before)} before, ${loads(load.after)} after ` +
      "(2 cores, shared: absolute figures move with it, ratios less)\n",
  );
  const head = [
    "target",
    "nginx req/s",
    "p50",
    "p99",
    "errors",
    "× static",
    "goal ≥ 50 %, p99 < 50 ms",
    "app alone req/s",
    "p50",
    "p99",
    "errors",
    "× static",
    "goal ≥ 10 %, p99 < 250 ms",
    "before (app alone) req/s",
    "p50",
    "p99",
  ];
  const lines = [
    head,
    ...statics.map((row) => [row.name, ...cells(row), "", "", "", "", "", "", "", ...before(BEFORE_STATIC)]),
    ...rows.map(({ page, nginx, app }) => [
      page.name,
      ...cells(nginx),
      verdict(nginx, staticRps, page.nginx),
      ...cells(app),
      verdict(app, staticRps, page.app),
      ...before(page.name),
    ]),
  ];
  const widths = head.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const print = (line: string[]) => console.log(`| ${line.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`);
  print(lines[0]);
  print(widths.map((w) => "-".repeat(w)));
  for (const line of lines.slice(1)) print(line);
  console.log(
    "\nnginx: the production site (micro-cache, HTTPS, HTTP/1.1 from wrk); app alone: the Next.js server " +
      "on plain HTTP. Before: the app alone, as no cache was in front of it (issue 15, 2026-12, two rounds).",
  );
}

/** Resident and peak resident memory of a process, in MB (Linux). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * The footprint: wrk's mixed load on the app alone (each request the next address of the list, with its
 * host), for BENCH_MIXED_MINUTES (10) minutes, twice; the app's memory after each run.
 */
async function footprint(app: TestApp, www: string, addresses: { host: string; path: string }[]) {
  const script = path.join(www, "mixed.lua");
  writeFileSync(
    script,
    [
      "local addresses = {",
      ...addresses.map(({ host, path }) => `  { ${JSON.stringify(host)}, ${JSON.stringify(path)} },`),
      "}",
      "local next_index = 0",
      "request = function()",
      "  next_index = next_index % #addresses + 1",
      "  local address = addresses[next_index]",
      '  return wrk.format("GET", address[2], { Host = address[1] })',
      "end",
    ].join("\n"),
  );
  const minutes = mixedMinutes();
  const start = memory(app.pid);
  const runs: { result: Throughput; memory: { rss: number; peak: number }; load: number }[] = [];
  for (const round of [1, 2]) {
    console.log(`› mixed load on the app alone, run ${round} of 2 (${minutes} min)`);
    const run = () =>
      wrk(`mixed run ${round}`, `http://127.0.0.1:${app.port}/`, undefined, {
        threads: WRK.threads,
        seconds: Math.round(minutes * 60),
        script,
      });
    let result: Throughput | undefined;
    try {
      result = await run();
    } catch (error) {
      if (app.running()) throw error;
    }
    if (!result || !app.running()) {
      const last = app.output().trim().split("\n").slice(-20).join("\n");
      // A footprint that ends in an out-of-memory exit is the worst result: the bench fails with it.
      throw new Error(`Footprint: the app exited during mixed run ${round}; its last words:\n${last}`);
    }
    runs.push({ result, memory: memory(app.pid), load: loadavg()[0] });
  }
  const growth = runs[1].memory.rss - runs[0].memory.rss;
  console.log(
    "\nFootprint — the app alone under a mixed load (half the pages above, half " +
      `${MIXED_DAYS} distinct day pages), wrk -t${WRK.threads} -c50, ${minutes} min per run, with the ` +
      `production memory settings (lib/ops/schedule.ts). RSS at start: ${start.rss.toFixed(0)} MB\n`,
  );
  console.log("| run | req/s | p50 | p99 | errors | RSS after | peak RSS | load (1 min) |");
  console.log("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
  for (const { result, memory, load } of runs)
    console.log(
      `| ${result.name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ` +
        `${result.errors} | ${memory.rss.toFixed(0)} MB | ${memory.peak.toFixed(0)} MB | ${load.toFixed(2)} |`,
    );
  const met = runs[1].memory.rss <= RSS_TARGET_MB && growth <= 0.05 * runs[0].memory.rss;
  console.log(
    `\nGoal: RSS ≤ ${RSS_TARGET_MB} MB after the run and no growth from one run to the next (within 5 %): ` +
      `${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MB — ${met ? "met" : "missed"}` +
      (minutes === 10 ? "" : ` (runs of ${minutes} min, not the 10 of the goal)`),
  );
}

export const suite: Suite = {
  name: "http",
  async run() {
    await ensureBenchStation();
    await ensureArticle();
    buildIfNeeded();
    const httpsPort = await freePort();
    const app = await startTestApp({ SITE_URL: `https://${DOMAIN}:${httpsPort}` }, DOMAIN);
    // The static file: 64 KB of the station home's HTML, served by the same nginx server.
    const www = mkdtempSync(path.join(tmpdir(), "m06-bench-www-"));
    chmodSync(www, 0o755);
    mkdirSync(path.join(www, "bench"), { mode: 0o755 });
    const nginx = await startNginx({
      appPort: app.port,
      domain: DOMAIN,
      httpsPort,
      extraLocations: `    location = /bench/static-64k.html { root ${www}; }`,
    });
    try {
      const home = await httpRequest(`http://127.0.0.1:${app.port}/`, {
        headers: { Host: `bench.${DOMAIN}` },
      });
      if (home.status !== 200) throw new Error(`station home: HTTP ${home.status}`);
      writeFileSync(
        path.join(www, "bench/static-64k.html"),
        home.body.toString("utf8").repeat(20).slice(0, 65536),
      );
      chmodSync(path.join(www, "bench/static-64k.html"), 0o644);

      const target = (page: (typeof PAGES)[number]) => ({
        host: page.station ? `bench.${DOMAIN}` : DOMAIN,
        viaNginx: `https://127.0.0.1:${httpsPort}${page.path}`,
        direct: `http://127.0.0.1:${app.port}${page.path}`,
      });
      // Every page once through each, so that the runs measure warm caches, and must answer 200.
      for (const page of PAGES) {
        const { host, direct } = target(page);
        for (const [url, headers] of [
          [direct, { Host: host }],
          [nginx.url(page.path, page.station && "bench"), {}],
        ] as const) {
          const answer = await httpRequest(url, { headers, ca: nginx.ca });
          if (answer.status !== 200) throw new Error(`${page.name} (${url}): HTTP ${answer.status}`);
        }
      }
      if (parts().table) {
        const load = { before: loadavg(), after: [] as number[] };
        const measureStatic = async (when: string) =>
          wrk(
            `static 64 KB file (nginx), ${when}`,
            `https://127.0.0.1:${httpsPort}/bench/static-64k.html`,
            DOMAIN,
            WRK,
          );
        const statics = [await measureStatic("first")];
        const rows = [];
        for (const page of PAGES) {
          const { host, viaNginx, direct } = target(page);
          console.log(`› wrk: ${page.name}`);
          rows.push({
            page,
            nginx: await wrk(page.name, viaNginx, host, WRK),
            app: await wrk(page.name, direct, host, WRK),
          });
        }
        statics.push(await measureStatic("last"));
        load.after = loadavg();
        printTable(statics, rows, load);
      }
      if (!parts().footprint) return;

      const days = Array.from({ length: MIXED_DAYS }, (_, i) =>
        new Date((BENCH_END - (i + 1) * 86400) * 1000).toISOString().slice(0, 10),
      );
      // Half the requests go to the pages above (cached, as most visits), half to distinct day pages.
      await footprint(
        app,
        www,
        days.flatMap((date, i) => [
          { host: `bench.${DOMAIN}`, path: `/jour/${date}` },
          { host: target(PAGES[i % PAGES.length]).host, path: PAGES[i % PAGES.length].path },
        ]),
      );
    } finally {
      await nginx.stop();
      await app.stop();
      rmSync(www, { recursive: true, force: true });
    }
  },
};

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { buildIfNeeded } from "@/scripts/dev/build";
import { freePort, startTestApp } from "@/test/helpers/app";
import { httpRequest } from "@/test/helpers/http";
import { startNginx } from "@/test/helpers/nginx";
import { BENCH_END, ensureBenchStation } from "../fixtures";
import { type Suite, type Throughput, wrk } from "../lib";

/**
 * The site as visitors reach it: through the production nginx (deploy/nginx rendered as install.sh does,
 * HTTPS, micro-cache) and the app alone, beside a 64 KB static file served by the same nginx — the
 * ceiling — all in one run with the same wrk command as issue 15 (2 threads, 50 connections, 15 s).
 * Printed with each one's ratio to the static file, beside the figures measured before the change.
 */

const DOMAIN = "meteo06.localhost";
const WRK = { threads: 2, seconds: 15 };
const day = new Date((BENCH_END - 2 * 86400) * 1000).toISOString().slice(0, 10);
const ARTICLE_SLUG = "bench-http-article";

const PAGES: { name: string; path: string; station?: true }[] = [
  { name: "station home", path: "/", station: true },
  { name: "station charts 7 days", path: "/graphiques/7j", station: true },
  { name: "station day page", path: `/jour/${day}`, station: true },
  { name: "apex home", path: "/" },
  { name: "apex article", path: `/articles/${ARTICLE_SLUG}` },
  { name: "RSS feed", path: "/flux/rss.xml" },
  { name: "API current conditions", path: "/api/v1/stations/bench/current" },
];

/** Issue 15, measured on 2026-12 before the change: the app alone, no cache in nginx (two rounds). */
const BEFORE: Record<string, { rps: string; p50: string; p99: string }> = {
  "static 64 KB file (nginx)": { rps: "15,900–16,850", p50: "1.5 ms", p99: "87–112 ms" },
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

function printTable(staticFile: Throughput, rows: { name: string; nginx: Throughput; app: Throughput }[]) {
  const ratio = (row: Throughput) =>
    `${((100 * row.requestsPerSecond) / staticFile.requestsPerSecond).toFixed(1)} %`;
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
  console.log(
    `\nThe site over HTTP — wrk -t${WRK.threads} -c50 -d${WRK.seconds}s, loopback, one run; ` +
      "ratios: req/s against nginx's static 64 KB file in this run\n",
  );
  const head = [
    "target",
    "nginx req/s",
    "p50",
    "p99",
    "errors",
    "× static",
    "app alone req/s",
    "p50",
    "p99",
    "errors",
    "× static",
    "before (2026-12, app alone) req/s",
    "p50",
    "p99",
  ];
  const lines = [
    head,
    [staticFile.name, ...cells(staticFile), "", "", "", "", "", ...before(staticFile.name)],
    ...rows.map((row) => [row.name, ...cells(row.nginx), ...cells(row.app), ...before(row.name)]),
  ];
  const widths = head.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const print = (line: string[]) => console.log(`| ${line.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`);
  print(lines[0]);
  print(widths.map((w) => "-".repeat(w)));
  for (const line of lines.slice(1)) print(line);
  console.log(
    "\nnginx: the production site (micro-cache, HTTPS, HTTP/1.1 from wrk); app alone: the Next.js server " +
      "on plain HTTP. Before: the app alone, as no cache was in front of it (issue 15, two rounds).",
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
      const staticFile = wrk(
        "static 64 KB file (nginx)",
        `https://127.0.0.1:${httpsPort}/bench/static-64k.html`,
        DOMAIN,
        WRK,
      );
      const rows = PAGES.map((page) => {
        const { host, viaNginx, direct } = target(page);
        console.log(`› wrk: ${page.name}`);
        return {
          name: page.name,
          nginx: wrk(page.name, viaNginx, host, WRK),
          app: wrk(page.name, direct, host, WRK),
        };
      });
      printTable(staticFile, rows);
    } finally {
      await nginx.stop();
      await app.stop();
      rmSync(www, { recursive: true, force: true });
    }
  },
};

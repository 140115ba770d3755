import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildAggregates, updateAggregates } from "@/lib/aggregates/job";
import { rebuildClimate, updateClimate } from "@/lib/climate/job";
import { summarizeMonth } from "@/lib/climate/monthly";
import { readClimateDays, readClimateMonths } from "@/lib/climate/store";
import { appSqlPool } from "@/lib/db/client";
import type { Station } from "@/lib/generated/prisma/client";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createDemoStation, createLevens } from "../helpers/stations";

// Villefranche's demo archive is METRIC (rain in centimetres), Pessicart's is US (°F, inches, mph):
// every expected value below comes from SQL on the raw rows, converted here with textbook factors.
const UNITS = {
  villefranche: { temp: (v: number) => v, rain: (v: number) => v * 10, speed: (v: number) => v },
  "nice-pessicart": {
    temp: (f: number) => ((f - 32) * 5) / 9,
    rain: (inch: number) => inch * 25.4,
    speed: (mph: number) => mph * 1.609344,
  },
} as const;
type Slug = keyof typeof UNITS;

const utc = (iso: string) => Date.parse(iso) / 1000;
const START = utc("2025-03-01T00:00:00Z");
const END = utc("2025-03-08T00:00:00Z");
const AT = "2025-03-08T07:00:00Z"; // 7 March is final, 8 March partial

let dbs: TestDatabases;
let env: Record<string, string>;
const stations = {} as Record<Slug, Station>;
const archive = (slug: Slug) => `${dbs.prefix}${slug.replace("-", "_")}`;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  env = { DATABASE_URL: dbs.appUrl, SITE_URL: "http://localhost:3999", ROOT_DOMAIN: "localhost" };
  for (const slug of Object.keys(UNITS) as Slug[]) {
    stations[slug] = await createDemoStation(dbs, slug, archive(slug), START, END);
    await updateAggregates(stations[slug]);
  }
});
afterAll(() => dbs?.drop());

// biome-ignore lint/suspicious/noExplicitAny: raw SQL rows in a test
async function raw(slug: Slug, sql: string, from: string, to: string): Promise<any> {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>(
    `${sql.replace("FROM archive", `FROM \`${archive(slug)}\`.archive`)} WHERE dateTime > ? AND dateTime <= ?`,
    [utc(from), utc(to)],
  );
  return row;
}

/** Independent truth for day D from the raw archive. */
async function truth(slug: Slug, date: string) {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
  const prev = new Date(Date.parse(`${date}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  const u = UNITS[slug];
  const tn = await raw(
    slug,
    "SELECT MIN(outTemp) AS v FROM archive",
    `${prev}T18:00:00Z`,
    `${date}T18:00:00Z`,
  );
  const tx = await raw(
    slug,
    "SELECT MAX(outTemp) AS v, SUM(rain) AS rr, MAX(rainRate) AS rate FROM archive",
    `${date}T06:00:00Z`,
    `${next}T06:00:00Z`,
  );
  const day = await raw(
    slug,
    "SELECT AVG(outTemp) AS mean, MAX(windGust) AS gust FROM archive",
    `${date}T00:00:00Z`,
    `${next}T00:00:00Z`,
  );
  return {
    tn: u.temp(tn.v),
    tx: u.temp(tx.v),
    rr: u.rain(Number(tx.rr)),
    rate: u.rain(Number(tx.rate)),
    tmean: u.temp(day.mean),
    gust: u.speed(day.gust),
  };
}

async function stored(slug: Slug, from = "2025-02-27", to = "2025-03-09") {
  return readClimateDays(appSqlPool(), stations[slug].id, from, to);
}

describe("climate job", () => {
  it("computes every day from the CLI, in °C and mm whatever the archive's units (METRIC cm, US)", async () => {
    const result = await runCli(["climate", "update", "--at", AT], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/villefranche\s+\d+\s+9\s+0/); // 28 Feb … 8 March
    for (const slug of Object.keys(UNITS) as Slug[]) {
      const days = await stored(slug);
      expect(days.map((d) => d.date)).toEqual([
        "2025-02-28",
        "2025-03-01",
        "2025-03-02",
        "2025-03-03",
        "2025-03-04",
        "2025-03-05",
        "2025-03-06",
        "2025-03-07",
        "2025-03-08",
      ]);
      for (const day of days.filter((d) => d.date >= "2025-03-02" && d.date <= "2025-03-06")) {
        const t = await truth(slug, day.date);
        expect(day.tn).toBeCloseTo(t.tn, 9);
        expect(day.tx).toBeCloseTo(t.tx, 9);
        expect(day.tnTxMean).toBeCloseTo((t.tn + t.tx) / 2, 9);
        expect(day.rr).toBeCloseTo(t.rr, 9);
        expect(day.rrRateMax).toBeCloseTo(t.rate, 9);
        expect(day.tmean).toBeCloseTo(t.tmean, 9);
        expect(day.gustMax).toBeCloseTo(t.gust, 9);
        expect([day.tnCoverage, day.txCoverage, day.rrCoverage, day.dayCoverage]).toEqual([1, 1, 1, 1]);
        expect(day.partial).toBe(false);
      }
      // 7 March: its Tx/RR window ends with the data (8 March 00:00), so 75 %; 8 March is partial.
      const [march7, march8] = days.slice(-2);
      expect(march7.txCoverage).toBe(0.75);
      expect(march7.tx).toBeNull();
      expect(march7.partial).toBe(false);
      expect(march8.partial).toBe(true);
      expect(march8.tn).toBeNull(); // (7 March 18:00, 8 March 18:00] has 6 hours by the end of the data
    }
    // The monthly values references are built from, kept with the days.
    const months = await readClimateMonths(appSqlPool(), stations.villefranche.id);
    expect(months.map((m) => m.period)).toEqual(["2025-02", "2025-03"]);
    const march = summarizeMonth("2025-03", await stored("villefranche"), utc(AT));
    expect(months[1]).toEqual({
      period: "2025-03",
      inProgress: true,
      tn: march.tn.mean,
      tx: march.tx.mean,
      tnTxMean: march.tnTxMean.mean,
      rr: march.rr.total,
    });
    expect(march.tn.mean).not.toBeNull();
    const runs = await dbs.prisma.jobRun.findMany({ where: { name: "climate:update" } });
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe("SUCCESS");
  });

  it("does nothing when nothing changed", async () => {
    const result = await updateClimate(stations.villefranche, { at: utc(AT) });
    expect(result).toMatchObject({ computed: 0, removed: 0 });
    expect(result.examined).toBeGreaterThan(30); // the 35-day look-back
  });

  it("corrects past days when late rows arrive (replication catching up), and only those", async () => {
    const slug: Slug = "nice-pessicart";
    const before = await stored(slug);
    // Rows of 4 March 10:00–12:00 UTC disappear (an outage), then come back late.
    const [saved] = await dbs.admin.query<RowDataPacket[]>(
      `SELECT * FROM \`${archive(slug)}\`.archive WHERE dateTime > ? AND dateTime <= ?`,
      [utc("2025-03-04T10:00:00Z"), utc("2025-03-04T12:00:00Z")],
    );
    await dbs.admin.query(`DELETE FROM \`${archive(slug)}\`.archive WHERE dateTime > ? AND dateTime <= ?`, [
      utc("2025-03-04T10:00:00Z"),
      utc("2025-03-04T12:00:00Z"),
    ]);
    await rebuildAggregates(stations[slug]);
    expect(await updateClimate(stations[slug], { at: utc(AT) })).toMatchObject({ computed: 1 });
    const holed = (await stored(slug)).find((d) => d.date === "2025-03-04")!;
    expect(holed.txCoverage).toBeCloseTo(22 / 24, 12);
    expect(holed.dayCoverage).toBeCloseTo(22 / 24, 12);

    await dbs.admin.query(`INSERT INTO \`${archive(slug)}\`.archive (??) VALUES ?`, [
      Object.keys(saved[0]),
      saved.map((row) => Object.values(row)),
    ]);
    await updateAggregates(stations[slug]); // the aggregates job notices the late hours
    const run = await runCli(["climate", "update", "--station", slug, "--at", AT], env);
    expect(run.stdout).toMatch(/nice-pessicart\s+\d+\s+1\s+0/);
    expect(await stored(slug)).toEqual(before);
  });

  it("rebuilds a station, or a period, from the CLI to the same values", async () => {
    const before = await stored("villefranche");
    const run = await runCli(
      [
        "climate",
        "rebuild",
        "--station",
        "villefranche",
        "--from",
        "2025-03-03",
        "--to",
        "2025-03-04",
        "--at",
        AT,
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/villefranche\s+2\s+2/);
    const all = await rebuildClimate(stations.villefranche, { at: utc(AT) });
    expect(all.computed).toBe(9);
    expect(await stored("villefranche")).toEqual(before);
    const runs = await dbs.prisma.jobRun.findMany({ where: { name: "climate:rebuild" } });
    expect(runs.at(-1)?.status).toBe("SUCCESS");
  });

  it("excludes a sensor an editor marks invalid, and restores it when the mark is removed", async () => {
    const before = (await stored("villefranche")).find((d) => d.date === "2025-03-05")!;
    const add = await runCli(
      [
        "climate",
        "invalidation",
        "add",
        "--station",
        "villefranche",
        "--sensor",
        "temperature",
        "--from",
        "2025-03-05T00:00:00Z",
        "--to",
        "2025-03-05T06:00:00Z",
        "--reason",
        "abri déplacé au soleil",
        "--by",
        "editeur@meteo06.test",
      ],
      env,
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/invalidation (\d+) added/);
    const id = add.stdout.match(/invalidation (\d+) added/)![1];
    const days = await stored("villefranche");
    const march5 = days.find((d) => d.date === "2025-03-05")!;
    expect(march5.tnCoverage).toBe(0.75); // 6 of the 24 hours of (4 March 18:00, 5 March 18:00]
    expect(march5.tn).toBeNull();
    expect(march5.tmean).toBeNull();
    expect(march5.tx).toBeCloseTo(before.tx!, 12); // the Tx window starts at 06:00
    expect(march5.rr).toBeCloseTo(before.rr!, 12); // rain is another sensor
    const march4 = days.find((d) => d.date === "2025-03-04")!;
    expect(march4.txCoverage).toBe(0.75); // its Tx window ends on 5 March 06:00
    expect(march4.tx).toBeNull();

    const list = await runCli(["climate", "invalidation", "list", "--station", "villefranche"], env);
    expect(list.stdout).toMatch(
      /TEMPERATURE\s+2025-03-05T00:00:00.000Z\s+2025-03-05T06:00:00.000Z\s+abri déplacé au soleil/,
    );

    const remove = await runCli(["climate", "invalidation", "remove", id], env);
    expect(remove.code).toBe(0);
    const restored = (await stored("villefranche")).find((d) => d.date === "2025-03-05")!;
    expect(restored.tn).toBeCloseTo(before.tn!, 12);
    expect(await dbs.prisma.sensorInvalidation.count()).toBe(0);
  });

  it("withdraws an invalidation whose period cannot be recomputed (archive missing)", async () => {
    await createLevens(dbs);
    const result = await runCli(
      [
        "climate",
        "invalidation",
        "add",
        "--station",
        "levens",
        "--sensor",
        "RAIN",
        "--from",
        "2025-03-05T00:00:00Z",
        "--to",
        "2025-03-05T06:00:00Z",
        "--reason",
        "pluviomètre bouché",
      ],
      env,
    );
    expect(result.stderr).toMatch(/^error: archive database \S+missing does not exist/);
    expect(result.code).toBe(1);
    expect(await dbs.prisma.sensorInvalidation.count()).toBe(0);
    await dbs.prisma.station.delete({ where: { slug: "levens" } });
  });

  // Ten CLI start-ups: minutes on a loaded machine.
  it("refuses bad input with one clear line and a non-zero exit", { timeout: 300_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [["climate", "update", "--at", "yesterday"], /--at must be an ISO-8601 time/],
      [["climate", "update", "--station", "nowhere"], /unknown station "nowhere"/],
      [["climate", "update", "--lookback-days", "-3"], /--lookback-days must be a whole number/],
      [
        ["climate", "rebuild", "--station", "villefranche", "--from", "2025-02-30"],
        /--from must be a date YYYY-MM-DD/,
      ],
      [
        ["climate", "rebuild", "--station", "villefranche", "--from", "2025-03-05", "--to", "2025-03-01"],
        /--from must not be after --to/,
      ],
      [
        [
          "climate",
          "invalidation",
          "add",
          "--station",
          "villefranche",
          "--sensor",
          "wind",
          "--from",
          "2025-03-05T06:00:00Z",
          "--to",
          "2025-03-05T00:00:00Z",
          "--reason",
          "test",
        ],
        /La fin doit être postérieure au début/,
      ],
      [
        [
          "climate",
          "invalidation",
          "add",
          "--station",
          "villefranche",
          "--sensor",
          "lightning",
          "--from",
          "2025-03-05T00:00:00Z",
          "--to",
          "2025-03-05T06:00:00Z",
          "--reason",
          "test",
        ],
        /Capteur inconnu « LIGHTNING »/,
      ],
      [["climate", "invalidation", "remove", "9999"], /Aucune invalidation n° 9999/],
      [["climate", "invalidation", "remove", "abc"], /invalidation id must be a number/],
    ];
    // Independent runs: in parallel, to spare the CLI's start-up time.
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    cases.forEach(([args, message], i) => {
      expect(results[i].stderr, args.join(" ")).toMatch(message);
      expect(results[i].code, args.join(" ")).toBe(1);
    });
    const missing = await runCli(["climate", "rebuild"], env);
    expect(missing.stderr).toMatch(/required option '--station <slug>'/);
    expect(missing.code).not.toBe(0);
    expect(await dbs.prisma.sensorInvalidation.count()).toBe(0);
  });
});

import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reaggregatePeriod, rebuildAggregates, updateAggregates } from "@/lib/aggregates/job";
import { readDays, readHours } from "@/lib/aggregates/store";
import { appSqlPool } from "@/lib/db/client";
import { writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import type { Station } from "@/lib/generated/prisma/client";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createDemoStation } from "../helpers/stations";

// The pessicart demo profile writes US units: every value below is compared with SQL on the raw rows,
// converted here with the textbook formulas, so the test does not trust lib/archive for the truth.
const profile = DEMO_STATIONS.find((s) => s.slug === "nice-pessicart")!.profile;
const end = Date.UTC(2025, 9, 27, 12) / 1000; // includes the 25-hour day of 26 October
const start = end - 4 * 86400;
const fToC = (f: number) => ((f - 32) * 5) / 9;

let dbs: TestDatabases;
let station: Station;
let archive: string;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  archive = `${dbs.prefix}pessicart`;
  station = await createDemoStation(dbs, "nice-pessicart", archive, start, end);
});
afterAll(() => dbs?.drop());

// biome-ignore lint/suspicious/noExplicitAny: raw SQL rows in a test
async function sql(query: string, values: unknown[]): Promise<any[]> {
  const [rows] = await dbs.admin.query<RowDataPacket[]>(query, values);
  return rows;
}

/** Independent truth for a period (from, to] straight from the raw archive. */
async function rawTruth(from: number, to: number) {
  const [row] = await sql(
    "SELECT COUNT(*) AS n, MIN(outTemp) AS tmin, MAX(outTemp) AS tmax, AVG(outTemp) AS tavg, SUM(rain) AS rain, MAX(windGust) AS gust, SUM(`interval`) AS minutes FROM ??.archive WHERE dateTime > ? AND dateTime <= ?",
    [archive, from, to],
  );
  const [minRow] = await sql(
    "SELECT dateTime FROM ??.archive WHERE dateTime > ? AND dateTime <= ? ORDER BY outTemp, dateTime LIMIT 1",
    [archive, from, to],
  );
  return { ...row, tminAt: minRow?.dateTime };
}

describe("aggregates job", () => {
  it("builds hourly and daily rows that match the raw archive", async () => {
    const result = await updateAggregates(station); // no state yet: a full build
    expect(result.rebuilt).toBe(true);
    const hours = await readHours(appSqlPool(), station.id, start - 3600, end + 3600);
    const [{ n: distinctHours }] = await sql(
      "SELECT COUNT(DISTINCT FLOOR((dateTime - 1) / 3600)) AS n FROM ??.archive",
      [archive],
    );
    expect(hours).toHaveLength(Number(distinctHours));

    const sample = hours[30];
    const truth = await rawTruth(sample.start, sample.start + 3600);
    expect(sample.aggregate.records).toBe(Number(truth.n));
    expect(sample.aggregate.minutes).toBe(Number(truth.minutes));
    expect(sample.aggregate.outTempMin).toBeCloseTo(fToC(truth.tmin), 9);
    expect(sample.aggregate.outTempMinAt).toBe(truth.tminAt);
    expect(sample.aggregate.outTempMax).toBeCloseTo(fToC(truth.tmax), 9);
    expect(sample.aggregate.outTempSum! / sample.aggregate.outTempN).toBeCloseTo(fToC(truth.tavg), 9);
    expect(sample.aggregate.rainSum).toBeCloseTo(Number(truth.rain) * 25.4, 9);
    expect(sample.aggregate.windGustMax).toBeCloseTo(truth.gust * 1.609344, 9);

    // The 25-hour local day of the October DST change.
    const [day] = await readDays(appSqlPool(), station.id, "2025-10-26", "2025-10-26");
    const dayStart = Date.UTC(2025, 9, 25, 22) / 1000;
    const dayTruth = await rawTruth(dayStart, dayStart + 25 * 3600);
    expect(day.aggregate.records).toBe(Number(dayTruth.n));
    expect(day.aggregate.outTempMin).toBeCloseTo(fToC(dayTruth.tmin), 9);
    expect(day.aggregate.outTempMinAt).toBe(dayTruth.tminAt);
    expect(day.aggregate.rainSum ?? 0).toBeCloseTo(Number(dayTruth.rain ?? 0) * 25.4, 9);
    expect(day.aggregate.minutes).toBe(Number(dayTruth.minutes));
  });

  it("adds new rows incrementally: five new minutes touch one hour", async () => {
    await writeDemoArchive(dbs.admin, archive, profile, start, end + 300);
    const result = await updateAggregates(station);
    expect(result).toMatchObject({ rebuilt: false, hours: 1, days: 1, lastDateTime: end + 300 });
    const [hour] = await readHours(appSqlPool(), station.id, end, end + 3600);
    expect(hour.aggregate.records).toBe(1);
    expect((await updateAggregates(station)).hours).toBe(0); // nothing new: nothing done
  });

  it("picks up late rows (replication catching up) and ends identical to a rebuild", async () => {
    const holeFrom = end - 2 * 86400 + 1800;
    const holeTo = holeFrom + 3 * 3600;
    const [{ n }] = await sql("SELECT COUNT(*) AS n FROM ??.archive WHERE dateTime > ? AND dateTime <= ?", [
      archive,
      holeFrom,
      holeTo,
    ]);
    await dbs.admin.query("DELETE FROM ??.archive WHERE dateTime > ? AND dateTime <= ?", [
      archive,
      holeFrom,
      holeTo,
    ]);
    await rebuildAggregates(station);
    // The missing rows arrive late, older than the newest row already aggregated.
    await writeDemoArchive(dbs.admin, `${archive}_late`, profile, holeFrom, holeTo);
    await dbs.admin.query("INSERT INTO ??.archive SELECT * FROM ??.archive", [archive, `${archive}_late`]);
    const result = await updateAggregates(station);
    expect(result.hours).toBe(4); // the hole spans four hour buckets
    const incremental = await readHours(appSqlPool(), station.id, start, end + 3600);
    await rebuildAggregates(station);
    const rebuilt = await readHours(appSqlPool(), station.id, start, end + 3600);
    expect(incremental).toEqual(rebuilt);
    expect(rebuilt.reduce((sum, h) => sum + h.aggregate.records, 0)).toBeGreaterThanOrEqual(Number(n));
  });

  it("excludes data an administrator marked invalid", async () => {
    const from = end - 86400;
    await dbs.prisma.sensorInvalidation.create({
      data: {
        stationId: station.id,
        sensor: "TEMPERATURE",
        from: new Date(from * 1000),
        to: new Date((from + 7200) * 1000),
        reason: "capteur au soleil",
      },
    });
    await reaggregatePeriod(station, from, from + 7200);
    const hours = await readHours(appSqlPool(), station.id, from, from + 7200);
    expect(hours).toHaveLength(2);
    for (const hour of hours) {
      expect(hour.aggregate.outTempN).toBe(0);
      expect(hour.aggregate.outTempMinutes).toBe(0);
      expect(hour.aggregate.outTempMin).toBeNull();
      expect(hour.aggregate.records).toBe(12);
      expect(hour.aggregate.outHumidityN).toBe(12);
    }
  });

  it("rebuilds in place, removing rows the archive no longer has", async () => {
    const cut = start + 86400;
    await dbs.admin.query("DELETE FROM ??.archive WHERE dateTime <= ?", [archive, cut]);
    await rebuildAggregates(station);
    const hours = await readHours(appSqlPool(), station.id, 0, end + 3600);
    const [{ n }] = await sql("SELECT COUNT(DISTINCT FLOOR((dateTime - 1) / 3600)) AS n FROM ??.archive", [
      archive,
    ]);
    expect(hours).toHaveLength(Number(n));
    expect(hours[0].start).toBe(cut);
    const days = await readDays(appSqlPool(), station.id, "2000-01-01", "2100-01-01");
    expect(days[0].day).toBe(new Date((cut + 3600) * 1000).toISOString().slice(0, 10));
  });

  it("drops records invalidated as a whole, without re-aggregating their hours on every run", async () => {
    const from = end - 12 * 3600;
    await dbs.prisma.sensorInvalidation.create({
      data: {
        stationId: station.id,
        sensor: "ALL",
        from: new Date(from * 1000),
        to: new Date((from + 5400) * 1000), // one whole hour and half of the next
        reason: "station en maintenance",
      },
    });
    await reaggregatePeriod(station, from, from + 7200);
    const hours = await readHours(appSqlPool(), station.id, from, from + 7200);
    expect(hours.map((h) => [h.start - from, h.aggregate.records])).toEqual([[3600, 6]]);
    // The archive still has 12 records in each hour: the next runs must not take that for late rows.
    expect((await updateAggregates(station)).hours).toBe(0);
    expect((await updateAggregates(station)).hours).toBe(0);
  });

  it("runs from the CLI, per station, and reports unknown stations", async () => {
    const env = { DATABASE_URL: dbs.appUrl };
    const ok = await runCli(["aggregates", "update", "--station", "nice-pessicart"], env);
    expect(ok.stdout).toMatch(/nice-pessicart\s+0\s+0/);
    expect(ok.code).toBe(0);
    const unknown = await runCli(["aggregates", "rebuild", "--station", "nowhere"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown station "nowhere"/);
    const runs = await dbs.prisma.jobRun.findMany({ where: { name: "aggregates:update" } });
    expect(runs.at(-1)?.status).toBe("SUCCESS");
  });
});

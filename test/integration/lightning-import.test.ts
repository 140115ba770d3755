import { readFileSync } from "node:fs";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLightning } from "@/lib/lightning/import";
import { parseLightningSettings } from "@/lib/lightning/settings";
import { freePort } from "../helpers/app";
import { type FeedServer, feedLine, startFeedServer } from "../helpers/blitzortung";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/**
 * The import against a loopback feed serving recorded-format lines (test/fixtures/README.md): what is
 * stored, what is counted, distances and bearings, day counters, history, failures, the CLI.
 */

const FIXTURE = readFileSync("test/fixtures/blitzortung-last-strikes.txt", "utf8");
/** 2026-07-14 15:05 UTC, a few minutes after the fixture's strikes. */
const NOW = Date.UTC(2026, 6, 14, 15, 5);

let dbs: TestDatabases;
let feed: FeedServer;
let stationA: number;
let stationB: number;

function settings(extra: Record<string, string> = {}) {
  return parseLightningSettings({
    BLITZORTUNG_USERNAME: feed.username,
    BLITZORTUNG_PASSWORD: feed.password,
    BLITZORTUNG_URL: feed.url,
    ...extra,
  });
}

const quiet = () => {};

async function rows<T = RowDataPacket>(sql: string, params: unknown[] = []): Promise<T[]> {
  await dbs.admin.query(`USE ${dbs.prefix}app`);
  const [result] = await dbs.admin.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  feed = await startFeedServer(FIXTURE);
  const station = (slug: string, latitude: number, longitude: number) =>
    dbs.prisma.station.create({
      data: {
        slug,
        name: slug,
        shortName: slug,
        commune: slug,
        latitude,
        longitude,
        altitude: 0,
        archiveDatabase: `${dbs.prefix}${slug.replace(/-/g, "_")}`,
      },
    });
  stationA = (await station("tourrette", 43.8, 7.2)).id;
  stationB = (await station("marseille", 43.3, 5.4)).id;
});
afterAll(async () => {
  await feed?.close();
  await dbs?.drop();
});

/** Distance (km) by the spherical law of cosines: another formula than the code's haversine. */
function lawOfCosinesKm(lat1: number, lon1: number, lat2: number, lon2: number) {
  const r = Math.PI / 180;
  return (
    6371 *
    Math.acos(
      Math.sin(lat1 * r) * Math.sin(lat2 * r) +
        Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r),
    )
  );
}

describe("lightning import", () => {
  it("stores the valid strikes once and counts the others", async () => {
    const logged: string[] = [];
    const summary = await importLightning({ now: NOW, settings: settings(), log: (l) => logged.push(l) });
    expect(summary).toMatchObject({
      received: 11, // non-blank lines
      stored: 6,
      duplicates: 1,
      malformed: 3,
      outside: 1,
      pruned: 0,
      resynced: ["marseille", "tourrette"],
      gapSince: null,
    });
    expect(logged.join("\n")).toMatch(/line 8 ignored \(not valid JSON\)/);
    expect(logged.join("\n")).toMatch(/line 9 ignored \(lat is missing or not a latitude\)/);
    expect(logged.join("\n")).toMatch(/line 10 ignored \(not valid JSON\): <html>/);

    // The request: the area and the start time (6 hours back on a first run), credentials in the header.
    const request = feed.requests.at(-1)!;
    expect(Object.fromEntries(request.searchParams)).toEqual({
      time: `${BigInt(NOW - 6 * 3600_000) * 1_000_000n}`,
      west: "5",
      east: "10",
      north: "45.5",
      south: "42.5",
      sig: "0",
    });

    const strikes = await rows(
      "SELECT DATE_FORMAT(time, '%Y-%m-%d %H:%i:%s.%f') AS t, latitude, longitude, altitude, polarity, maxDeviation, status FROM LightningStrike ORDER BY time, latitude, longitude",
    );
    expect(strikes.map((s) => [s.t, s.latitude, s.longitude])).toEqual([
      ["2026-07-14 15:00:00.000000", 43.9, 7.2],
      ["2026-07-14 15:00:00.000000", 43.9, 7.21],
      ["2026-07-14 15:00:30.500000", 43.8, 7.3],
      ["2026-07-14 15:00:45.250000", 43.3, 7.2],
      ["2026-07-14 15:01:02.000000", 43.8, 5.9],
      // 1784041299123999999 ns: the milliseconds are truncated, not rounded by a float.
      ["2026-07-14 15:01:39.123000", 44, 7],
    ]);
    expect(strikes.at(-1)).toMatchObject({ altitude: 1200, polarity: 1, maxDeviation: 15000, status: 2 });

    // Crash-safe storage (the legacy MyISAM tables were not).
    const engines = await rows(
      "SELECT DISTINCT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'Lightning%'",
    );
    expect(engines).toEqual([{ engine: "InnoDB" }]);

    const run = await dbs.prisma.jobRun.findFirstOrThrow({ where: { name: "lightning:import" } });
    expect(run.status).toBe("SUCCESS");
    expect(run.message).toMatch(
      /^6 new strikes, 1 duplicates, 3 malformed lines, 1 outside the area or period/,
    );
    expect(await dbs.prisma.check.findUnique({ where: { key: "feed:blitzortung" } })).toMatchObject({
      state: "OK",
    });
  });

  it("stores distance and bearing to each station within 100 km", async () => {
    const near = await rows(
      "SELECT s.latitude, s.longitude, d.distance, d.bearing FROM LightningStrikeDistance d JOIN LightningStrike s ON s.id = d.strikeId WHERE d.stationId = ? ORDER BY d.distance",
      [stationA],
    );
    // Worked by hand for the station at 43.8 N, 7.2 E (R = 6371 km):
    // 0.1° due north: R × 0.1 × π/180 = 11.1195 km, bearing 0°.
    // 0.1° due east: 2R·asin(cos 43.8° · sin 0.05°) = 12742 × asin(0.721760 × 0.000872665) = 8.0257 km,
    //   bearing atan2(sin 0.1° cos 43.8°, sin 43.8° cos 43.8° (1 − cos 0.1°)) = 89.97° → 90°.
    // 0.5° due south: R × 0.5 × π/180 = 55.597 km, bearing 180°.
    // 43.8 N 5.9 E: 2R·asin(cos 43.8° · sin 0.65°) = 104.3 km: beyond 100 km, no row.
    // Bearings towards 43.9 N 7.21 E: atan2(sin 0.01° cos 43.9°, cos 43.8° sin 43.9° − sin 43.8° cos 43.9° cos 0.01°)
    //   = atan2(0.00012576, 0.00174534) = 4.12° → 4°; towards 44 N 7 E: atan2(−0.00251096, 0.00349368)
    //   = −35.71° → 324°. Distances of those two: by the law of cosines (another formula).
    expect(near.map((r) => [r.latitude, r.longitude, r.distance, r.bearing])).toEqual([
      [43.8, 7.3, 8026, 90],
      [43.9, 7.2, 11119, 0],
      [43.9, 7.21, Math.round(lawOfCosinesKm(43.8, 7.2, 43.9, 7.21) * 1000), 4],
      [44, 7, Math.round(lawOfCosinesKm(43.8, 7.2, 44, 7) * 1000), 324],
      [43.3, 7.2, 55597, 180],
    ]);
    const far = await rows("SELECT distance, bearing FROM LightningStrikeDistance WHERE stationId = ?", [
      stationB,
    ]);
    // From Marseille (43.3 N, 5.4 E) only the strike at 43.8 N 5.9 E is within 100 km, to the north-east:
    // atan2(sin 0.5° cos 43.8°, cos 43.3° sin 43.8° − sin 43.3° cos 43.8° cos 0.5°) = atan2(0.0062985, 0.0087454) = 35.76°.
    expect(far).toHaveLength(1);
    expect(far[0].distance).toBe(Math.round(lawOfCosinesKm(43.3, 5.4, 43.8, 5.9) * 1000));
    expect(far[0].bearing).toBe(36);
  });

  it("counts strikes per Paris day, for the département and near each station", async () => {
    expect(
      await rows("SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, strikes, departement FROM LightningDay"),
    ).toEqual([
      // In the département: the two at 43.9 N, the one at 43.8 N 7.3 E and the one at 44 N 7 E;
      // 43.3 N is at sea and 5.9 E is in the Var.
      { day: "2026-07-14", strikes: 6, departement: 4 },
    ]);
    expect(
      await rows(
        "SELECT stationId, within10km, within30km, within100km FROM LightningStationDay ORDER BY stationId",
      ),
    ).toEqual([
      { stationId: stationA, within10km: 1, within30km: 4, within100km: 5 },
      { stationId: stationB, within10km: 0, within30km: 0, within100km: 1 },
    ]);
  });

  it("stores nothing twice when the feed repeats itself", async () => {
    const summary = await importLightning({ now: NOW + 60_000, settings: settings(), log: quiet });
    expect(summary).toMatchObject({ stored: 0, duplicates: 7, malformed: 3, outside: 1, resynced: [] });
    // The request starts 10 minutes before the previous run (strikes reach the network late).
    const previous = await dbs.prisma.jobRun.findFirstOrThrow({
      where: { name: "lightning:import" },
      orderBy: { id: "asc" },
    });
    expect(feed.requests.at(-1)!.searchParams.get("time")).toBe(
      `${BigInt(previous.startedAt.getTime() - 600_000) * 1_000_000n}`,
    );
    expect((await rows("SELECT COUNT(*) AS n FROM LightningStrike"))[0].n).toBe(6);
    expect((await rows("SELECT strikes FROM LightningDay"))[0].strikes).toBe(6);
  });

  it("computes the history of a station added (or moved) later", async () => {
    const added = await dbs.prisma.station.create({
      data: {
        slug: "levens",
        name: "Levens",
        shortName: "Levens",
        commune: "Levens",
        latitude: 43.9,
        longitude: 7.2,
        altitude: 570,
        archiveDatabase: `${dbs.prefix}levens`,
      },
    });
    const summary = await importLightning({ now: NOW + 120_000, settings: settings(), log: quiet });
    expect(summary?.resynced).toEqual(["levens"]);
    const levens = await rows(
      "SELECT distance, bearing FROM LightningStrikeDistance WHERE stationId = ? ORDER BY distance",
      [added.id],
    );
    // The strike at exactly its position, the one 0.01° east, 0.1° south (43.8 N 7.3 E is 0.1° SE)…
    expect(levens[0]).toEqual({ distance: 0, bearing: 0 });
    expect(levens[1].distance).toBe(Math.round(lawOfCosinesKm(43.9, 7.2, 43.9, 7.21) * 1000));
    expect(levens).toHaveLength(5);

    // Moved 0.1° north: recomputed from scratch, no leftover rows.
    await dbs.prisma.station.update({ where: { id: added.id }, data: { latitude: 44.0 } });
    expect(
      (await importLightning({ now: NOW + 180_000, settings: settings(), log: quiet }))?.resynced,
    ).toEqual(["levens"]);
    const moved = await rows(
      "SELECT distance FROM LightningStrikeDistance WHERE stationId = ? ORDER BY distance",
      [added.id],
    );
    expect(moved[0].distance).toBe(11119); // the strike at 43.9 N 7.2 E, now 0.1° due south
    expect(moved).toHaveLength(5);
    const [day] = await rows(
      "SELECT within10km, within30km, within100km FROM LightningStationDay WHERE stationId = ?",
      [added.id],
    );
    expect(day).toEqual({ within10km: 0, within30km: 4, within100km: 5 });
  });

  it("keeps only the configured history, in every table", async () => {
    const twoDaysLater = NOW + 2 * 86_400_000;
    feed.body = `${feedLine(twoDaysLater - 60_000, 43.85, 7.2)}\n${FIXTURE}`;
    const summary = await importLightning({
      now: twoDaysLater,
      settings: settings({ LIGHTNING_KEEP_DAYS: "1" }),
      log: quiet,
    });
    // The fixture's strikes are now older than the history: refused from the feed, pruned from the tables.
    expect(summary).toMatchObject({ stored: 1, outside: 8, pruned: 6 });
    expect((await rows("SELECT COUNT(*) AS n FROM LightningStrike"))[0].n).toBe(1);
    expect(
      (
        await rows("SELECT COUNT(*) AS n FROM LightningStrikeDistance WHERE time < ?", [
          new Date(NOW + 3600_000),
        ])
      )[0].n,
    ).toBe(0);
    expect(await rows("SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, strikes FROM LightningDay")).toEqual([
      { day: "2026-07-16", strikes: 1 },
    ]);
    feed.body = FIXTURE;
  });

  it("records a refused account or a broken feed, keeps what it has, and tells the CLI user", async () => {
    const before = await dbs.prisma.lightningStrike.count();
    await expect(
      importLightning({ now: NOW, settings: settings({ BLITZORTUNG_PASSWORD: "wrong" }), log: quiet }),
    ).rejects.toThrow(/refused the participant account \(HTTP 401\)/);
    feed.status = 500;
    await expect(importLightning({ now: NOW, settings: settings(), log: quiet })).rejects.toThrow(
      /answered HTTP 500/,
    );
    feed.status = null;
    const failed = await dbs.prisma.jobRun.findFirstOrThrow({
      where: { name: "lightning:import" },
      orderBy: { id: "desc" },
    });
    expect(failed).toMatchObject({ status: "FAILED", message: expect.stringMatching(/HTTP 500/) });
    expect(await dbs.prisma.check.findUnique({ where: { key: "feed:blitzortung" } })).toMatchObject({
      state: "WARNING",
    });
    expect(await dbs.prisma.lightningStrike.count()).toBe(before);
  });
});

describe("meteo lightning import (CLI)", () => {
  const env = () => ({
    DATABASE_URL: dbs.appUrl,
    BLITZORTUNG_USERNAME: feed.username,
    BLITZORTUNG_PASSWORD: feed.password,
    BLITZORTUNG_URL: feed.url,
  });

  it("imports and prints what it did", async () => {
    const now = Date.now();
    feed.body = [feedLine(now - 120_000, 43.81, 7.2), feedLine(now - 60_000, 43.82, 7.2), "garbage"].join(
      "\n",
    );
    const result = await runCli(["lightning", "import"], env());
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /lightning import: 2 new strikes, 0 duplicates, 1 malformed lines, 0 outside/,
    );
    expect(result.code).toBe(0);
    const status = await runCli(["lightning", "status"], env());
    expect(status.stdout).toMatch(/feed: 127\.0\.0\.1:\d+ as meteo06/);
    expect(status.stdout).toMatch(/strikes stored: 3 /);
    expect(status.stdout).toMatch(/tourrette\s+up to date\s+off\s+0/);
    expect(status.stdout).not.toContain(feed.password);
  });

  it("rebuilds the derived rows to exactly what the imports maintained", async () => {
    const snapshot = async () => ({
      distances: await rows(
        "SELECT stationId, DATE_FORMAT(time, '%Y-%m-%d %T.%f') AS t, strikeId, distance, bearing FROM LightningStrikeDistance ORDER BY stationId, time, strikeId",
      ),
      stationDays: await rows(
        "SELECT stationId, DATE_FORMAT(day, '%Y-%m-%d') AS day, within10km, within30km, within100km FROM LightningStationDay ORDER BY stationId, day",
      ),
      days: await rows(
        "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, strikes, departement FROM LightningDay ORDER BY day",
      ),
    });
    const before = await snapshot();
    expect(before.distances.length).toBeGreaterThan(0);
    const result = await runCli(["lightning", "rebuild"], env());
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/lightning distances and daily counts rebuilt/);
    expect(result.code).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("forgets a removed station's distances", async () => {
    await dbs.prisma.station.delete({ where: { slug: "levens" } });
    expect(
      await rows(
        "SELECT stationId FROM LightningStrikeDistance WHERE stationId NOT IN (SELECT id FROM Station)",
      ),
    ).toEqual([]);
    expect(
      await rows("SELECT stationId FROM LightningStationDay WHERE stationId NOT IN (SELECT id FROM Station)"),
    ).toEqual([]);
  });

  it("does nothing, successfully, without a participant account", async () => {
    const result = await runCli(["lightning", "import"], { DATABASE_URL: dbs.appUrl });
    expect(result.stdout).toMatch(
      /lightning is disabled: BLITZORTUNG_USERNAME and BLITZORTUNG_PASSWORD are not set/,
    );
    expect(result.code).toBe(0);
  });

  it.each([
    [{ LIGHTNING_BBOX: "5,42.5,10" }, /LIGHTNING_BBOX must be four numbers: west,south,east,north/],
    [{ LIGHTNING_BBOX: "10,42.5,5,45.5" }, /west < east/],
    [{ LIGHTNING_KEEP_DAYS: "two years" }, /LIGHTNING_KEEP_DAYS must be a whole number/],
    [{ BLITZORTUNG_URL: "ftp://example.org/x" }, /BLITZORTUNG_URL must be an http\(s\) URL/],
    [{ BLITZORTUNG_PASSWORD: "" }, /BLITZORTUNG_PASSWORD is missing/],
    [
      { BLITZORTUNG_PASSWORD: "wrong" },
      /refused the participant account \(HTTP 401\): check BLITZORTUNG_USERNAME/,
    ],
    [{ BLITZORTUNG_URL: "http://127.0.0.1:{closed}/last_strikes.php" }, /did not answer \(ECONNREFUSED\)/],
  ])("refuses %j with a clear message", async (extra, message) => {
    const closed = String(await freePort()); // nothing listens there
    const values = Object.fromEntries(
      Object.entries(extra).map(([k, v]) => [k, v.replace("{closed}", closed)]),
    );
    const result = await runCli(["lightning", "import"], { ...env(), ...values });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toContain("wrong");
    expect(result.code).toBe(1);
  });
});

describe("gaps", () => {
  it("says when strikes may be missing because no import succeeded for hours", async () => {
    feed.body = "";
    const previous = await dbs.prisma.jobRun.findFirstOrThrow({
      where: { name: "lightning:import", status: "SUCCESS" },
      orderBy: { startedAt: "desc" },
    });
    const later = Date.now() + 7 * 3600_000;
    const summary = await importLightning({ now: later, settings: settings(), log: quiet });
    expect(summary).toMatchObject({ received: 0, stored: 0, gapSince: previous.startedAt.getTime() });
    // The request goes back as far as the feed remembers (6 hours), not to the previous run.
    expect(feed.requests.at(-1)!.searchParams.get("time")).toBe(
      `${BigInt(later - 6 * 3600_000) * 1_000_000n}`,
    );
    const run = await dbs.prisma.jobRun.findFirstOrThrow({
      where: { name: "lightning:import" },
      orderBy: { id: "desc" },
    });
    expect(run.message).toMatch(/; possible gap: no successful import since \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  });
});

import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveError, ArchiveReader, createArchivePool } from "@/lib/archive/reader";
import { createArchiveTableSql } from "@/lib/archive/schema";
import { METRIC, METRICWX } from "@/lib/archive/units";
import { writeDemoArchive } from "@/lib/demo/seed";
import { metricWeather, type WeatherProfile } from "@/lib/demo/weather";
import { loadWeewxFixture } from "../helpers/archives";
import { adminPool, serverUrl, uniqueName } from "../helpers/db";

const admin = adminPool();
const prefix = uniqueName("");
const fixture = `${prefix}fixture`;
let reader: ArchiveReader;

beforeAll(async () => {
  await loadWeewxFixture(admin, fixture);
  reader = new ArchiveReader(createArchivePool(serverUrl()));
});
afterAll(async () => {
  await reader?.pool.end();
  const [rows] = await admin.query<RowDataPacket[]>("SHOW DATABASES LIKE ?", [
    `${prefix.replace(/_/g, "\\_")}%`,
  ]);
  for (const row of rows) await admin.query("DROP DATABASE ??", [Object.values(row)[0]]);
  await admin.end();
});

async function raw(sql: string, values: unknown[] = []) {
  const [rows] = await admin.query<RowDataPacket[]>(sql, values);
  return rows;
}

const fahrenheitToCelsius = (f: number) => ((f - 32) * 5) / 9;

describe("archive reader on a database written by WeeWX (US units)", () => {
  it("discovers the wview_extended columns", async () => {
    const columns = await reader.columns(fixture);
    const described = await raw("SHOW COLUMNS FROM ??.archive", [fixture]);
    expect(columns.size).toBe(described.length);
    for (const name of [
      "dateTime",
      "usUnits",
      "interval",
      "outTemp",
      "appTemp",
      "windGustDir",
      "rainRate",
      "UV",
    ]) {
      expect(columns.has(name)).toBe(true);
    }
  });

  it("returns the latest record converted to °C, hPa, km/h, mm", async () => {
    const [newest] = await raw("SELECT * FROM ??.archive ORDER BY dateTime DESC LIMIT 1", [fixture]);
    const latest = (await reader.latest(fixture))!;
    expect(latest.dateTime).toBe(newest.dateTime);
    expect(newest.usUnits).toBe(1);
    expect(latest.outTemp).toBeCloseTo(fahrenheitToCelsius(newest.outTemp), 9);
    expect(latest.dewpoint).toBeCloseTo(fahrenheitToCelsius(newest.dewpoint), 9);
    expect(latest.barometer).toBeCloseTo(newest.barometer * 33.86389, 6);
    expect(latest.windSpeed).toBeCloseTo(newest.windSpeed * 1.609344, 9);
    expect(latest.rainRate).toBeCloseTo(newest.rainRate * 25.4, 9);
    expect(latest.outHumidity).toBe(newest.outHumidity);
    expect(latest.barometer).toBeGreaterThan(900);
    expect(latest.barometer).toBeLessThan(1100);
  });

  it("reads a range as (from, to] with only the requested fields", async () => {
    const [{ first }] = await raw("SELECT MIN(dateTime) AS first FROM ??.archive", [fixture]);
    const from = Number(first) + 3600;
    const to = from + 86400;
    const records = await reader.range(fixture, from, to, ["outTemp", "rain", "lowOutTemp"]);
    const [{ n, rain }] = await raw(
      "SELECT COUNT(*) AS n, SUM(rain) AS rain FROM ??.archive WHERE dateTime > ? AND dateTime <= ?",
      [fixture, from, to],
    );
    expect(records).toHaveLength(Number(n));
    expect(records[0].dateTime).toBe(from + 300);
    expect(records.at(-1)!.dateTime).toBe(to);
    expect(records.reduce((sum, r) => sum + (r.rain ?? 0), 0)).toBeCloseTo(Number(rain) * 25.4, 6);
    expect(Object.keys(records[0]).sort()).toEqual(["dateTime", "interval", "lowOutTemp", "outTemp", "rain"]);
    expect(records[0].lowOutTemp).toBeNull(); // no such column: like a missing sensor
  });

  it("gives the newest time for freshness checks", async () => {
    const [{ newest }] = await raw("SELECT MAX(dateTime) AS newest FROM ??.archive", [fixture]);
    expect(await reader.newestDateTime(fixture)).toBe(Number(newest));
  });

  it("never writes: the session is read-only", async () => {
    await reader.latest(fixture); // opens a pooled connection
    await expect(reader.pool.query("DELETE FROM ??.archive WHERE dateTime > 0", [fixture])).rejects.toThrow(
      /read only|READ ONLY/i,
    );
    const [{ n }] = await raw("SELECT COUNT(*) AS n FROM ??.archive", [fixture]);
    expect(Number(n)).toBe(2025);
  });
});

describe("archive reader errors", () => {
  it("names a missing database", async () => {
    const error = await reader.latest(`${prefix}missing`).catch((e) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error.problem).toBe("missing-database");
    expect(error.message).toMatch(/does not exist/);
  });

  it("names a database without an archive table", async () => {
    const database = `${prefix}notable`;
    await admin.query("CREATE DATABASE ??", [database]);
    const error = await reader.latest(database).catch((e) => e);
    expect(error.problem).toBe("missing-table");
  });

  it("refuses unknown unit systems instead of guessing", async () => {
    const database = `${prefix}units`;
    await admin.query("CREATE DATABASE ??", [database]);
    await admin.query(createArchiveTableSql(database));
    await admin.query(
      "INSERT INTO ??.archive (dateTime, usUnits, `interval`, outTemp) VALUES (1735689900, 42, 5, 12)",
      [database],
    );
    const error = await reader.latest(database).catch((e) => e);
    expect(error.problem).toBe("unknown-units");
    expect(error.message).toMatch(/unknown usUnits 42/);
  });

  it("rejects database names that are not identifiers", async () => {
    const error = await reader.latest("weewx`; DROP DATABASE x; --").catch((e) => e);
    expect(error.problem).toBe("invalid-name");
  });

  it("names an unreachable server", async () => {
    const unreachable = new ArchiveReader(createArchivePool("mysql://root@127.0.0.1:1/"));
    const error = await unreachable.latest(fixture).catch((e) => e);
    await unreachable.pool.end();
    expect(error.problem).toBe("unreachable");
  });
});

describe("METRIC and METRICWX archives", () => {
  const base = {
    latitude: 43.7,
    longitude: 7.26,
    altitude: 100,
    climate: "coastal",
    intervals: [{ until: 2e9, minutes: 5 }],
    solar: true,
    console: false,
  } as const;
  // A rainy autumn day, so that rain conversion is exercised.
  const from = Date.UTC(2024, 10, 2) / 1000;
  const to = from + 3 * 86400;

  it.each([
    ["METRIC (rain in cm)", METRIC],
    ["METRICWX (wind in m/s)", METRICWX],
  ] as const)("%s come back in mm and km/h", async (_label, usUnits) => {
    const profile: WeatherProfile = { ...base, seed: 77, usUnits };
    const database = `${prefix}u${usUnits}`;
    await writeDemoArchive(admin, database, profile, from, to);
    const records = await reader.range(database, from, to, [
      "rain",
      "rainRate",
      "windSpeed",
      "outTemp",
      "barometer",
    ]);
    expect(records.length).toBeGreaterThan(800);
    let rainTotal = 0;
    for (const record of records) {
      const truth = metricWeather(profile, record.dateTime, record.interval);
      expect(record.rain).toBeCloseTo(truth.rain!, 6);
      expect(record.rainRate).toBeCloseTo(truth.rainRate!, 6);
      expect(record.windSpeed).toBeCloseTo(truth.windSpeed!, 6);
      expect(record.outTemp).toBeCloseTo(truth.outTemp!, 6);
      rainTotal += record.rain ?? 0;
    }
    expect(rainTotal).toBeGreaterThan(1); // the period really has rain
    const [{ stored }] = await raw("SELECT SUM(rain) AS stored FROM ??.archive", [database]);
    expect(rainTotal / Number(stored)).toBeCloseTo(usUnits === METRIC ? 10 : 1, 6);
  });
});

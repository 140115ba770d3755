import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildAggregates } from "@/lib/aggregates/job";
import type { Station } from "@/lib/generated/prisma/client";
import { FIELD_NAMES } from "@/lib/series/fields";
import { loadSeries, seriesChunks } from "@/lib/series/load";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createDemoStation } from "../helpers/stations";

// Villefranche writes METRIC rows: rain in centimetres. The truth below is SQL on the raw rows,
// converted here (cm → mm), independently of lib/archive.
const end = Date.UTC(2025, 10, 20, 7) / 1000;
const start = end - 100 * 86400; // longer than one chunk of hours (92 days) and of raw rows (31 days)

let dbs: TestDatabases;
let station: Station;
let archive: string;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  archive = `${dbs.prefix}villefranche`;
  station = await createDemoStation(dbs, "villefranche", archive, start, end);
  await rebuildAggregates(station);
});
afterAll(() => dbs?.drop());

async function truth(from: number, to: number) {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n, AVG(outTemp) AS tavg, MIN(outTemp) AS tmin, MAX(outTemp) AS tmax, SUM(rain) * 10 AS rain, MAX(rainRate) * 10 AS rate, MAX(windGust) AS gust FROM ??.archive WHERE dateTime > ? AND dateTime <= ?",
    [archive, from, to],
  );
  return row;
}

describe("series at a step", () => {
  const fields = FIELD_NAMES;

  it("gives the same buckets from the aggregates as from the raw archive", async () => {
    for (const step of ["1h", "3h", "1d"] as const) {
      const query = { from: start, to: end, step, fields };
      const fromAggregates = await loadSeries(station, query);
      const fromArchive = await loadSeries(station, { ...query, source: "archive" });
      expect(fromAggregates.rows.length, step).toBe(fromArchive.rows.length);
      expect(fromAggregates.rows.length).toBeGreaterThan(step === "1d" ? 95 : 700);
      const differences: string[] = [];
      fromAggregates.rows.forEach((row, i) => {
        for (const [key, value] of Object.entries(fromArchive.rows[i])) {
          const same = value === null ? row[key] === null : Math.abs((row[key] ?? Number.NaN) - value) < 1e-6;
          if (!same) differences.push(`${step} ${key} at ${row.time}: ${row[key]} ≠ ${value}`);
        }
      });
      expect(differences).toEqual([]);
    }
  });

  it("matches SQL on the raw rows, unit conversions included, and sums rain over the whole range", async () => {
    const series = await loadSeries(station, { from: start, to: end, step: "3h", fields });
    const row = series.rows[200];
    const expected = await truth(row.start, row.time);
    expect(row.records).toBe(Number(expected.n));
    expect(row.outTemp).toBeCloseTo(expected.tavg, 6);
    expect(row.outTempMin).toBeCloseTo(expected.tmin, 6);
    expect(row.outTempMax).toBeCloseTo(expected.tmax, 6);
    expect(row.rain).toBeCloseTo(expected.rain, 6);
    expect(row.windGust).toBeCloseTo(expected.gust, 6);
    const total = await truth(series.from, series.to);
    expect(series.rows.at(-1)!.rainTotal).toBeCloseTo(total.rain, 6);
  });

  it("reads raw records and 10-minute buckets a month at a time", async () => {
    const raw = await loadSeries(station, { from: start, to: end, step: "raw", fields: ["outTemp", "rain"] });
    expect(raw.rows.length).toBe(Number((await truth(start, end)).n));
    expect(raw.rows.at(-1)!.rainTotal).toBeCloseTo((await truth(start, end)).rain, 6);
    const chunks: number[] = [];
    for await (const chunk of seriesChunks(station, {
      from: start,
      to: end,
      step: "10m",
      fields: ["rainRate"],
    }))
      chunks.push(chunk.length);
    expect(chunks.length).toBe(4); // 100 days in 31-day reads
    const tenMinutes = await loadSeries(station, { from: end - 86400, to: end, step: "10m", fields });
    const bucket = tenMinutes.rows[50];
    expect(bucket.time - bucket.start).toBe(600);
    expect(bucket.rainRate).toBeCloseTo((await truth(bucket.start, bucket.time)).rate, 6);
  });

  it("leaves out data an administrator marked invalid, at every step", async () => {
    const from = end - 2 * 86400;
    await dbs.prisma.sensorInvalidation.create({
      data: {
        stationId: station.id,
        sensor: "TEMPERATURE",
        from: new Date(from * 1000),
        to: new Date((from + 3600) * 1000),
        reason: "capteur au soleil",
      },
    });
    await rebuildAggregates(station);
    for (const step of ["raw", "10m", "1h"] as const) {
      const series = await loadSeries(station, {
        from,
        to: from + 3600,
        step,
        fields: ["outTemp", "outHumidity"],
      });
      expect(series.rows.length).toBeGreaterThan(0);
      for (const row of series.rows) {
        expect(row.outTemp, step).toBeNull();
        expect(row.outHumidity, step).not.toBeNull();
      }
    }
  });
});

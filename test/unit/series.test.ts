import { describe, expect, it } from "vitest";
import { aggregateRecords } from "@/lib/aggregates/compute";
import type { Observation } from "@/lib/archive/reader";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { intervalAt, metricWeather, recordTimes } from "@/lib/demo/weather";
import {
  addQualityCounts,
  addRainTotals,
  bucketRecords,
  bucketRow,
  mergeBuckets,
  type SeriesRow,
  seriesFromRecords,
} from "@/lib/series/compute";
import { columnsOf, FIELD_NAMES } from "@/lib/series/fields";
import { alignRange, autoStep, bucketer, localDayOf } from "@/lib/series/steps";

const PARIS = "Europe/Paris";
const T0 = Date.UTC(2025, 0, 10, 9) / 1000; // 09:00 UTC
const rec = (minutes: number, values: Partial<Observation>, interval = 5): Observation => ({
  dateTime: T0 + minutes * 60,
  interval,
  ...values,
});

/** Demo records (metric) of a profile between two times: a realistic input for the bucketing. */
function demoRecords(slug: string, from: number, to: number): Observation[] {
  const { profile } = DEMO_STATIONS.find((s) => s.slug === slug)!;
  return [...recordTimes(profile, from, to, from)].map((t) => {
    const interval = intervalAt(profile, t);
    return { dateTime: t, interval, ...metricWeather(profile, t, interval) };
  });
}

describe("steps", () => {
  it("chooses the finest step that keeps a chart under 2,000 points", () => {
    const day = 86400;
    expect(autoStep(0, day)).toBe("raw"); // 288 points
    expect(autoStep(0, 2 * day)).toBe("raw");
    expect(autoStep(0, 7 * day)).toBe("10m"); // 2,016 five-minute records would be too many
    expect(autoStep(0, 30 * day)).toBe("1h");
    expect(autoStep(0, 100 * day)).toBe("3h");
    expect(autoStep(0, 365 * day)).toBe("1d");
    expect(autoStep(0, 5 * 365 * day)).toBe("1d");
  });

  it("puts a record stamped on a bucket's end in that bucket", () => {
    const tenMinutes = bucketer("10m", PARIS);
    expect(tenMinutes(T0 + 600)).toEqual({ start: T0, end: T0 + 600 });
    expect(tenMinutes(T0 + 601)).toEqual({ start: T0 + 600, end: T0 + 1200 });
    // Synoptic 3-hour buckets: 09:00 UTC is the end of 06–09.
    expect(bucketer("3h", PARIS)(T0)).toEqual({ start: T0 - 10800, end: T0 });
  });

  it("uses local days, 23 or 25 hours long on clock changes, midnight closing the day before", () => {
    const midnight = Date.UTC(2025, 9, 25, 22) / 1000; // 26 October 2025, 00:00 in Paris (UTC+2)
    expect(localDayOf(midnight, PARIS).end).toBe(midnight);
    const october26 = localDayOf(midnight + 1, PARIS);
    expect(october26).toEqual({ start: midnight, end: midnight + 25 * 3600 });
    const march30 = localDayOf(Date.UTC(2025, 2, 30, 12) / 1000, PARIS);
    expect(march30.end - march30.start).toBe(23 * 3600);
  });

  it("widens a range to whole buckets", () => {
    expect(alignRange(T0 + 100, T0 + 3700, "1h", PARIS)).toEqual({ start: T0, end: T0 + 7200 });
    expect(alignRange(T0 + 100, T0 + 3700, "raw", PARIS)).toEqual({ start: T0 + 100, end: T0 + 3700 });
  });
});

describe("rows", () => {
  const records = [
    rec(5, {
      outTemp: 3.2,
      windSpeed: 10,
      windDir: 350,
      windGust: 20,
      windGustDir: null,
      rain: 0.2,
      rainRate: 3,
    }),
    rec(10, {
      outTemp: 1.5,
      windSpeed: 10,
      windDir: 10,
      windGust: 25,
      windGustDir: 15,
      rain: 0,
      rainRate: 0,
    }),
    rec(15, {
      outTemp: 2.5,
      windSpeed: 0,
      windDir: null,
      windGust: 4,
      windGustDir: 90,
      rain: 0.4,
      rainRate: 7,
    }),
  ];

  it("gives each record its values at the raw step, a gust without direction taking the wind's", () => {
    const rows = seriesFromRecords(records, {
      step: "raw",
      fields: ["outTemp", "windGust"],
      timeZone: PARIS,
    });
    expect(rows[0]).toEqual({ time: T0 + 300, start: T0, outTemp: 3.2, windGust: 20, windGustDir: 350 });
    expect(Object.keys(rows[0])).toEqual([
      "time",
      "start",
      ...columnsOf(["outTemp", "windGust"], false).map((c) => c.name),
    ]);
  });

  it("gives each bucket its mean, extremes with times, sums, max gust with direction and vector-mean wind", () => {
    const [row] = seriesFromRecords(records, {
      step: "1h",
      fields: ["outTemp", "windSpeed", "windDir", "windGust", "rain", "rainRate"],
      timeZone: PARIS,
    });
    expect(row.time).toBe(T0 + 3600);
    expect(row.records).toBe(3);
    expect(row.coverage).toBeCloseTo(15 / 60, 9);
    expect(row.outTemp).toBeCloseTo((3.2 + 1.5 + 2.5) / 3, 9);
    expect([row.outTempMin, row.outTempMinTime, row.outTempMax, row.outTempMaxTime]).toEqual([
      1.5,
      T0 + 600,
      3.2,
      T0 + 300,
    ]);
    expect(row.windSpeed).toBeCloseTo(20 / 3, 9);
    expect(Math.min(row.windDir!, 360 - row.windDir!)).toBeCloseTo(0, 6); // 350° and 10°: north
    expect([row.windGust, row.windGustDir, row.windGustTime]).toEqual([25, 15, T0 + 600]);
    expect(row.rain).toBeCloseTo(0.6, 9);
    expect([row.rainRate, row.rainRateTime]).toEqual([7, T0 + 900]);
    expect(row.rainTotal).toBeCloseTo(0.6, 9);
  });

  it("gives the same 3-hour and daily buckets whether merged from hours or aggregated from records", () => {
    const from = Date.UTC(2025, 9, 24) / 1000;
    const all = demoRecords("la-colmiane", from, from + 4 * 86400);
    const fields = FIELD_NAMES;
    for (const step of ["3h", "1d"] as const) {
      const direct = bucketRecords(all, step, PARIS).map((b) => bucketRow(b, fields));
      const merged = mergeBuckets(bucketRecords(all, "1h", PARIS), step, PARIS).map((b) =>
        bucketRow(b, fields),
      );
      expect(merged.length).toBe(direct.length);
      merged.forEach((row, i) => {
        for (const [key, value] of Object.entries(direct[i])) {
          if (value === null) expect(row[key], key).toBeNull();
          else expect(row[key], `${step} ${key}`).toBeCloseTo(value, 6);
        }
      });
    }
    // The 25-hour day of 26 October is one bucket of 25 hours of records.
    const days = bucketRecords(all, "1d", PARIS);
    const october26 = days.find((d) => d.start === Date.UTC(2025, 9, 25, 22) / 1000)!;
    expect(october26.end - october26.start).toBe(25 * 3600);
    expect(october26.aggregate.records).toBe(
      all.filter((r) => r.dateTime > october26.start && r.dateTime <= october26.end).length,
    );
  });

  it("runs the rain total over the series, or restarts it at 06 UTC", () => {
    const row = (time: number, rain: number | null) => ({ time, start: time - 3600, rain }) as SeriesRow;
    const six = Date.UTC(2025, 0, 10, 6) / 1000;
    const rows = () => [row(six - 3600, 1), row(six, 2), row(six + 3600, null), row(six + 7200, 0.5)];
    const continuous = rows();
    addRainTotals(continuous, "none", { total: null, day: null });
    expect(continuous.map((r) => r.rainTotal)).toEqual([1, 3, 3, 3.5]);
    const daily = rows();
    addRainTotals(daily, "06utc", { total: null, day: null });
    // The record stamped 06:00 closes the rain day before.
    expect(daily.map((r) => r.rainTotal)).toEqual([1, 3, null, 0.5]);
  });

  it("continues the total across chunks of one series", () => {
    const state = { total: null, day: null };
    const first = [{ time: T0, start: T0 - 300, rain: 1 } as SeriesRow];
    const second = [{ time: T0 + 300, start: T0, rain: 2 } as SeriesRow];
    addRainTotals(first, "none", state);
    addRainTotals(second, "none", state);
    expect(second[0].rainTotal).toBe(3);
  });

  it("counts coverage against the bucket's length", () => {
    const aggregate = aggregateRecords([rec(10, { outTemp: 1 }, 10)], T0 + 600);
    expect(bucketRow({ start: T0, end: T0 + 600, aggregate }, ["outTemp"]).coverage).toBe(1);
    expect(bucketRow({ start: T0, end: T0 + 3600, aggregate }, ["outTemp"]).coverage).toBeCloseTo(1 / 6, 9);
  });

  it("counts each bucket's flagged values, a value stamped on a bucket's end in that bucket", () => {
    const aggregate = aggregateRecords([rec(10, { outTemp: 1 }, 10)], T0 + 600);
    const rows = [0, 1, 2].map((i) =>
      bucketRow({ start: T0 + i * 3600, end: T0 + (i + 1) * 3600, aggregate }, ["outTemp"]),
    );
    addQualityCounts(rows, [
      { dateTime: T0 + 3600, level: "ERRONEOUS" },
      { dateTime: T0 + 3900, level: "SUSPECT" },
      { dateTime: T0 + 4200, level: "ERRONEOUS" },
      { dateTime: T0 + 7200, level: "SUSPECT" },
    ]);
    expect(rows.map((r) => [r.qcErroneous, r.qcSuspect])).toEqual([
      [1, 0],
      [1, 2],
      [0, 0],
    ]);
  });
});

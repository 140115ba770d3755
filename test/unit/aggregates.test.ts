import { describe, expect, it } from "vitest";
import {
  aggregateRecords,
  applyInvalidations,
  hourStart,
  meanOf,
  meanWindDirection,
  meanWindSpeed,
  mergeAggregates,
} from "@/lib/aggregates/compute";
import type { Observation } from "@/lib/archive/reader";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { intervalAt, metricWeather, recordTimes } from "@/lib/demo/weather";

const T0 = Date.UTC(2025, 0, 10, 9) / 1000; // 09:00 UTC
const rec = (minutes: number, values: Partial<Observation>, interval = 5): Observation => ({
  dateTime: T0 + minutes * 60,
  interval,
  ...values,
});

describe("aggregating records", () => {
  const records = [
    rec(5, {
      outTemp: 3.2,
      rain: 0.2,
      rainRate: 2.4,
      windSpeed: 10,
      windDir: 350,
      windGust: 20,
      windGustDir: 340,
      ET: 0.01,
    }),
    rec(10, {
      outTemp: 1.5,
      rain: 0,
      rainRate: 0,
      windSpeed: 10,
      windDir: 10,
      windGust: 25,
      windGustDir: 15,
    }),
    rec(
      20,
      { outTemp: 1.5, rain: 0.4, rainRate: 6, windSpeed: 0, windDir: null, windGust: 25, windGustDir: 200 },
      10,
    ),
    rec(30, { outTemp: 4.1, rain: null, rainRate: null, windSpeed: null, windGust: null }, 10),
    rec(60, { outTemp: 2, rain: 0 }, 30),
  ];
  const agg = aggregateRecords(records, T0 + 3600);

  it("keeps extremes with the time they occurred (the first time on ties)", () => {
    expect(agg.outTempMin).toBe(1.5);
    expect(agg.outTempMinAt).toBe(T0 + 600);
    expect(agg.outTempMax).toBe(4.1);
    expect(agg.outTempMaxAt).toBe(T0 + 1800);
    expect(agg.windGustMax).toBe(25);
    expect(agg.windGustMaxAt).toBe(T0 + 600);
    expect(agg.windGustMaxDir).toBe(15);
    expect(agg.rainRateMax).toBe(6);
    expect(agg.rainRateMaxAt).toBe(T0 + 1200);
  });

  it("sums, counts and covered minutes (intervals may change within the period)", () => {
    expect(agg.records).toBe(5);
    expect(agg.minutes).toBe(5 + 5 + 10 + 10 + 30);
    expect(agg.outTempMinutes).toBe(60);
    expect(agg.rainMinutes).toBe(50);
    expect(agg.rainSum).toBeCloseTo(0.6, 12);
    expect(agg.etSum).toBeCloseTo(0.01, 12);
    expect(meanOf(agg, "outTemp")).toBeCloseTo((3.2 + 1.5 + 1.5 + 4.1 + 2) / 5, 12);
    expect(agg.outTempAtEnd).toBe(2);
    expect(agg.interval).toBe(30);
  });

  it("averages wind as vectors: 350° and 10° give north, calm records do not count for direction", () => {
    expect(meanWindSpeed(agg)).toBeCloseTo(20 / 3, 12);
    expect(meanWindDirection(agg)).toBeCloseTo(0, 9);
    expect(
      meanWindDirection(aggregateRecords([rec(5, { windSpeed: 0, windDir: null })], T0 + 3600)),
    ).toBeNull();
  });

  it("merges hours into the same result as aggregating every record at once", () => {
    const profile = DEMO_STATIONS[2].profile; // 10-minute then 5-minute records
    const change = profile.intervals[0].until;
    const records = [...recordTimes(profile, change - 86400 / 2, change + 86400 / 2, change + 1e6)].map(
      (t) =>
        ({
          dateTime: t,
          interval: intervalAt(profile, t),
          ...metricWeather(profile, t, intervalAt(profile, t)),
        }) as Observation,
    );
    const end = records.at(-1)!.dateTime;
    const byHour = new Map<number, Observation[]>();
    for (const r of records)
      byHour.set(hourStart(r.dateTime), [...(byHour.get(hourStart(r.dateTime)) ?? []), r]);
    const parts = [...byHour].map(([start, rs]) => ({
      end: start + 3600,
      aggregate: aggregateRecords(rs, start + 3600),
    }));
    const merged = mergeAggregates(parts, end);
    const whole = aggregateRecords(records, end);
    for (const [key, value] of Object.entries(whole)) {
      if (typeof value === "number" && !Number.isInteger(value))
        expect(merged[key as keyof typeof merged], key).toBeCloseTo(value, 6);
      else expect(merged[key as keyof typeof merged], key).toBe(value);
    }
    expect(whole.minutes).toBe(24 * 60);
  });
});

describe("periods", () => {
  it("puts a record stamped on the hour in the hour that ends there", () => {
    expect(hourStart(T0)).toBe(T0 - 3600);
    expect(hourStart(T0 + 300)).toBe(T0);
    expect(hourStart(T0 + 3600)).toBe(T0);
  });
});

describe("invalidated data", () => {
  const records = [
    rec(5, { outTemp: 1, outHumidity: 80, rain: 1 }),
    rec(10, { outTemp: 2, outHumidity: 81, rain: 2 }),
    rec(15, { outTemp: 3, rain: 3 }),
  ];
  it("removes the sensor's values for from < dateTime <= to", () => {
    const cleaned = applyInvalidations(records, [{ sensor: "TEMPERATURE", from: T0 + 300, to: T0 + 600 }]);
    expect(cleaned.map((r) => r.outTemp)).toEqual([1, null, 3]);
    expect(cleaned.map((r) => r.outHumidity)).toEqual([80, 81, undefined]);
    expect(cleaned.map((r) => r.rain)).toEqual([1, 2, 3]);
    expect(records[1].outTemp).toBe(2); // the input is left alone
  });
  it("drops whole records for ALL", () => {
    const cleaned = applyInvalidations(records, [{ sensor: "ALL", from: T0, to: T0 + 600 }]);
    expect(cleaned.map((r) => r.dateTime)).toEqual([T0 + 900]);
  });
});

import { describe, expect, it } from "vitest";
import type { Observation } from "@/lib/archive/reader";
import { rrWindowOf } from "@/lib/climate/daily";
import { currentConditions } from "@/lib/conditions/current";
import { localMonthStart, localYearStart } from "@/lib/time";

const UTC = (d: number, h: number, m = 0) => Date.UTC(2025, 6, d, h, m) / 1000; // July 2025, Paris = UTC+2
const TZ = "Europe/Paris";

/** A week of 5-minute records ending on 15 July 2025 at 12:00 UTC, with hand-placed events. */
function week(): Observation[] {
  const records: Observation[] = [];
  for (let t = UTC(8, 12, 0); t <= UTC(15, 12); t += 300) {
    records.push({
      dateTime: t,
      interval: 5,
      outTemp: 20,
      outHumidity: 60,
      dewpoint: 12,
      barometer: 1015,
      windSpeed: 10,
      windDir: 90,
      windGust: 15,
      windGustDir: 95,
      rain: 0,
      rainRate: 0,
      UV: 0,
      radiation: 0,
      ET: 0,
    });
  }
  const at = (t: number) => records.find((r) => r.dateTime === t)!;
  Object.assign(at(UTC(14, 22, 5)), { outTemp: 14.5 }); // 00:05 local on the 15th: today's minimum
  Object.assign(at(UTC(14, 21, 55)), { outTemp: 10 }); // 23:55 local on the 14th: not today
  Object.assign(at(UTC(15, 11, 0)), { outTemp: 27.5, UV: 8.2, radiation: 910 });
  Object.assign(at(UTC(15, 9, 0)), { barometer: 1012 }); // three hours before the newest record
  Object.assign(at(UTC(15, 11, 55)), { windSpeed: 30, windDir: 350, windGust: 48, windGustDir: 355 });
  Object.assign(at(UTC(15, 12, 0)), { windSpeed: 30, windDir: 10, windGust: 40 });
  Object.assign(at(UTC(15, 5, 0)), { rain: 2, rainRate: 30 }); // in yesterday's 06–06 window (14th 06:00 → 15th 06:00)
  Object.assign(at(UTC(15, 6, 5)), { rain: 1.2, rainRate: 12 }); // today's window
  Object.assign(at(UTC(15, 11, 30)), { rain: 0.4, rainRate: 4.8 });
  Object.assign(at(UTC(9, 12, 0)), { rain: 5 }); // six days ago
  Object.assign(at(UTC(8, 12, 0)), { rain: 100 }); // exactly 7 days before the newest: outside "last 7 days"
  return records;
}

describe("current conditions", () => {
  const c = currentConditions(week(), TZ, { month: 3, year: 250 })!;

  it("gives today's extremes since local midnight, with their times", () => {
    expect(c.at).toBe(UTC(15, 12));
    expect(c.temperature.current).toBe(20);
    expect(c.temperature.min).toEqual({ value: 14.5, at: UTC(14, 22, 5) });
    expect(c.temperature.max).toEqual({ value: 27.5, at: UTC(15, 11) });
    expect(c.uv.max).toEqual({ value: 8.2, at: UTC(15, 11) });
    expect(c.pressure.trend3h).toBe(3);
  });

  it("averages wind over 10 minutes and an hour as vectors, with the strongest gusts", () => {
    expect(c.wind.instant).toEqual({ speed: 30, direction: 10, cardinal: "N" });
    expect(c.wind.mean10min.speed).toBe(30); // (t - 10 min, t]: the records of 11:55 and 12:00
    expect(c.wind.mean10min.cardinal).toBe("N");
    expect(c.wind.gust10min).toEqual({ value: 48, at: UTC(15, 11, 55), direction: 355 });
    expect(c.wind.gust1h?.value).toBe(48);
    expect(c.wind.gustToday?.value).toBe(48);
    expect(c.wind.mean1h.speed).toBeCloseTo((10 * 10 + 30 * 2) / 12, 9);
    // The compass's marks: the directions of the records of (t - 10 min, t].
    expect(c.wind.directions10min).toEqual([350, 10]);
  });

  it("gives the dashboard's day ranges of UV, radiation and rain rate", () => {
    expect(c.uv).toEqual({
      current: 0,
      min: { value: 0, at: UTC(14, 22, 5) },
      max: { value: 8.2, at: UTC(15, 11) },
    });
    expect(c.radiation.max).toEqual({ value: 910, at: UTC(15, 11) });
    // 30 mm/h at 07:00 local is today's; yesterday's stronger rates are not.
    expect(c.rain.maxRateToday).toEqual({ value: 30, at: UTC(15, 5) });
  });

  it("totals rain over every legacy window", () => {
    expect(c.rain.rate).toBe(0);
    expect(c.rain.last1h).toBeCloseTo(0.4, 9);
    expect(c.rain.sinceMidnight).toBeCloseTo(3.6, 9);
    expect(c.rain.day0606.total).toBeCloseTo(1.6, 9);
    expect(c.rain.day0606.maxRate).toEqual({ value: 12, at: UTC(15, 6, 5) });
    expect(c.rain.previousDay0606.total).toBeCloseTo(2, 9);
    expect(c.rain.previousDay0606.maxRate).toEqual({ value: 30, at: UTC(15, 5) });
    expect(c.rain.last24h).toBeCloseTo(3.6, 9);
    expect(c.rain.last7d).toBeCloseTo(8.6, 9);
    // July: the month started inside the raw week (1 July is before it), so 3 mm come from the aggregates.
    expect(c.rain.month).toBeCloseTo(3 + 108.6, 9);
    expect(c.rain.year).toBeCloseTo(250 + 108.6, 9);
  });

  it("is null without records", () => {
    expect(currentConditions([], TZ, { month: 0, year: 0 })).toBeNull();
  });
});

describe("calendar windows", () => {
  it("finds the 06–06 UTC rain day", () => {
    expect(rrWindowOf(UTC(15, 6))).toEqual({ from: UTC(14, 6), to: UTC(15, 6) });
    expect(rrWindowOf(UTC(15, 6, 5))).toEqual({ from: UTC(15, 6), to: UTC(16, 6) });
    expect(rrWindowOf(UTC(15, 5, 55))).toEqual({ from: UTC(14, 6), to: UTC(15, 6) });
  });
  it("finds local month and year starts", () => {
    expect(localMonthStart(UTC(15, 12), TZ)).toBe(Date.UTC(2025, 5, 30, 22) / 1000);
    expect(localMonthStart(Date.UTC(2025, 5, 30, 22) / 1000, TZ)).toBe(Date.UTC(2025, 4, 31, 22) / 1000);
    expect(localYearStart(UTC(15, 12), TZ)).toBe(Date.UTC(2024, 11, 31, 23) / 1000);
  });
});

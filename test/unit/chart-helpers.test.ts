import { describe, expect, it } from "vitest";
import { tickLabel, ticksForWidth, timeTicks } from "@/components/charts/timeTicks";
import { chartData } from "@/lib/series/chart-data";
import type { SeriesRow } from "@/lib/series/compute";
import { dailyMarks } from "@/lib/series/marks";
import { windRose } from "@/lib/weather/rose";
import { nightPeriods } from "@/lib/weather/sun";

const utc = (...args: [number, number, number, number?, number?]) =>
  Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0) / 1000;

describe("chart data", () => {
  const row = (time: number, values: Record<string, number | null>) =>
    ({ time, start: time - 300, ...values }) as SeriesRow;

  it("sends each time once, the charts' columns to two decimals, and breaks the lines at an outage", () => {
    const rows = [
      row(600, { outTemp: 12.346, UV: null, inTemp: 20 }),
      row(900, { outTemp: 11.996, UV: null, inTemp: 20 }),
      // 25 minutes without records: more than the 20 a raw line bridges.
      row(2400, { outTemp: 13, UV: null, inTemp: 20 }),
    ];
    expect(chartData(rows, "raw", ["outTemp", "UV"])).toEqual({
      times: [600, 900, 901, 2400],
      columns: { outTemp: [12.35, 12, null, 13] }, // UV had no value: left out, and so is its chart
    });
    // An hourly step bridges two missing hours, not three.
    const hours = [row(3600, { rain: 0.2 }), row(3 * 3600, { rain: 0 }), row(7 * 3600, { rain: 1 })];
    expect(chartData(hours, "1h", ["rain"]).times).toEqual([3600, 3 * 3600, 3 * 3600 + 1, 7 * 3600]);
  });
});

describe("time axis ticks", () => {
  it("puts ticks on round local hours, with the date at midnight", () => {
    const { ticks, granularity } = timeTicks(utc(2025, 11, 20, 22, 17), utc(2025, 11, 21, 22, 17));
    expect(granularity).toBe("hour");
    expect(ticks.map((t) => tickLabel(t, granularity))).toEqual([
      "21/11",
      "03:00",
      "06:00",
      "09:00",
      "12:00",
      "15:00",
      "18:00",
      "21:00",
    ]);
  });

  it("puts ticks on local midnights across a clock change, then on the first of months", () => {
    const days = timeTicks(utc(2025, 10, 22), utc(2025, 10, 29));
    expect(days.granularity).toBe("day");
    expect(days.ticks).toContain(utc(2025, 10, 25, 22)); // 26 October 00:00 CEST
    expect(days.ticks).toContain(utc(2025, 10, 26, 23)); // 27 October 00:00 CET
    const months = timeTicks(utc(2024, 12, 31, 23), utc(2025, 12, 31, 23)); // a local year
    expect(months.granularity).toBe("month");
    expect(months.ticks.map((t) => tickLabel(t, "month"))).toEqual([
      "janv. 25",
      "mars 25",
      "mai 25",
      "juil. 25",
      "sept. 25",
      "nov. 25",
      "janv. 26",
    ]);
  });
});

describe("time axis ticks on a phone and a desktop", () => {
  // A 12 px label is at most 7 px a character (system-ui); labels must keep 6 px apart.
  const labelWidth = (label: string) => 7 * label.length;
  const end = utc(2025, 12, 5, 14, 25);
  for (const [period, days] of [
    ["24 heures", 1],
    ["48 heures", 2],
    ["7 jours", 7],
    ["30 jours", 30],
    ["1 an", 365],
  ] as const)
    for (const width of [300, 1100]) // the x axis of a 390 px phone's chart, of a desktop's
      it(`labels ${period} at ${width} px with at least 3 ticks that never overlap`, () => {
        const start = end - days * 86400;
        const { ticks, granularity } = ticksForWidth(start, end, width);
        expect(ticks.length).toBeGreaterThanOrEqual(3);
        const placed = ticks.map((t) => ({
          x: ((t - start) / (end - start)) * width,
          half: labelWidth(tickLabel(t, granularity)) / 2,
        }));
        for (let i = 1; i < placed.length; i++)
          expect(placed[i].x - placed[i - 1].x, `${period}, tick ${i}`).toBeGreaterThanOrEqual(
            placed[i].half + placed[i - 1].half + 6,
          );
      });
});

describe("nights", () => {
  it("finds one night per day, about 15 hours long in December in Nice", () => {
    const nights = nightPeriods(utc(2025, 12, 21, 12), utc(2025, 12, 23, 12), 43.7, 7.27);
    expect(nights).toHaveLength(2);
    const [start, end] = nights[0];
    expect((end - start) / 3600).toBeGreaterThan(14.5);
    expect((end - start) / 3600).toBeLessThan(15.5);
    // Sunset about 16:58 local time (15:58 UTC), found within the 5-minute sampling.
    expect(Math.abs(start - utc(2025, 12, 21, 15, 58))).toBeLessThanOrEqual(600);
  });
});

describe("wind rose", () => {
  it("gives each sector's share by speed class, calm apart", () => {
    const rose = windRose([
      { direction: 0, speed: 12, weight: 10 },
      { direction: 355, speed: 60, weight: 10 },
      { direction: 90, speed: 5, weight: 20 },
      { direction: null, speed: 0, weight: 10 },
      { direction: 180, speed: 1, weight: 10 },
      { direction: 200, speed: null, weight: 10 },
    ]);
    expect(rose.total).toBe(60);
    expect(rose.sectors[0]).toBe("N");
    expect(rose.percent[0].map((p) => Math.round(p * 10) / 10)).toEqual([0, 16.7, 0, 0, 16.7]);
    expect(rose.percent[4][0]).toBeCloseTo(33.3, 1); // E, 2–10 km/h
    expect(rose.calmPercent).toBeCloseTo(33.3, 1);
  });
});

describe("Tn / Tx / RR marks", () => {
  it("takes Tn over 18–06 UTC, Tx and RR over 06–06 UTC", () => {
    const hour = (h: number, min: number, max: number, rain: number): SeriesRow => {
      const time = utc(2025, 6, 10, 0) + h * 3600;
      return {
        time,
        start: time - 3600,
        outTempMin: min,
        outTempMinTime: time - 600,
        outTempMax: max,
        outTempMaxTime: time - 1200,
        rain,
      };
    };
    // From 10 June 01:00 UTC to 11 June 07:00 UTC.
    const rows = Array.from({ length: 31 }, (_, i) =>
      hour(i + 1, 20 - (i === 4 ? 5 : 0), 25 + (i === 14 ? 5 : 0), i === 10 ? 2 : 0.5),
    );
    const marks = dailyMarks(rows);
    const june10 = marks.find((m) => m.day === "2025-06-10")!;
    expect(june10.tn).toEqual({ value: 15, at: utc(2025, 6, 10, 5) - 600 });
    expect(june10.tx).toEqual({ value: 30, at: utc(2025, 6, 10, 15) - 1200 });
    expect(june10.rr!.value).toBeCloseTo(2 + 23 * 0.5, 9); // hours ending 07:00 … 06:00 next day
    expect(june10.rr!.at).toBe(utc(2025, 6, 11, 6));
    expect(marks.find((m) => m.day === "2025-06-11")!.tn).toEqual({
      value: 20,
      at: utc(2025, 6, 10, 19) - 600,
    });
  });
});

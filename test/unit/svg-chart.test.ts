import { describe, expect, it } from "vitest";
import type { SeriesRow } from "@/lib/series/compute";
import { hourlyTotals, linear, linePath, valueTicks } from "@/lib/series/svg";

describe("SVG chart geometry", () => {
  it("maps values linearly, inverted for a y axis", () => {
    const y = linear([0, 20], [150, 30]);
    expect([y(0), y(10), y(20), y(25)]).toEqual([150, 90, 30, 0]);
    expect(linear([5, 5], [0, 100])(5)).toBe(0); // a flat domain does not divide by zero
  });

  it("chooses round ticks that enclose the values", () => {
    expect(valueTicks(8.1, 15)).toEqual([8, 10, 12, 14, 16]);
    expect(valueTicks(-3.2, 4.9)).toEqual([-5, 0, 5]);
    expect(valueTicks(0, 1, 2)).toEqual([0, 0.5, 1]);
    expect(valueTicks(0, 23.4, 2)).toEqual([0, 20, 40]);
    expect(valueTicks(12, 12)).toEqual([11, 12, 13]);
  });

  it("draws a line that breaks at missing values and at long silences", () => {
    const x = linear([0, 3000], [0, 300]);
    const y = linear([0, 10], [100, 0]);
    const points: [number, number | null][] = [
      [0, 5],
      [300, 6],
      [600, null],
      [900, 4],
      [1200, 4],
      [2700, 10], // 25 minutes later: a gap
    ];
    expect(linePath(points, x, y, 1200)).toBe("M0 50L30 40M90 60L120 60M270 0");
    expect(linePath([], x, y, 1200)).toBe("");
  });

  it("totals rain per hour, a record stamped on the hour closing the hour before", () => {
    const row = (time: number, rain: number | null) => ({ time, start: time - 300, rain }) as SeriesRow;
    const rows = [row(3300, 0.2), row(3600, 0.4), row(3900, 1), row(7200, null), row(7500, 0)];
    expect(hourlyTotals(rows, "rain")).toEqual([
      { end: 3600, total: 0.6000000000000001 },
      { end: 7200, total: 1 },
      { end: 10800, total: 0 },
    ]);
  });
});

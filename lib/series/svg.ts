import type { SeriesRow } from "./compute";

/**
 * Geometry of charts drawn as plain SVG on the server (pure): linear scales, round value ticks, the path
 * data of a line with its gaps, and hourly totals for bars. A page shows such a chart before any script
 * runs (the station home's last 24 hours).
 */

export type Linear = (value: number) => number;

/** The linear map of `domain` onto `range` (pixels), rounded to 0.1 px. */
export function linear([d0, d1]: [number, number], [r0, r1]: [number, number]): Linear {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => Math.round((r0 + (value - d0) * k) * 10) / 10;
}

/**
 * About `count` round ticks (steps of 1, 2 or 5 × 10ⁿ) covering [min, max]; the first and last ticks
 * enclose the values, so they also serve as the axis' bounds.
 */
export function valueTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [Math.floor(min) - 1, Math.floor(min), Math.floor(min) + 1];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v < max + step - 1e-9; v += step) {
    ticks.push(Math.round(v * 1e6) / 1e6);
    if (v >= max) break;
  }
  return ticks;
}

/**
 * SVG path data of the points, a new stroke after a missing value or a silence longer than `maxGap`
 * seconds (the chart shows where the station was offline).
 */
export function linePath(
  points: readonly [number, number | null][],
  x: Linear,
  y: Linear,
  maxGap: number,
): string {
  let d = "";
  let previous: number | null = null;
  for (const [t, value] of points) {
    if (value === null) {
      previous = null;
      continue;
    }
    d += `${previous === null || t - previous > maxGap ? "M" : "L"}${x(t)} ${y(value)}`;
    previous = t;
  }
  return d;
}

/** Totals of `column` per hour ending at each whole hour (records of (h − 1 h, h]), hours without records left out. */
export function hourlyTotals(rows: readonly SeriesRow[], column: string): { end: number; total: number }[] {
  const totals = new Map<number, number>();
  for (const row of rows) {
    const value = row[column];
    if (value == null) continue;
    const end = Math.ceil(row.time / 3600) * 3600;
    totals.set(end, (totals.get(end) ?? 0) + value);
  }
  return [...totals].map(([end, total]) => ({ end, total }));
}

import { utcNoon } from "../time";

/**
 * Chart series of daily climatology (pure and client-safe, so client components can use them with
 * the daily API's JSON): daily values at midday UTC, and RR with its running monthly and yearly totals.
 */

export interface DailyPoint {
  date: string;
  tn: number | null;
  tx: number | null;
  tnTxMean: number | null;
  rr: number | null;
  coverage: { tn: number; tx: number; rr: number };
}

export type Point = [time: number, value: number | null];

/** Running RR totals reset on the 1st of each month and on 1 January (missing days add nothing). */
export function runningRainTotals(days: readonly Pick<DailyPoint, "date" | "rr">[]): {
  month: Point[];
  year: Point[];
} {
  const month: Point[] = [];
  const year: Point[] = [];
  let monthSum = 0;
  let yearSum = 0;
  let previous = "";
  for (const day of days) {
    if (day.date.slice(0, 7) !== previous.slice(0, 7)) monthSum = 0;
    if (day.date.slice(0, 4) !== previous.slice(0, 4)) yearSum = 0;
    previous = day.date;
    monthSum += day.rr ?? 0;
    yearSum += day.rr ?? 0;
    month.push([utcNoon(day.date), monthSum]);
    year.push([utcNoon(day.date), yearSum]);
  }
  return { month, year };
}

export const seriesOf = (days: readonly DailyPoint[], value: (d: DailyPoint) => number | null): Point[] =>
  days.map((d) => [utcNoon(d.date), value(d)]);

import { addDays, daysOfMonth, monthsOfYear, utcDay } from "../time";
import type { ClimateDay } from "./daily";

/**
 * Monthly and yearly climatology from daily values, as pure functions (shared/reference/climatology.md):
 * - means of Tn, Tx, Tmoy (and the other daily means) with the WMO "11/5" rule: no more than 10 daily
 *   values missing and no run of 5 or more consecutive missing days (WMO-No. 1203);
 * - RR total only when no day is missing; otherwise the sum of the days present, labelled incomplete;
 * - extremes over the days present, with dates; Météo-France day counts over the days present (with
 *   that number); heating degree days (DJU, "méthode Météo": max(0, 18 - (Tn + Tx) / 2) per day);
 * - a year from its 12 months with the same logic (a yearly mean needs all 12 monthly means).
 * Only final days count (a partial day is missing until D+1 06:00 UTC), and only the days up to the last
 * final one: a month in progress is computed over its elapsed days and flagged `inProgress`.
 */

export const MAX_MISSING_DAYS = 10;
export const MAX_CONSECUTIVE_MISSING = 4;
export const DJU_BASE = 18;

export interface MeanStat {
  mean: number | null;
  /** days with a value */
  present: number;
  /** expected days without a value */
  missing: number;
  /** longest run of consecutive missing days */
  longestGap: number;
}

export interface Extreme {
  value: number;
  date: string;
  /** when it occurred (unix seconds), when known */
  at: number | null;
}

export interface DayCounts {
  /** days with Tx / Tn / RR present: the counts below are over these */
  txDays: number;
  tnDays: number;
  rrDays: number;
  txLe0: number;
  txGe25: number;
  txGe30: number;
  txGe35: number;
  tnLe0: number;
  tnLeMinus5: number;
  tnGe20: number;
  rrGe1: number;
  rrGe5: number;
  rrGe10: number;
  rrGe30: number;
  rrGe50: number;
  rrGe100: number;
}

export interface PeriodSummary {
  /** "YYYY-MM" for a month, "YYYY" for a year */
  period: string;
  /** days of the period that count so far (final days up to the end of the period) */
  daysExpected: number;
  daysInPeriod: number;
  inProgress: boolean;
  tn: MeanStat;
  tx: MeanStat;
  tnTxMean: MeanStat;
  /** Tmoy réelle, mean of the 24 hourly values, of the 8 three-hourly values */
  tmean: MeanStat;
  t24: MeanStat;
  t8: MeanStat;
  rr: {
    /** the total, only when no day is missing */
    total: number | null;
    /** the sum of the days present (equal to total when complete) */
    sum: number | null;
    present: number;
    missing: number;
  };
  extremes: {
    tnMin: Extreme | null;
    tnMax: Extreme | null;
    txMax: Extreme | null;
    txMin: Extreme | null;
    rrMax: Extreme | null;
    rrRateMax: Extreme | null;
    gustMax: (Extreme & { dir: number | null }) | null;
  };
  counts: DayCounts;
  /** heating degree days over the days with Tmoy; `complete` when no day is missing */
  dju: { sum: number; days: number; complete: boolean };
}

/** The last final day at `at` (unix seconds): D is final once D+1 06:00 UTC has passed. */
export function lastFinalDay(at: number): string {
  return addDays(utcDay(at - 6 * 3600), -1);
}

type Key = "tn" | "tx" | "tnTxMean" | "tmean" | "t24" | "t8";

function meanStat(values: readonly (number | null)[]): MeanStat {
  let sum = 0;
  let present = 0;
  let run = 0;
  let longestGap = 0;
  for (const value of values) {
    if (value === null) {
      run += 1;
      longestGap = Math.max(longestGap, run);
    } else {
      run = 0;
      present += 1;
      sum += value;
    }
  }
  const missing = values.length - present;
  const valid = present > 0 && missing <= MAX_MISSING_DAYS && longestGap <= MAX_CONSECUTIVE_MISSING;
  return { mean: valid ? sum / present : null, present, missing, longestGap };
}

function extreme(
  days: readonly ClimateDay[],
  value: (d: ClimateDay) => number | null,
  at: (d: ClimateDay) => number | null,
  lowest: boolean,
): Extreme | null {
  let best: Extreme | null = null;
  for (const day of days) {
    const v = value(day);
    if (v === null) continue;
    // Ties keep the first date.
    if (best === null || (lowest ? v < best.value : v > best.value))
      best = { value: v, date: day.date, at: at(day) };
  }
  return best;
}

const count = (values: readonly number[], test: (v: number) => boolean) => values.filter(test).length;

/**
 * The summary of a month from its days (any order; days of other months and partial days are ignored),
 * as known at `at` (unix seconds).
 */
export function summarizeMonth(month: string, days: readonly ClimateDay[], at: number): PeriodSummary {
  const calendar = daysOfMonth(month);
  const lastFinal = lastFinalDay(at);
  const expected = calendar.filter((date) => date <= lastFinal);
  const byDate = new Map(days.filter((d) => !d.partial && d.date.startsWith(month)).map((d) => [d.date, d]));
  const present = expected.map((date) => byDate.get(date)).filter((d): d is ClimateDay => d !== undefined);
  const series = (key: Key) => expected.map((date) => byDate.get(date)?.[key] ?? null);

  const rrValues = expected.map((date) => byDate.get(date)?.rr ?? null);
  const rrPresent = rrValues.filter((v): v is number => v !== null);
  const rrSum = rrPresent.length ? rrPresent.reduce((a, b) => a + b, 0) : null;
  const rrMissing = expected.length - rrPresent.length;
  const tn = present.map((d) => d.tn).filter((v): v is number => v !== null);
  const tx = present.map((d) => d.tx).filter((v): v is number => v !== null);
  const tnTxMean = present.map((d) => d.tnTxMean).filter((v): v is number => v !== null);
  const dju = tnTxMean.reduce((sum, t) => sum + Math.max(0, DJU_BASE - t), 0);
  const gust = extreme(
    present,
    (d) => d.gustMax,
    (d) => d.gustAt,
    false,
  );

  return {
    period: month,
    daysExpected: expected.length,
    daysInPeriod: calendar.length,
    inProgress: expected.length < calendar.length,
    tn: meanStat(series("tn")),
    tx: meanStat(series("tx")),
    tnTxMean: meanStat(series("tnTxMean")),
    tmean: meanStat(series("tmean")),
    t24: meanStat(series("t24")),
    t8: meanStat(series("t8")),
    rr: {
      total: rrMissing === 0 && expected.length > 0 ? (rrSum ?? 0) : null,
      sum: rrSum,
      present: rrPresent.length,
      missing: rrMissing,
    },
    extremes: {
      tnMin: extreme(
        present,
        (d) => d.tn,
        (d) => d.tnAt,
        true,
      ),
      tnMax: extreme(
        present,
        (d) => d.tn,
        (d) => d.tnAt,
        false,
      ),
      txMax: extreme(
        present,
        (d) => d.tx,
        (d) => d.txAt,
        false,
      ),
      txMin: extreme(
        present,
        (d) => d.tx,
        (d) => d.txAt,
        true,
      ),
      rrMax: extreme(
        present,
        (d) => d.rr,
        () => null,
        false,
      ),
      rrRateMax: extreme(
        present,
        (d) => d.rrRateMax,
        (d) => d.rrRateMaxAt,
        false,
      ),
      gustMax: gust && {
        ...gust,
        dir: present.find((d) => d.date === gust.date)?.gustDir ?? null,
      },
    },
    counts: {
      txDays: tx.length,
      tnDays: tn.length,
      rrDays: rrPresent.length,
      txLe0: count(tx, (v) => v <= 0),
      txGe25: count(tx, (v) => v >= 25),
      txGe30: count(tx, (v) => v >= 30),
      txGe35: count(tx, (v) => v >= 35),
      tnLe0: count(tn, (v) => v <= 0),
      tnLeMinus5: count(tn, (v) => v <= -5),
      tnGe20: count(tn, (v) => v >= 20),
      rrGe1: count(rrPresent, (v) => v >= 1),
      rrGe5: count(rrPresent, (v) => v >= 5),
      rrGe10: count(rrPresent, (v) => v >= 10),
      rrGe30: count(rrPresent, (v) => v >= 30),
      rrGe50: count(rrPresent, (v) => v >= 50),
      rrGe100: count(rrPresent, (v) => v >= 100),
    },
    dju: {
      sum: dju,
      days: tnTxMean.length,
      complete: expected.length > 0 && tnTxMean.length === expected.length,
    },
  };
}

/** The yearly mean of 12 monthly means: null unless all 12 are there (WMO). */
export function meanOfTwelve(values: readonly (number | null)[]): number | null {
  const total = totalOfTwelve(values);
  return total === null ? null : total / 12;
}

/** The yearly total of 12 monthly totals: null unless all 12 are there. */
export function totalOfTwelve(values: readonly (number | null)[]): number | null {
  if (values.length !== 12 || values.some((v) => v === null)) return null;
  return (values as number[]).reduce((a, b) => a + b, 0);
}

function best<T extends Extreme>(values: readonly (T | null)[], lowest: boolean): T | null {
  let result: T | null = null;
  for (const v of values) {
    if (v && (result === null || (lowest ? v.value < result.value : v.value > result.value))) result = v;
  }
  return result;
}

/**
 * A year from its monthly summaries (the 12 months in order; months not started yet count as missing
 * only for the means, which need all 12 monthly means anyway).
 */
export function summarizeYear(year: number, months: readonly PeriodSummary[]): PeriodSummary {
  const started = months.filter((m) => m.daysExpected > 0);
  const yearMean = (key: Key): MeanStat => {
    const stats = months.map((m) => m[key]);
    return {
      mean: meanOfTwelve(stats.map((s) => s.mean)),
      present: stats.reduce((sum, s) => sum + s.present, 0),
      missing: stats.reduce((sum, s) => sum + s.missing, 0),
      longestGap: Math.max(0, ...stats.map((s) => s.longestGap)),
    };
  };
  const sums = started.map((m) => m.rr.sum).filter((v): v is number => v !== null);
  const total = <K extends keyof DayCounts>(key: K) => months.reduce((sum, m) => sum + m.counts[key], 0);
  const daysInYear = months.reduce((sum, m) => sum + m.daysInPeriod, 0);
  const daysExpected = months.reduce((sum, m) => sum + m.daysExpected, 0);
  const counts = Object.fromEntries(
    (Object.keys(months[0]?.counts ?? {}) as (keyof DayCounts)[]).map((key) => [key, total(key)]),
  ) as unknown as DayCounts;
  return {
    period: String(year),
    daysExpected,
    daysInPeriod: daysInYear,
    inProgress: daysExpected < daysInYear,
    tn: yearMean("tn"),
    tx: yearMean("tx"),
    tnTxMean: yearMean("tnTxMean"),
    tmean: yearMean("tmean"),
    t24: yearMean("t24"),
    t8: yearMean("t8"),
    rr: {
      total: totalOfTwelve(months.map((m) => m.rr.total)),
      sum: sums.length ? sums.reduce((a, b) => a + b, 0) : null,
      present: months.reduce((sum, m) => sum + m.rr.present, 0),
      missing: months.reduce((sum, m) => sum + m.rr.missing, 0),
    },
    extremes: {
      tnMin: best(
        months.map((m) => m.extremes.tnMin),
        true,
      ),
      tnMax: best(
        months.map((m) => m.extremes.tnMax),
        false,
      ),
      txMax: best(
        months.map((m) => m.extremes.txMax),
        false,
      ),
      txMin: best(
        months.map((m) => m.extremes.txMin),
        true,
      ),
      rrMax: best(
        months.map((m) => m.extremes.rrMax),
        false,
      ),
      rrRateMax: best(
        months.map((m) => m.extremes.rrRateMax),
        false,
      ),
      gustMax: best(
        months.map((m) => m.extremes.gustMax),
        false,
      ),
    },
    counts,
    dju: {
      sum: months.reduce((sum, m) => sum + m.dju.sum, 0),
      days: months.reduce((sum, m) => sum + m.dju.days, 0),
      complete: months.length === 12 && months.every((m) => m.dju.complete),
    },
  };
}

/** Days grouped by month ("YYYY-MM"), in their order. */
export function daysByMonth(days: readonly ClimateDay[]): Map<string, ClimateDay[]> {
  const byMonth = new Map<string, ClimateDay[]>();
  for (const day of days) {
    const key = day.date.slice(0, 7);
    const list = byMonth.get(key);
    if (list) list.push(day);
    else byMonth.set(key, [day]);
  }
  return byMonth;
}

/** Summaries of every month of `year` from its days, and the year's. */
export function summarizeYearFromDays(
  year: number,
  days: readonly ClimateDay[],
  at: number,
): { months: PeriodSummary[]; year: PeriodSummary } {
  const byMonth = daysByMonth(days);
  const months = monthsOfYear(year).map((m) => summarizeMonth(m, byMonth.get(m) ?? [], at));
  return { months, year: summarizeYear(year, months) };
}

import { monthsOfYear } from "../time";
import { meanOfTwelve, type PeriodSummary, totalOfTwelve } from "./monthly";

/**
 * References to compare a month (or a year) with, as pure functions:
 * - the WMO standard normal 1991–2020, only where valid monthly values exist in at least 80 % of the
 *   30 years (24); amateur stations rarely qualify;
 * - otherwise the station average over every available year, labelled with its period and year count
 *   (never called a normal).
 * Months in progress never count; a mean counts when it passed the 11/5 rule, a rain total when complete.
 */

export const NORMAL_FIRST_YEAR = 1991;
export const NORMAL_LAST_YEAR = 2020;
export const NORMAL_MIN_YEARS = 24;

export const REFERENCE_KEYS = ["tn", "tx", "tnTxMean", "rr"] as const;
export type ReferenceKey = (typeof REFERENCE_KEYS)[number];

export interface ReferenceValue {
  value: number | null;
  kind: "normal" | "average";
  /** years with a valid value, and their span */
  years: number;
  firstYear: number | null;
  lastYear: number | null;
}

export type Reference = Record<ReferenceKey, ReferenceValue>;

/** What a reference is built from, per month or year: the valid values only (ClimateMonth stores them). */
export interface PeriodValues {
  /** "YYYY-MM" or "YYYY" */
  period: string;
  inProgress: boolean;
  /** means that passed the 11/5 rule, total only when complete; null otherwise */
  tn: number | null;
  tx: number | null;
  tnTxMean: number | null;
  rr: number | null;
}

export function periodValues(summary: PeriodSummary): PeriodValues {
  return {
    period: summary.period,
    inProgress: summary.inProgress,
    tn: summary.tn.mean,
    tx: summary.tx.mean,
    tnTxMean: summary.tnTxMean.mean,
    rr: summary.rr.total,
  };
}

/**
 * A year's values from its months' (any order; a month not given is missing): a mean needs all 12
 * monthly means, the total all 12 monthly totals, as in summarizeYear.
 */
export function yearValues(year: number, months: readonly PeriodValues[]): PeriodValues {
  const own = monthsOfYear(year).map((key) => months.find((m) => m.period === key) ?? null);
  const values = (key: ReferenceKey) => own.map((m) => m?.[key] ?? null);
  return {
    period: String(year),
    inProgress: own.some((m) => m === null || m.inProgress),
    tn: meanOfTwelve(values("tn")),
    tx: meanOfTwelve(values("tx")),
    tnTxMean: meanOfTwelve(values("tnTxMean")),
    rr: totalOfTwelve(values("rr")),
  };
}

const yearOf = (values: PeriodValues) => Number(values.period.slice(0, 4));

function average(periods: readonly PeriodValues[], key: ReferenceKey, kind: ReferenceValue["kind"]) {
  const valid = periods
    .filter((p) => !p.inProgress && p[key] !== null)
    .map((p) => ({ year: yearOf(p), value: p[key] as number }));
  const years = valid.map((v) => v.year);
  return {
    value: valid.length ? valid.reduce((sum, v) => sum + v.value, 0) / valid.length : null,
    kind,
    years: valid.length,
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
  };
}

/**
 * The reference of one period type from all its values (e.g. every March, or every year): the WMO
 * normal for each parameter where it qualifies, else the station average.
 */
export function referenceFrom(periods: readonly PeriodValues[]): Reference {
  const inNormalPeriod = periods.filter((p) => {
    const year = yearOf(p);
    return year >= NORMAL_FIRST_YEAR && year <= NORMAL_LAST_YEAR;
  });
  const entries = REFERENCE_KEYS.map((key) => {
    const normal = average(inNormalPeriod, key, "normal");
    return [key, normal.years >= NORMAL_MIN_YEARS ? normal : average(periods, key, "average")];
  });
  return Object.fromEntries(entries) as Reference;
}

/** References of the 12 calendar months (index 0 = January) from monthly values of any years. */
export function monthlyReferences(months: readonly PeriodValues[]): Reference[] {
  return Array.from({ length: 12 }, (_, i) =>
    referenceFrom(months.filter((m) => Number(m.period.slice(5, 7)) === i + 1)),
  );
}

/** The reference of a whole year, from monthly values of any years. */
export function yearlyReference(months: readonly PeriodValues[]): Reference {
  const years = [...new Set(months.map(yearOf))];
  return referenceFrom(years.map((year) => yearValues(year, months)));
}

export interface Anomalies {
  tn: number | null;
  tx: number | null;
  tnTxMean: number | null;
  /** rain difference in mm, and the ratio to the reference (1 = as much) */
  rr: number | null;
  rrRatio: number | null;
}

/** Differences between a period and its reference (temperatures in °C, rain in mm and as a ratio). */
export function anomalies(summary: PeriodSummary, reference: Reference): Anomalies {
  const diff = (key: ReferenceKey) => {
    const value = key === "rr" ? summary.rr.total : summary[key].mean;
    const ref = reference[key].value;
    return value !== null && ref !== null ? value - ref : null;
  };
  const ref = reference.rr.value;
  return {
    tn: diff("tn"),
    tx: diff("tx"),
    tnTxMean: diff("tnTxMean"),
    rr: diff("rr"),
    rrRatio: summary.rr.total !== null && ref ? summary.rr.total / ref : null,
  };
}

/** "normale 1991–2020" or "moyenne de la station 2016–2025 (10 ans)". */
export function referenceLabel(value: ReferenceValue): string {
  if (value.value === null || value.firstYear === null) return "pas encore de référence";
  if (value.kind === "normal") return `normale OMM ${NORMAL_FIRST_YEAR}–${NORMAL_LAST_YEAR}`;
  const span =
    value.firstYear === value.lastYear ? `${value.firstYear}` : `${value.firstYear}–${value.lastYear}`;
  return `moyenne de la station ${span} (${value.years} an${value.years > 1 ? "s" : ""})`;
}

import type { PeriodSummary } from "./monthly";

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

export const REFERENCE_KEYS = ["tn", "tx", "tmoy", "rr"] as const;
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

/** The value of a summary that a reference is built from (null when not valid). */
export function referenceInput(summary: PeriodSummary, key: ReferenceKey): number | null {
  if (summary.inProgress) return null;
  return key === "rr" ? summary.rr.total : summary[key].mean;
}

const yearOf = (summary: PeriodSummary) => Number(summary.period.slice(0, 4));

function average(summaries: readonly PeriodSummary[], key: ReferenceKey, kind: ReferenceValue["kind"]) {
  const valid = summaries
    .map((s) => ({ year: yearOf(s), value: referenceInput(s, key) }))
    .filter((v): v is { year: number; value: number } => v.value !== null);
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
 * The reference of one period type from all its summaries (e.g. every March, or every year): the WMO
 * normal for each parameter where it qualifies, else the station average.
 */
export function referenceFrom(summaries: readonly PeriodSummary[]): Reference {
  const inNormalPeriod = summaries.filter((s) => {
    const year = yearOf(s);
    return year >= NORMAL_FIRST_YEAR && year <= NORMAL_LAST_YEAR;
  });
  const entries = REFERENCE_KEYS.map((key) => {
    const normal = average(inNormalPeriod, key, "normal");
    return [key, normal.years >= NORMAL_MIN_YEARS ? normal : average(summaries, key, "average")];
  });
  return Object.fromEntries(entries) as Reference;
}

/** References of the 12 calendar months (index 0 = January) from monthly summaries of any years. */
export function monthlyReferences(summaries: readonly PeriodSummary[]): Reference[] {
  return Array.from({ length: 12 }, (_, i) =>
    referenceFrom(summaries.filter((s) => Number(s.period.slice(5, 7)) === i + 1)),
  );
}

export interface Anomalies {
  tn: number | null;
  tx: number | null;
  tmoy: number | null;
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
    tmoy: diff("tmoy"),
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

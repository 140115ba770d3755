import type { Pool } from "mysql2/promise";
import { appSqlPool } from "../db/client";
import type { Station } from "../generated/prisma/client";
import { addDays, daysOfMonth, localToday, monthsBetween, monthsOfYear } from "../time";
import type { ClimateColumn, ClimateDay } from "./daily";
import {
  daysByMonth,
  decadesOf,
  lastFinalDay,
  type PeriodSummary,
  summarizeDays,
  summarizeMonth,
  summarizeYear,
} from "./monthly";
import {
  type Anomalies,
  anomalies,
  monthlyReferences,
  type Reference,
  sameDaysReference,
  yearlyReference,
} from "./normals";
import { type Candidate, type RankBadge, type RecordTable, rankBadges, recordTables } from "./records";
import { climateExtent, readClimateDays, readClimateMonths, readRecordCandidates } from "./store";

/**
 * What the climatology pages, reports and API read: a few queries on ClimateDay (never the raw
 * archive), then the pure functions of this folder. `at` is the time of the view (default now).
 */

const now = () => Math.floor(Date.now() / 1000);
/** What the views need of a station: its id (plain data, so a cached station record will do). */
export type ClimateStation = Pick<Station, "id">;
/** What monthly summaries and references read from each day. */
const SUMMARY_COLUMNS: readonly ClimateColumn[] = [
  "partial",
  "tn",
  "tnAt",
  "tx",
  "txAt",
  "tnTxMean",
  "tmean",
  "t24",
  "t8",
  "rr",
  "rrRateMax",
  "rrRateMaxAt",
  "gustMax",
  "gustDir",
  "gustAt",
];

export interface Extent {
  first: string;
  last: string;
}

/** Groups days by "YYYY-MM" and summarizes every month from the first to the last. */
export function summarizeMonths(days: readonly ClimateDay[], at: number): PeriodSummary[] {
  if (days.length === 0) return [];
  const byMonth = daysByMonth(days);
  return monthsBetween(days[0].date, days.at(-1)!.date).map((key) =>
    summarizeMonth(key, byMonth.get(key) ?? [], at),
  );
}

/** Yearly summaries from monthly ones (the 12 months of each year, missing ones counted as empty). */
export function summarizeYears(months: readonly PeriodSummary[], at: number): PeriodSummary[] {
  const years = [...new Set(months.map((m) => Number(m.period.slice(0, 4))))];
  return years.map((year) => {
    const own = monthsOfYear(year).map(
      (key) => months.find((m) => m.period === key) ?? summarizeMonth(key, [], at),
    );
    return summarizeYear(year, own);
  });
}

/** The references (normal or station average) of every calendar month and of the year. */
async function references(sql: Pool, station: ClimateStation) {
  const months = await readClimateMonths(sql, station.id);
  return { monthly: monthlyReferences(months), yearly: yearlyReference(months) };
}

/** The first and last day a period in progress is compared over (null for a whole period). */
export type SameDays = { first: string; last: string } | null;

/**
 * The reference a period is compared with: the whole period's, or, while it is in progress, that of
 * the days it has so far (a December after 5 days against the normals of December 1–5).
 */
function comparedReference(
  monthly: readonly Reference[],
  whole: Reference,
  calendar: readonly string[],
  summary: PeriodSummary,
): { reference: Reference; sameDays: SameDays } {
  if (!summary.inProgress || summary.daysExpected === 0) return { reference: whole, sameDays: null };
  const days = calendar.slice(0, summary.daysExpected);
  return {
    reference: sameDaysReference(monthly, whole, days),
    sameDays: { first: days[0], last: days.at(-1)! },
  };
}

export interface MonthView {
  month: string;
  days: ClimateDay[];
  summary: PeriodSummary;
  /** the month's three décades (1–10, 11–20, 21–end) */
  decades: PeriodSummary[];
  /** the references of the 12 calendar months (for each day's normal: dayNormal) */
  monthlyReferences: Reference[];
  reference: Reference;
  sameDays: SameDays;
  anomalies: Anomalies;
  extent: Extent | null;
}

export async function monthView(
  station: ClimateStation,
  month: string,
  at = now(),
  sql = appSqlPool(),
): Promise<MonthView> {
  const calendar = daysOfMonth(month);
  const [days, refs, extent] = await Promise.all([
    readClimateDays(sql, station.id, calendar[0], calendar.at(-1)!),
    references(sql, station),
    climateExtent(sql, station.id),
  ]);
  const summary = summarizeMonth(month, days, at);
  const whole = refs.monthly[Number(month.slice(5, 7)) - 1];
  const { reference, sameDays } = comparedReference(refs.monthly, whole, calendar, summary);
  const decades = decadesOf(month).map((decade) => summarizeDays(decade.label, decade.days, days, at));
  return {
    month,
    days,
    summary,
    decades,
    monthlyReferences: refs.monthly,
    reference,
    sameDays,
    anomalies: anomalies(summary, reference),
    extent,
  };
}

export interface YearView {
  year: number;
  months: PeriodSummary[];
  summary: PeriodSummary;
  monthlyReferences: Reference[];
  /** each month against its reference (that of its days so far, for the month in progress) */
  monthlyAnomalies: Anomalies[];
  reference: Reference;
  sameDays: SameDays;
  anomalies: Anomalies;
  extent: Extent | null;
}

export async function yearView(
  station: ClimateStation,
  year: number,
  at = now(),
  sql = appSqlPool(),
): Promise<YearView> {
  const [days, refs, extent] = await Promise.all([
    readClimateDays(sql, station.id, `${year}-01-01`, `${year}-12-31`, SUMMARY_COLUMNS),
    references(sql, station),
    climateExtent(sql, station.id),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => {
    const key = `${year}-${String(i + 1).padStart(2, "0")}`;
    return summarizeMonth(key, days, at);
  });
  const summary = summarizeYear(year, months);
  const calendar = monthsOfYear(year).flatMap((month) => daysOfMonth(month));
  const { reference, sameDays } = comparedReference(refs.monthly, refs.yearly, calendar, summary);
  const monthlyAnomalies = months.map((m, i) => {
    const compared = comparedReference(refs.monthly, refs.monthly[i], daysOfMonth(m.period), m);
    return anomalies(m, compared.reference);
  });
  return {
    year,
    months,
    summary,
    monthlyReferences: refs.monthly,
    monthlyAnomalies,
    reference,
    sameDays,
    anomalies: anomalies(summary, reference),
    extent,
  };
}

/** Every year of the station's history, with its months. */
export async function historyView(station: ClimateStation, at = now(), sql = appSqlPool()) {
  const days = await readClimateDays(sql, station.id, null, null, SUMMARY_COLUMNS);
  const months = summarizeMonths(days, at);
  return {
    months,
    years: summarizeYears(months, at),
    extent: days.length ? { first: days[0].date, last: days.at(-1)!.date } : null,
  };
}

export async function recordsView(
  station: ClimateStation,
  limit: number,
  sql = appSqlPool(),
): Promise<RecordTable[]> {
  return recordTables(await readRecordCandidates(sql, station.id, limit));
}

export interface RecordsPageView {
  tables: RecordTable[];
  /** each parameter's best final day of the current month and of the current year */
  month: Map<string, Candidate[]>;
  year: Map<string, Candidate[]>;
  /** "YYYY-MM" of `month` */
  monthKey: string;
}

/** The records page: the top `limit` days, and the best of this month and this year beside them. */
export async function recordsPageView(
  station: ClimateStation,
  limit: number,
  at = now(),
  sql = appSqlPool(),
): Promise<RecordsPageView> {
  const monthKey = currentMonth(at);
  const [tables, month, year] = await Promise.all([
    recordsView(station, limit, sql),
    readRecordCandidates(sql, station.id, 1, `${monthKey}-01`),
    readRecordCandidates(sql, station.id, 1, `${monthKey.slice(0, 4)}-01-01`),
  ]);
  return { tables, month, year, monthKey };
}

/**
 * A day's climatology and rank badges (top 30 of the station), for the day page: null when the day has
 * not been computed (no data, or the job has not run yet).
 */
export async function dayClimate(
  station: Station,
  date: string,
  sql = appSqlPool(),
): Promise<{ day: ClimateDay | null; badges: RankBadge[] }> {
  const [[day], tables] = await Promise.all([
    readClimateDays(sql, station.id, date, date),
    recordsView(station, 30, sql),
  ]);
  return { day: day ?? null, badges: day ? rankBadges(tables, date) : [] };
}

/** What the "hier" block shows. */
const YESTERDAY_COLUMNS: readonly ClimateColumn[] = [
  "partial",
  "tn",
  "tnAt",
  "tx",
  "txAt",
  "rr",
  "gustMax",
  "gustDir",
  "gustAt",
];

/** Yesterday's climatology (the station's local yesterday), for the "hier" block of the home: null when not computed. */
export async function yesterdayClimate(
  station: Pick<Station, "id" | "timezone">,
  at = now(),
  sql = appSqlPool(),
): Promise<ClimateDay | null> {
  const date = addDays(localToday(station.timezone, at), -1);
  const [day] = await readClimateDays(sql, station.id, date, date, YESTERDAY_COLUMNS);
  return day ?? null;
}

export interface CoverageRow {
  month: string;
  /** days that should have data: from the station's first day to the last final day */
  expected: number;
  /** days with any record */
  present: number;
  /** mean coverage of the Tn and Tx windows over the expected days (a day without records counts 0) */
  tnMean: number;
  txMean: number;
  /** days whose Tn or Tx window is below 80 % (no value published) */
  below80: number;
  /** days whose Tn or Tx window is at most 95 % (the day page warns about them) */
  atMost95: number;
}

/** Reliability: the daily coverage of the Tn and Tx windows, month by month (the legacy index). */
export function coverageByMonth(days: readonly ClimateDay[], at: number): CoverageRow[] {
  const final = days.filter((d) => !d.partial);
  if (final.length === 0) return [];
  const first = final[0].date;
  const lastFinal = lastFinalDay(at);
  return monthsBetween(first, lastFinal).map((month) => {
    const expected = daysOfMonth(month).filter((d) => d >= first && d <= lastFinal).length;
    const own = final.filter((d) => d.date.startsWith(month));
    const missing = expected - own.length;
    const worst = own.map((d) => Math.min(d.tnCoverage, d.txCoverage));
    return {
      month,
      expected,
      present: own.length,
      tnMean: own.reduce((sum, d) => sum + d.tnCoverage, 0) / expected,
      txMean: own.reduce((sum, d) => sum + d.txCoverage, 0) / expected,
      below80: missing + worst.filter((c) => c < 0.8).length,
      atMost95: missing + worst.filter((c) => c <= 0.95).length,
    };
  });
}

export async function reliabilityView(station: ClimateStation, at = now(), sql = appSqlPool()) {
  const days = await readClimateDays(sql, station.id, null, null, ["partial", "tnCoverage", "txCoverage"]);
  return coverageByMonth(days, at);
}

export interface NetworkRow {
  station: Station;
  summary: PeriodSummary;
  reference: Reference;
  anomalies: Anomalies;
}

/** One month for every station of the network, with each station's own reference. */
export async function networkMonth(
  stations: readonly Station[],
  month: string,
  at = now(),
  sql = appSqlPool(),
) {
  return Promise.all(
    stations.map(async (station): Promise<NetworkRow> => {
      const view = await monthView(station, month, at, sql);
      return { station, summary: view.summary, reference: view.reference, anomalies: view.anomalies };
    }),
  );
}

/** The newest month with a final day (the default month of the pages), or null without data. */
export function currentMonth(at = now()): string {
  return lastFinalDay(at).slice(0, 7);
}

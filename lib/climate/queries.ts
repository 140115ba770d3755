import type { Pool } from "mysql2/promise";
import { appSqlPool } from "../db/client";
import type { Station } from "../generated/prisma/client";
import { daysOfMonth, monthsBetween, monthsOfYear } from "../time";
import type { ClimateColumn, ClimateDay } from "./daily";
import { daysByMonth, lastFinalDay, type PeriodSummary, summarizeMonth, summarizeYear } from "./monthly";
import { type Anomalies, anomalies, monthlyReferences, type Reference, yearlyReference } from "./normals";
import { type RankBadge, type RecordTable, rankBadges, recordTables } from "./records";
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

export interface MonthView {
  month: string;
  days: ClimateDay[];
  summary: PeriodSummary;
  reference: Reference;
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
  const reference = refs.monthly[Number(month.slice(5, 7)) - 1];
  return { month, days, summary, reference, anomalies: anomalies(summary, reference), extent };
}

export interface YearView {
  year: number;
  months: PeriodSummary[];
  summary: PeriodSummary;
  monthlyReferences: Reference[];
  reference: Reference;
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
  return {
    year,
    months,
    summary,
    monthlyReferences: refs.monthly,
    reference: refs.yearly,
    anomalies: anomalies(summary, refs.yearly),
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

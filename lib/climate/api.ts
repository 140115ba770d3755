import { ApiError } from "../api";
import { toCsv } from "../csv";
import { findStation } from "../stations";
import type { ClimateDay } from "./daily";
import type { Extreme, PeriodSummary } from "./monthly";
import type { RecordTable } from "./records";

/**
 * The open-data climatology API (/api/v1/stations/{slug}/climate/…): response bodies as pure functions
 * of the domain values, JSON or CSV. Temperatures in °C, rain in mm, rain rate in mm/h, wind in km/h,
 * coverages as fractions (0–1), times ISO-8601 UTC, null where a value is not computable.
 */

export const API_HEADERS = {
  "Cache-Control": "public, max-age=60",
  "Access-Control-Allow-Origin": "*",
};

const iso = (t: number | null | undefined) => (t == null ? null : new Date(t * 1000).toISOString());
const cover = (v: number) => Math.round(v * 10_000) / 10_000;

/** The station of an API request, or a 404 with a French message. */
export async function apiStation(slug: string) {
  const station = await findStation(slug);
  if (!station) throw new ApiError(404, `Station inconnue : ${slug}`);
  return station;
}

export function respond(body: unknown, csv: string | null, fileName: string): Response {
  if (csv !== null) {
    return new Response(csv, {
      headers: {
        ...API_HEADERS,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}.csv"`,
      },
    });
  }
  return Response.json(body, { headers: API_HEADERS });
}

export function dailyJson(day: ClimateDay) {
  return {
    date: day.date,
    tn: day.tn,
    tnTime: iso(day.tnAt),
    tx: day.tx,
    txTime: iso(day.txAt),
    tmoy: day.tmoy,
    rr: day.rr,
    rrRateMax: day.rrRateMax,
    gustMax: day.gustMax,
    gustDir: day.gustDir,
    coverage: { tn: cover(day.tnCoverage), tx: cover(day.txCoverage), rr: cover(day.rrCoverage) },
    partial: day.partial,
  };
}

export function dailyCsv(days: readonly ClimateDay[]): string {
  return toCsv(
    [
      "date",
      "tn",
      "tnTime",
      "tx",
      "txTime",
      "tmoy",
      "rr",
      "rrRateMax",
      "gustMax",
      "gustDir",
      "coverageTn",
      "coverageTx",
      "coverageRr",
      "partial",
    ],
    days.map((day) => {
      const d = dailyJson(day);
      return [
        d.date,
        d.tn,
        d.tnTime,
        d.tx,
        d.txTime,
        d.tmoy,
        d.rr,
        d.rrRateMax,
        d.gustMax,
        d.gustDir,
        d.coverage.tn,
        d.coverage.tx,
        d.coverage.rr,
        d.partial,
      ];
    }),
  );
}

const extremeJson = (e: Extreme | null) => (e ? { value: e.value, date: e.date, time: iso(e.at) } : null);

/** A month or a year: means (11/5 rule), RR total only when complete (the partial sum apart), extremes, counts, DJU. */
export function periodJson(summary: PeriodSummary) {
  const { extremes, counts } = summary;
  return {
    period: summary.period,
    inProgress: summary.inProgress,
    daysExpected: summary.daysExpected,
    tn: summary.tn.mean,
    tx: summary.tx.mean,
    tmoy: summary.tmoy.mean,
    tmean: summary.tmean.mean,
    missing: { tn: summary.tn.missing, tx: summary.tx.missing, rr: summary.rr.missing },
    rr: summary.rr.total,
    /** the sum of the days present when the total is incomplete (null when complete) */
    rrIncompleteSum: summary.rr.total === null ? summary.rr.sum : null,
    extremes: {
      tnMin: extremeJson(extremes.tnMin),
      tnMax: extremeJson(extremes.tnMax),
      txMax: extremeJson(extremes.txMax),
      txMin: extremeJson(extremes.txMin),
      rrMax: extremes.rrMax ? { value: extremes.rrMax.value, date: extremes.rrMax.date } : null,
      rrRateMax: extremeJson(extremes.rrRateMax),
      gustMax: extremes.gustMax ? { ...extremeJson(extremes.gustMax), dir: extremes.gustMax.dir } : null,
    },
    counts,
    dju: summary.dju.sum,
    djuComplete: summary.dju.complete,
  };
}

export function periodsCsv(summaries: readonly PeriodSummary[]): string {
  return toCsv(
    [
      "period",
      "inProgress",
      "tn",
      "tx",
      "tmoy",
      "tnMissing",
      "txMissing",
      "rr",
      "rrIncompleteSum",
      "rrMissing",
      "tnMin",
      "tnMinDate",
      "txMax",
      "txMaxDate",
      "rrMax",
      "rrMaxDate",
      "gustMax",
      "gustMaxDate",
      "txLe0",
      "txGe25",
      "txGe30",
      "txGe35",
      "tnLe0",
      "tnLeMinus5",
      "tnGe20",
      "rrGe1",
      "rrGe5",
      "rrGe10",
      "rrGe30",
      "rrGe50",
      "rrGe100",
      "dju",
    ],
    summaries.map((s) => {
      const p = periodJson(s);
      const c = s.counts;
      return [
        p.period,
        p.inProgress,
        p.tn,
        p.tx,
        p.tmoy,
        p.missing.tn,
        p.missing.tx,
        p.rr,
        p.rrIncompleteSum,
        p.missing.rr,
        p.extremes.tnMin?.value,
        p.extremes.tnMin?.date,
        p.extremes.txMax?.value,
        p.extremes.txMax?.date,
        p.extremes.rrMax?.value,
        p.extremes.rrMax?.date,
        p.extremes.gustMax?.value,
        p.extremes.gustMax?.date,
        c.txLe0,
        c.txGe25,
        c.txGe30,
        c.txGe35,
        c.tnLe0,
        c.tnLeMinus5,
        c.tnGe20,
        c.rrGe1,
        c.rrGe5,
        c.rrGe10,
        c.rrGe30,
        c.rrGe50,
        c.rrGe100,
        p.dju,
      ];
    }),
  );
}

export function recordsJson(tables: readonly RecordTable[]) {
  return tables.map(({ parameter, entries }) => ({
    parameter: parameter.key,
    label: parameter.label,
    unit: parameter.unit,
    entries: entries.map((e) => ({ rank: e.rank, date: e.date, value: e.value, time: iso(e.at) })),
  }));
}

export function recordsCsv(tables: readonly RecordTable[]): string {
  return toCsv(
    ["parameter", "rank", "date", "value", "unit", "time"],
    recordsJson(tables).flatMap((t) =>
      t.entries.map((e) => [t.parameter, e.rank, e.date, e.value, t.unit, e.time]),
    ),
  );
}

import type { ClimateDay } from "../climate/daily";
import type { Extreme, PeriodSummary } from "../climate/monthly";
import type { RecordTable } from "../climate/records";
import { toCsv } from "../format/csv";
import { type Quantity, roundAs, roundHalfAway } from "../format/numbers";
import type { QualityCount, RecordQuality } from "../qc/store";

/**
 * The shapes of the open-data climatology API (/api/v1/stations/{slug}/climate/…), as pure functions of
 * the domain values, JSON or CSV. Temperatures in °C, rain in mm, rain rate in mm/h, wind in km/h,
 * each rounded to its quantity's decimals (lib/format/numbers DECIMALS, as the pages show them); coverages as
 * fractions (0–1), times ISO-8601 UTC, null where a value is not computable.
 */

const iso = (t: number | null | undefined) => (t == null ? null : new Date(t * 1000).toISOString());
const cover = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * A day's climatology; `quality`: the values the quality control flagged in its windows, left out
 * (erroneous) or kept (suspect).
 */
export function dailyJson(day: ClimateDay, quality: QualityCount = { erroneous: 0, suspect: 0 }) {
  return {
    date: day.date,
    tn: roundAs(day.tn, "temperature"),
    tnTime: iso(day.tnAt),
    tx: roundAs(day.tx, "temperature"),
    txTime: iso(day.txAt),
    tnTxMean: roundAs(day.tnTxMean, "temperature"),
    /** the former name of tnTxMean, still given for the clients that read it (documented on /api) */
    tmoy: roundAs(day.tnTxMean, "temperature"),
    rr: roundAs(day.rr, "rain"),
    rrRateMax: roundAs(day.rrRateMax, "rainRate"),
    gustMax: roundAs(day.gustMax, "speed"),
    gustDir: roundAs(day.gustDir, "direction"),
    coverage: { tn: cover(day.tnCoverage), tx: cover(day.txCoverage), rr: cover(day.rrCoverage) },
    quality: { erroneous: quality.erroneous, suspect: quality.suspect },
    partial: day.partial,
  };
}

export function dailyCsv(
  days: readonly ClimateDay[],
  qualityOf: (date: string) => QualityCount | undefined = () => undefined,
): string {
  return toCsv(
    [
      "date",
      "tn",
      "tnTime",
      "tx",
      "txTime",
      "tnTxMean",
      "rr",
      "rrRateMax",
      "gustMax",
      "gustDir",
      "coverageTn",
      "coverageTx",
      "coverageRr",
      "qcErroneous",
      "qcSuspect",
      "partial",
    ],
    days.map((day) => {
      const d = dailyJson(day, qualityOf(day.date));
      return [
        d.date,
        d.tn,
        d.tnTime,
        d.tx,
        d.txTime,
        d.tnTxMean,
        d.rr,
        d.rrRateMax,
        d.gustMax,
        d.gustDir,
        d.coverage.tn,
        d.coverage.tx,
        d.coverage.rr,
        d.quality.erroneous,
        d.quality.suspect,
        d.partial,
      ];
    }),
  );
}

const extremeJson = (e: Extreme | null, quantity: Quantity) =>
  e ? { value: roundAs(e.value, quantity), date: e.date, time: iso(e.at) } : null;

/**
 * A month or a year: means (11/5 rule), RR total only when complete (the partial sum apart), extremes,
 * counts, DJU; `quality`: the values the quality control flagged in its days' windows (as dailyJson).
 */
export function periodJson(summary: PeriodSummary, quality: QualityCount = { erroneous: 0, suspect: 0 }) {
  const { extremes, counts } = summary;
  return {
    period: summary.period,
    inProgress: summary.inProgress,
    daysExpected: summary.daysExpected,
    tn: roundAs(summary.tn.mean, "temperature"),
    tx: roundAs(summary.tx.mean, "temperature"),
    tnTxMean: roundAs(summary.tnTxMean.mean, "temperature"),
    /** the former name of tnTxMean, still given (documented on /api) */
    tmoy: roundAs(summary.tnTxMean.mean, "temperature"),
    tmean: roundAs(summary.tmean.mean, "temperature"),
    missing: { tn: summary.tn.missing, tx: summary.tx.missing, rr: summary.rr.missing },
    rr: roundAs(summary.rr.total, "rain"),
    /** the sum of the days present when the total is incomplete (null when complete) */
    rrIncompleteSum: summary.rr.total === null ? roundAs(summary.rr.sum, "rain") : null,
    extremes: {
      tnMin: extremeJson(extremes.tnMin, "temperature"),
      tnMax: extremeJson(extremes.tnMax, "temperature"),
      txMax: extremeJson(extremes.txMax, "temperature"),
      txMin: extremeJson(extremes.txMin, "temperature"),
      rrMax: extremes.rrMax
        ? { value: roundAs(extremes.rrMax.value, "rain"), date: extremes.rrMax.date }
        : null,
      rrRateMax: extremeJson(extremes.rrRateMax, "rainRate"),
      gustMax: extremes.gustMax
        ? {
            ...extremeJson(extremes.gustMax, "speed"),
            dir: roundAs(extremes.gustMax.dir, "direction"),
          }
        : null,
    },
    counts,
    dju: roundAs(summary.dju.sum, "degreeDays"),
    djuComplete: summary.dju.complete,
    quality: { erroneous: quality.erroneous, suspect: quality.suspect },
  };
}

export function periodsCsv(
  summaries: readonly PeriodSummary[],
  qualityOf: (period: string) => QualityCount | undefined = () => undefined,
): string {
  return toCsv(
    [
      "period",
      "inProgress",
      "tn",
      "tx",
      "tnTxMean",
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
      "qcErroneous",
      "qcSuspect",
    ],
    summaries.map((s) => {
      const p = periodJson(s, qualityOf(s.period));
      const c = s.counts;
      return [
        p.period,
        p.inProgress,
        p.tn,
        p.tx,
        p.tnTxMean,
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
        p.quality.erroneous,
        p.quality.suspect,
      ];
    }),
  );
}

/**
 * The top days per parameter; each entry's `quality`: the values of its parameter's sensors the quality
 * control flagged in that day's windows (as the records page marks them).
 */
export function recordsJson(
  tables: readonly RecordTable[],
  qualityOf: RecordQuality = () => ({ erroneous: 0, suspect: 0 }),
) {
  return tables.map(({ parameter, entries }) => ({
    parameter: parameter.key,
    label: parameter.label,
    unit: parameter.unit,
    entries: entries.map((e) => {
      const quality = qualityOf(parameter, e.date);
      return {
        rank: e.rank,
        date: e.date,
        value: roundHalfAway(e.value, parameter.decimals),
        time: iso(e.at),
        quality: { erroneous: quality.erroneous, suspect: quality.suspect },
      };
    }),
  }));
}

export function recordsCsv(tables: readonly RecordTable[], qualityOf?: RecordQuality): string {
  return toCsv(
    ["parameter", "rank", "date", "value", "unit", "time", "qcErroneous", "qcSuspect"],
    recordsJson(tables, qualityOf).flatMap((t) =>
      t.entries.map((e) => [
        t.parameter,
        e.rank,
        e.date,
        e.value,
        t.unit,
        e.time,
        e.quality.erroneous,
        e.quality.suspect,
      ]),
    ),
  );
}

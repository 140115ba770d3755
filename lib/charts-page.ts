import { ArchiveError, archives } from "./archive/reader";
import type { Station } from "./generated/prisma/client";
import type { SeriesRow } from "./series/compute";
import { CHART_FIELDS, type Field } from "./series/fields";
import { loadSeries, type SeriesStation } from "./series/load";
import { type DayMarks, dailyMarks } from "./series/marks";
import { autoStep, MAX_POINTS, STEP_SECONDS, type Step } from "./series/steps";
import { describeUnavailable } from "./stations";
import { daysBetween, isCalendarDay, localDayBounds } from "./time";
import { type WindRose, windRose } from "./weather/rose";
import { nightPeriods } from "./weather/sun";

/**
 * The charts page of a station: a period (a preset relative to the newest record, or a custom range of
 * local days), its series at a step that keeps every chart under ~2,000 points, the wind rose, night
 * shading and Tn/Tx/RR labels for periods of a week or less.
 */

export const PRESETS = {
  "24h": { label: "24 heures", seconds: 86400, step: "raw" },
  "48h": { label: "48 heures", seconds: 2 * 86400, step: "10m" },
  "7j": { label: "7 jours", seconds: 7 * 86400, step: "1h" },
  "30j": { label: "30 jours", seconds: 30 * 86400, step: "3h" },
  "1an": { label: "1 an", seconds: 365 * 86400, step: "1d" },
} as const satisfies Record<string, { label: string; seconds: number; step: Step }>;

export type PresetKey = keyof typeof PRESETS;

export type ChartPeriod =
  | { kind: "preset"; key: PresetKey }
  | { kind: "range"; fromDay: string; toDay: string };

/** Longest custom range: about five years keeps daily points under 2,000. */
export const MAX_RANGE_DAYS = Math.floor(MAX_POINTS * 0.9);

/** The period of a charts URL: /graphiques, /graphiques/7j or /graphiques/2025-06-01..2025-06-30; null if invalid. */
export function parsePeriod(segments: readonly string[] | undefined): ChartPeriod | null {
  if (!segments || segments.length === 0) return { kind: "preset", key: "24h" };
  if (segments.length !== 1) return null;
  const [segment] = segments;
  if (Object.hasOwn(PRESETS, segment)) return { kind: "preset", key: segment as PresetKey };
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(decodeURIComponent(segment));
  if (!match) return null;
  const [, fromDay, toDay] = match;
  if (!validRange(fromDay, toDay)) return null;
  return { kind: "range", fromDay, toDay };
}

/** A custom range is two real days, in order, at most MAX_RANGE_DAYS apart. */
export function validRange(fromDay: string, toDay: string): boolean {
  if (!isCalendarDay(fromDay) || !isCalendarDay(toDay) || fromDay > toDay) return false;
  return daysBetween(fromDay, toDay) <= MAX_RANGE_DAYS;
}

export const periodPath = (period: ChartPeriod) =>
  period.kind === "preset" ? `/graphiques/${period.key}` : `/graphiques/${period.fromDay}..${period.toDay}`;

/** (from, to] and step of a period; presets end at the newest record (an offline station shows its last days). */
export function periodRange(
  period: ChartPeriod,
  newest: number,
  timeZone: string,
): { from: number; to: number; step: Step } {
  if (period.kind === "preset") {
    const { seconds, step } = PRESETS[period.key];
    return { from: newest - seconds, to: newest, step };
  }
  const from = localDayBounds(period.fromDay, timeZone).start;
  const to = localDayBounds(period.toDay, timeZone).end;
  return { from, to, step: autoStep(from, to) };
}

export type ChartStation = SeriesStation &
  Pick<Station, "slug" | "latitude" | "longitude" | "hasUv" | "hasRadiation">;

export interface ChartsPageData {
  from: number;
  to: number;
  step: Step;
  rows: SeriesRow[];
  rose: WindRose;
  marks: DayMarks[];
  shade: [number, number][];
}

/** The fields the charts draw for a station (solar ones only when it has the sensors). */
export function chartFields(station: Pick<Station, "hasUv" | "hasRadiation">): Field[] {
  return [
    ...CHART_FIELDS,
    ...(station.hasUv ? (["UV"] as const) : []),
    ...(station.hasRadiation ? (["radiation", "ET"] as const) : []),
  ];
}

const MARKS_UP_TO = 8 * 86400;
const SHADE_UP_TO = 31 * 86400;

export async function loadChartsPage(
  station: ChartStation,
  period: ChartPeriod,
): Promise<{ data: ChartsPageData | null; unavailable: string | null }> {
  try {
    const newest =
      period.kind === "preset"
        ? await archives().newestDateTime(station.archiveDatabase)
        : Math.floor(Date.now() / 1000);
    if (newest === null) return { data: null, unavailable: null };
    const { from, to, step } = periodRange(period, newest, station.timezone);
    const series = await loadSeries(station, { from, to, step, fields: chartFields(station) });
    const rows = series.rows;
    // The rose from samples at least as fine as an hour (hourly aggregates for long periods).
    const fine = STEP_SECONDS[step] <= 3600;
    const [windRows, hourRows] = await Promise.all([
      fine
        ? rows
        : loadSeries(station, { from, to, step: "1h", fields: ["windSpeed", "windDir"] }).then((s) => s.rows),
      to - from > MARKS_UP_TO
        ? []
        : step === "1h"
          ? rows
          : loadSeries(station, { from: from - 12 * 3600, to, step: "1h", fields: ["outTemp", "rain"] }).then(
              (s) => s.rows,
            ),
    ]);
    const rose = windRose(
      windRows.map((row) => ({
        direction: row.windDir,
        speed: row.windSpeed,
        weight: (row.time - row.start) / 60,
      })),
    );
    const marks = dailyMarks(hourRows)
      .map((m) => ({
        ...m,
        tn: m.tn && m.tn.at > from && m.tn.at <= to ? m.tn : null,
        tx: m.tx && m.tx.at > from && m.tx.at <= to ? m.tx : null,
        // A rain day still running is labelled at the end of the chart.
        rr: m.rr && m.rr.at > from && m.rr.at - 86400 < to ? { ...m.rr, at: Math.min(m.rr.at, to) } : null,
      }))
      .filter((m) => m.tn || m.tx || m.rr);
    const shade =
      to - from <= SHADE_UP_TO
        ? nightPeriods(series.from, series.to, station.latitude, station.longitude)
        : [];
    return { data: { from: series.from, to: series.to, step, rows, rose, marks, shade }, unavailable: null };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`station ${station.slug}: ${error.message}`);
    return { data: null, unavailable: describeUnavailable(error) };
  }
}

import { type Aggregate, type Measure, meanOf, prefixOf } from "../aggregates/compute";
import { type AggregateColumn, readHours } from "../aggregates/store";
import { ArchiveError, archives } from "../archive/reader";
import { appSqlPool } from "../db/client";
import type { Station } from "../generated/prisma/client";
import { describeUnavailable } from "../stations/queries";

/**
 * The station admin's technical charts: indoor sensors (console temperature and humidity), radio
 * reception and console battery, over 48 hours (raw records), 7 or 30 days (hourly aggregates).
 */

export const CONSOLE_PERIODS = {
  "48h": { seconds: 48 * 3600, label: "48 heures" },
  "7j": { seconds: 7 * 86400, label: "7 jours" },
  "30j": { seconds: 30 * 86400, label: "30 jours" },
} as const;
export type ConsolePeriod = keyof typeof CONSOLE_PERIODS;

export const CONSOLE_MEASURES = [
  { measure: "inTemp", label: "Température intérieure", unit: "°C", decimals: 1 },
  { measure: "inHumidity", label: "Humidité intérieure", unit: "%", decimals: 0 },
  { measure: "rxCheckPercent", label: "Réception radio", unit: "%", decimals: 0 },
  { measure: "consBatteryVoltage", label: "Batterie de la console", unit: "V", decimals: 2 },
] as const satisfies readonly { measure: Measure; label: string; unit: string; decimals: number }[];

export type ConsoleMeasure = (typeof CONSOLE_MEASURES)[number]["measure"];
type Point = [number, number | null];

export interface ConsoleSeries {
  /** Raw values, or hourly means. */
  values: Point[];
  /** Hourly minima and maxima (empty for raw records). */
  min: Point[];
  max: Point[];
  /** Over the whole period. */
  lowest: { value: number; at: number } | null;
  highest: { value: number; at: number } | null;
  latest: { value: number; at: number } | null;
}

export interface ConsoleData {
  from: number;
  to: number;
  hourly: boolean;
  series: Record<ConsoleMeasure, ConsoleSeries>;
  unavailable: string | null;
}

function emptySeries(): ConsoleSeries {
  return { values: [], min: [], max: [], lowest: null, highest: null, latest: null };
}

function track(
  series: ConsoleSeries,
  low: number | null,
  lowAt: number,
  high: number | null,
  highAt: number,
) {
  if (low !== null && (!series.lowest || low < series.lowest.value))
    series.lowest = { value: low, at: lowAt };
  if (high !== null && (!series.highest || high > series.highest.value))
    series.highest = { value: high, at: highAt };
}

export function isConsolePeriod(value: string | undefined): value is ConsolePeriod {
  return value !== undefined && Object.hasOwn(CONSOLE_PERIODS, value);
}

/** The series of (from, to] with to = `now`. */
export async function consoleData(
  station: Station,
  period: ConsolePeriod,
  now: number,
): Promise<ConsoleData> {
  const to = Math.floor(now);
  const from = to - CONSOLE_PERIODS[period].seconds;
  const measures = CONSOLE_MEASURES.map((m) => m.measure);
  const series = Object.fromEntries(measures.map((m) => [m, emptySeries()])) as Record<
    ConsoleMeasure,
    ConsoleSeries
  >;
  const hourly = period !== "48h";
  if (!hourly) {
    try {
      for (const record of await archives().range(station.archiveDatabase, from, to, measures)) {
        for (const m of measures) {
          const value = record[m];
          if (value == null) continue;
          const s = series[m];
          s.values.push([record.dateTime, value]);
          track(s, value, record.dateTime, value, record.dateTime);
          s.latest = { value, at: record.dateTime };
        }
      }
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      return { from, to, hourly, series, unavailable: describeUnavailable(error) };
    }
    return { from, to, hourly, series, unavailable: null };
  }
  const columns = measures.flatMap((m) => {
    const p = prefixOf(m);
    return [`${p}Min`, `${p}MinAt`, `${p}Max`, `${p}MaxAt`, `${p}Sum`, `${p}N`] as AggregateColumn[];
  });
  for (const { start, aggregate } of await readHours(appSqlPool(), station.id, from, to, columns)) {
    const middle = start + 1800; // an hourly value is drawn at the middle of its hour
    const a = aggregate as Aggregate & Record<string, number | null>;
    for (const m of measures) {
      const mean = meanOf(aggregate, m);
      if (mean === null) continue;
      const p = prefixOf(m);
      const s = series[m];
      s.values.push([middle, mean]);
      s.min.push([middle, a[`${p}Min`]]);
      s.max.push([middle, a[`${p}Max`]]);
      track(s, a[`${p}Min`], a[`${p}MinAt`] ?? middle, a[`${p}Max`], a[`${p}MaxAt`] ?? middle);
      s.latest = { value: mean, at: middle };
    }
  }
  return { from, to, hourly, series, unavailable: null };
}

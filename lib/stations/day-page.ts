import {
  type Aggregate,
  aggregateRecords,
  meanOf,
  meanWindDirection,
  meanWindSpeed,
} from "../aggregates/compute";
import { ArchiveError, type Observation } from "../archive/reader";
import { dayWindows, rrWindowOf, type Window } from "../climate/daily";
import type { Extreme, Gust, RainWindow } from "../conditions/current";
import { db } from "../db/client";
import { type QualityMarks, qualityMarks } from "../qc/store";
import { type SeriesRow, seriesFromRecords } from "../series/compute";
import { loadRecords, loadSeries } from "../series/load";
import { localDayBounds } from "../time";
import { nightPeriods } from "../weather/sun";
import type { ChartStation } from "./charts-page";
import { chartFields } from "./charts-page";
import { describeUnavailable } from "./queries";

/**
 * The day page of a station (the legacy "daily summary"): the local day's extremes and means, the rain
 * of the 06–06 UTC day and the one before, 5-minute charts over 18 UTC D-1 → 06 UTC D+1 (the page's
 * 10-minute table of that window comes from the open-data API), coverage and progress. Computed from
 * one read of raw records (plus the hourly aggregates for the rain day before).
 */

export interface MeasureSummary {
  min: Extreme | null;
  max: Extreme | null;
  mean: number | null;
}

export interface DaySummary {
  /** Minutes covered by records over the local day (or the part of it already elapsed). */
  coverage: number;
  records: number;
  temperature: MeasureSummary & { amplitude: number | null };
  humidity: MeasureSummary;
  dewpoint: MeasureSummary;
  pressure: MeasureSummary;
  uvMax: Extreme | null;
  radiationMax: Extreme | null;
  et: number | null;
  wind: { mean: number | null; direction: number | null; gust: Gust | null };
  rain: { total: number | null; maxRate: Extreme | null };
}

export interface DayPageData {
  day: string;
  /** The local day (start, end]. */
  start: number;
  end: number;
  /** The chart and table window, 18 UTC D-1 → 06 UTC D+1. */
  window: Window;
  /** Part of the day already elapsed (1 for a past day). */
  progress: number;
  summary: DaySummary;
  /** Météo-France rain days: (06 UTC D, 06 UTC D+1] and the one before. */
  rainDay: RainWindow;
  previousRainDay: RainWindow;
  rows5min: SeriesRow[];
  shade: [number, number][];
  /** Values the quality control flagged in the chart window (lib/qc). */
  quality: QualityMarks;
}

const extreme = (value: number | null, at: number | null): Extreme | null =>
  value === null || at === null ? null : { value, at };

function measure(a: Aggregate, m: "outTemp" | "outHumidity" | "dewpoint" | "barometer"): MeasureSummary {
  const key = (suffix: string) => a[`${m}${suffix}` as keyof Aggregate];
  return {
    min: extreme(key("Min"), key("MinAt")),
    max: extreme(key("Max"), key("MaxAt")),
    mean: meanOf(a, m),
  };
}

/** The local day's summary from its records (pure). `elapsedEnd`: min(now, end of day). */
export function summarise(
  records: readonly Observation[],
  start: number,
  end: number,
  elapsedEnd: number,
): DaySummary {
  const a = aggregateRecords(
    records.filter((r) => r.dateTime > start && r.dateTime <= end),
    end,
  );
  const temperature = measure(a, "outTemp");
  return {
    coverage: elapsedEnd > start ? Math.min(1, (a.minutes * 60) / (elapsedEnd - start)) : 0,
    records: a.records,
    temperature: {
      ...temperature,
      amplitude: temperature.min && temperature.max ? temperature.max.value - temperature.min.value : null,
    },
    humidity: measure(a, "outHumidity"),
    dewpoint: measure(a, "dewpoint"),
    pressure: measure(a, "barometer"),
    uvMax: extreme(a.uvMax, a.uvMaxAt),
    radiationMax: extreme(a.radiationMax, a.radiationMaxAt),
    et: a.etSum,
    wind: {
      mean: meanWindSpeed(a),
      direction: meanWindDirection(a),
      gust:
        a.windGustMax === null || a.windGustMaxAt === null
          ? null
          : { value: a.windGustMax, at: a.windGustMaxAt, direction: a.windGustMaxDir },
    },
    rain: { total: a.rainSum, maxRate: extreme(a.rainRateMax, a.rainRateMaxAt) },
  };
}

/** Rain total and maximum rate of (from, to] from rows (raw records or hourly buckets). */
export function rainWindowOf(rows: readonly SeriesRow[], from: number, to: number): RainWindow {
  let total: number | null = null;
  let maxRate: Extreme | null = null;
  for (const row of rows) {
    if (row.time <= from || row.time > to) continue;
    if (row.rain != null) total = (total ?? 0) + row.rain;
    const at = row.rainRateTime ?? row.time;
    if (row.rainRate != null && (!maxRate || row.rainRate > maxRate.value))
      maxRate = { value: row.rainRate, at };
  }
  return { total, maxRate, from, to };
}

export async function loadDayPage(
  station: ChartStation,
  day: string,
  now = Math.floor(Date.now() / 1000),
): Promise<{ data: DayPageData | null; unavailable: string | null }> {
  try {
    const { start, end } = localDayBounds(day, station.timezone);
    const windows = dayWindows(day);
    // The charts and the table span the Tn window and the Tx/RR window of the day.
    const window = { from: windows.tn.from, to: windows.rr.to };
    const rainDay = windows.rr;
    const previousRainDay = rrWindowOf(rainDay.from);
    const fields = chartFields(station);
    const readFrom = Math.min(window.from, start);
    const readTo = Math.min(Math.max(window.to, end), Math.max(now, readFrom + 1));
    const [records, hours, quality] = await Promise.all([
      loadRecords(station, readFrom, readTo, fields),
      // The rain day before starts 12 hours before the window: from the hourly aggregates.
      loadSeries(station, {
        from: previousRainDay.from,
        to: previousRainDay.to,
        step: "1h",
        fields: ["rain", "rainRate"],
      }),
      qualityMarks(db(), station.id, window.from, window.to),
    ]);
    const inWindow = records.filter((r) => r.dateTime > window.from && r.dateTime <= window.to);
    const options = { fields, timeZone: station.timezone, rainReset: "06utc" as const };
    const rows5min = seriesFromRecords(inWindow, { ...options, step: "raw" });
    return {
      data: {
        day,
        start,
        end,
        window,
        progress: Math.max(0, Math.min(1, (now - start) / (end - start))),
        summary: summarise(records, start, end, Math.min(now, end)),
        rainDay: rainWindowOf(rows5min, rainDay.from, rainDay.to),
        previousRainDay: rainWindowOf(hours.rows, previousRainDay.from, previousRainDay.to),
        rows5min,
        shade: nightPeriods(window.from, window.to, station.latitude, station.longitude),
        quality,
      },
      unavailable: null,
    };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`station ${station.slug}: ${error.message}`);
    return { data: null, unavailable: describeUnavailable(error) };
  }
}

import type { SeriesRow } from "./compute";
import { STEP_SECONDS, type Step } from "./steps";

/**
 * A series as the station charts receive it (components/charts/StationCharts): one time axis and one
 * array per column they draw, values to two decimals. A page's RSC payload then carries each number
 * once, instead of row objects or a copy of the times per chart (pure, client-safe).
 */

export type ChartKind = "temperature" | "pressure" | "wind" | "rain" | "uv" | "radiation" | "et";

/** The columns each chart draws (the min, max and gust-time ones exist at aggregated steps only). */
export const CHART_COLUMNS: Record<ChartKind, readonly string[]> = {
  temperature: ["outTemp", "outTempMin", "outTempMax", "dewpoint", "outHumidity"],
  pressure: ["barometer"],
  wind: ["windSpeed", "windGust", "windGustDir", "windGustTime", "windDir"],
  rain: ["rain", "rainTotal", "rainRate"],
  uv: ["UV", "UVMax"],
  radiation: ["radiation", "radiationMax"],
  et: ["ET"],
};

export interface ChartData {
  /** Unix seconds, with an extra time wherever the records stop for too long (the lines break there). */
  times: number[];
  /** Values aligned with `times` (null at the breaks); a column without any value is left out. */
  columns: Record<string, (number | null)[]>;
}

/** Longest silence a line bridges: beyond it, the chart shows a gap (the station was offline). */
function gapOf(step: Step): number {
  return step === "raw" ? 1200 : 2 * STEP_SECONDS[step] + 1;
}

/** Two decimals: finer than any quantity is shown, and the charts' CSV downloads keep them. */
const round = (value: number | null | undefined) => (value == null ? null : Math.round(value * 100) / 100);

/** The `names` columns of `rows` at `step`, as the charts draw them. */
export function chartData(rows: readonly SeriesRow[], step: Step, names: readonly string[]): ChartData {
  const gap = gapOf(step);
  const times: number[] = [];
  const columns: Record<string, (number | null)[]> = Object.fromEntries(names.map((name) => [name, []]));
  let previous: number | null = null;
  for (const row of rows) {
    if (previous !== null && row.time - previous > gap) {
      times.push(previous + 1);
      for (const name of names) columns[name].push(null);
    }
    times.push(row.time);
    for (const name of names) columns[name].push(round(row[name]));
    previous = row.time;
  }
  for (const name of names) if (columns[name].every((value) => value === null)) delete columns[name];
  return { times, columns };
}

import { meanOf } from "../aggregates/compute";
import type { AggregateColumn, HourRow } from "../aggregates/store";
import { zoneOffset } from "../time";

/**
 * Year heat-maps (day × hour of the station's local time) of temperature, humidity, dew point and
 * rain, from the hourly aggregates only (the legacy scanned a year of raw rows per view). Each cell is
 * the hour's mean (rain: its total); the local hour of a UTC hour is the one it starts in, so the
 * missing hour of the spring DST change stays empty and the repeated autumn hour keeps its second value.
 */

export const HEATMAP_MEASURES = ["temperature", "humidity", "dewpoint", "rain"] as const;
export type HeatmapMeasure = (typeof HEATMAP_MEASURES)[number];

export const HEATMAP_COLUMNS: readonly AggregateColumn[] = [
  "outTempSum",
  "outTempN",
  "outHumiditySum",
  "outHumidityN",
  "dewpointSum",
  "dewpointN",
  "rainSum",
];

export interface Heatmap {
  /** "YYYY-MM-DD" local days of the year */
  days: string[];
  /** per measure, per day, 24 values (local hours 0–23), rounded to 0.1 */
  values: Record<HeatmapMeasure, (number | null)[][]>;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * UTC offsets of a time zone, looked up once per UTC day (Intl is slow for 8,760 hours) unless the
 * offset changes during that day (a DST day), then per hour.
 */
class LocalOffsets {
  private readonly days = new Map<number, number | null>();
  constructor(private readonly timeZone: string) {}

  at(t: number): number {
    const day = Math.floor(t / 86400) * 86400;
    let offset = this.days.get(day);
    if (offset === undefined) {
      const first = zoneOffset(day, this.timeZone);
      offset = first === zoneOffset(day + 86400 - 1, this.timeZone) ? first : null;
      this.days.set(day, offset);
    }
    return offset ?? zoneOffset(t, this.timeZone);
  }
}

export function yearHeatmap(hours: readonly HourRow[], year: number, timeZone: string): Heatmap {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const index = new Map(days.map((d, i) => [d, i]));
  const empty = () => days.map(() => Array<number | null>(24).fill(null));
  const values: Heatmap["values"] = {
    temperature: empty(),
    humidity: empty(),
    dewpoint: empty(),
    rain: empty(),
  };
  const offsets = new LocalOffsets(timeZone);
  for (const { start, aggregate } of hours) {
    const local = new Date((start + offsets.at(start)) * 1000);
    const day = index.get(local.toISOString().slice(0, 10));
    if (day === undefined) continue;
    const hour = local.getUTCHours();
    values.temperature[day][hour] = round(meanOf(aggregate, "outTemp"));
    values.humidity[day][hour] = round(meanOf(aggregate, "outHumidity"));
    values.dewpoint[day][hour] = round(meanOf(aggregate, "dewpoint"));
    values.rain[day][hour] = round(aggregate.rainSum);
  }
  return { days, values };
}

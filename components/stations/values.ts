import { formatNumber, formatValue, roundHalfAway } from "@/lib/format/numbers";
import { formatParis } from "@/lib/time";

/** Small text helpers shared by the station pages (server) and the live conditions (client). */

/** "14:35" in Europe/Paris. */
export const at = (t: number) => formatParis(t, { hour: "2-digit", minute: "2-digit" });

/** "dimanche 6 décembre 2026 à 14:35" in Europe/Paris. */
export const fullDate = (t: number) => formatParis(t, { dateStyle: "full", timeStyle: "short" });

/** Paris times as text, by ISO time: clocks ("14:35") and full dates (see components/stations/clock.ts). */
export interface WrittenTimes {
  clocks: Record<string, string>;
  dates: Record<string, string>;
}

/**
 * The texts of the times in `value` (the open-data JSON of conditions) as the server writes them: the
 * clock of every `at` and `time`, the full date of those in `dated`.
 */
export function writtenTimes(value: unknown, dated: (string | null)[] = []): WrittenTimes {
  const times: WrittenTimes = { clocks: {}, dates: {} };
  const visit = (inner: unknown) => {
    if (!inner || typeof inner !== "object") return;
    for (const [key, field] of Object.entries(inner)) {
      if ((key === "at" || key === "time") && typeof field === "string" && Number.isFinite(Date.parse(field)))
        times.clocks[field] = at(Date.parse(field) / 1000);
      else visit(field);
    }
  };
  visit(value);
  for (const time of dated) if (time) times.dates[time] = fullDate(Date.parse(time) / 1000);
  return times;
}

/** "14:35", with the date ("23/11 14:35") when the time is not on the local `day` ("YYYY-MM-DD"). */
export function dayTime(t: number, day: string): string {
  const date = formatParis(t, { year: "numeric", month: "2-digit", day: "2-digit" });
  return date === day.split("-").reverse().join("/") ? at(t) : `${date.slice(0, 5)} ${at(t)}`;
}

/** "12,3 °C à 14:35", or "—". */
export function extremeCell(
  extreme: { value: number; at: number } | null,
  unit: string,
  decimals = 1,
): string {
  if (!extreme) return "—";
  const value = unit ? formatValue(extreme.value, unit, decimals) : formatNumber(extreme.value, decimals);
  return `${value} à ${at(extreme.at)}`;
}

/**
 * A maximum of something that rests at zero (rain rate, UV, radiation): "4,2 mm/h à 14:35", but a bare
 * "0,0 mm/h" when it never rose (the first record of the day would otherwise be given as its time).
 */
export function peakCell(extreme: { value: number; at: number } | null, unit: string, decimals = 1): string {
  if (extreme && roundHalfAway(extreme.value, decimals) === 0)
    return unit ? formatValue(0, unit, decimals) : formatNumber(0, decimals);
  return extremeCell(extreme, unit, decimals);
}

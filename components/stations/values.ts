import { formatNumber, formatValue } from "@/lib/format/numbers";
import { formatParis } from "@/lib/time";

/** Small text helpers shared by the station pages (server) and the live conditions (client). */

/** "14:35" in Europe/Paris. */
export const at = (t: number) => formatParis(t, { hour: "2-digit", minute: "2-digit" });

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

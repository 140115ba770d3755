import type { Observation } from "../archive/reader";
import { roundHalfAway } from "../format/numbers";

/** Helpers shared by the StatIC and ROMMA payload builders: rounding and window statistics. */

/**
 * `value` rounded half away from zero to `decimals` (lib/format/numbers.ts roundHalfAway) and printed with a
 * decimal point ("" when missing), never "-0.0".
 */
export function fixed(value: number | null | undefined, decimals: number): string {
  if (value == null || !Number.isFinite(value)) return "";
  return roundHalfAway(value, decimals).toFixed(decimals);
}

/** Records whose interval ends in (from, to]. */
export function within(records: readonly Observation[], from: number, to: number): Observation[] {
  return records.filter((r) => r.dateTime > from && r.dateTime <= to);
}

/** The values of `field` that are present. */
export function present(records: readonly Observation[], field: string): number[] {
  const values: number[] = [];
  for (const record of records) {
    const value = record[field];
    if (value != null) values.push(value);
  }
  return values;
}

/** Sum of `field`, or null when no record has it (a missing sensor is not a zero). */
export function sum(records: readonly Observation[], field: string): number | null {
  const values = present(records, field);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

export function mean(records: readonly Observation[], field: string): number | null {
  const values = present(records, field);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The first record holding the extreme value of `field` (earliest on ties), or null. */
export function extreme(
  records: readonly Observation[],
  field: string,
  kind: "min" | "max",
): { value: number; dateTime: number } | null {
  let best: { value: number; dateTime: number } | null = null;
  for (const record of records) {
    const value = record[field];
    if (value == null) continue;
    if (!best || (kind === "max" ? value > best.value : value < best.value)) {
      best = { value, dateTime: record.dateTime };
    }
  }
  return best;
}

/** "14h30": hours and minutes of unix time `t` in UTC, as StatIC writes them. */
export function utcClock(t: number): string {
  const date = new Date(t * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCHours())}h${pad(date.getUTCMinutes())}`;
}

/** "31/12/2026": the UTC date of unix time `t`. */
export function utcDate(t: number): string {
  const date = new Date(t * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

const DAY = 86400;

/**
 * Start of the UTC day a record belongs to. A record stamped exactly at midnight closes the day before
 * (its interval lies in it), as in WeeWX: days are (midnight, next midnight].
 */
export function utcDayStart(dateTime: number): number {
  return Math.floor((dateTime - 1) / DAY) * DAY;
}

/** Start of the UTC year a record belongs to (1 January 00:00 UTC), with the same midnight rule. */
export function utcYearStart(dateTime: number): number {
  return Date.UTC(new Date((dateTime - 1) * 1000).getUTCFullYear(), 0, 1) / 1000;
}

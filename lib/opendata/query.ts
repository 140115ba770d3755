import { ApiError } from "../api";
import type { Field } from "../series/fields";
import { autoStep, isStep, STEPS, type Step } from "../series/steps";
import { isCalendarDay, localDayBounds } from "../time";

/**
 * Query strings of the open-data API, validated into plain values (pure). Every problem is a 400 with a
 * French message naming the parameter; unknown parameters are refused rather than silently ignored.
 */

export type Format = "json" | "csv";

const DAY = 86400;

/** The longest range each step may cover in one request (rows stay under ~15,000). */
export const MAX_DAYS: Record<Step, number> = { raw: 31, "10m": 93, "1h": 366, "3h": 1100, "1d": 3660 };

/** The range a request covers when it gives no `from`. */
export const DEFAULT_DAYS: Record<Step, number> = { raw: 1, "10m": 2, "1h": 7, "3h": 30, "1d": 365 };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

function bad(message: string): never {
  throw new ApiError(400, message);
}

function params(url: URL, allowed: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key))
      bad(`Paramètre inconnu : « ${key} » (paramètres possibles : ${allowed.join(", ")}).`);
    if (key in result) bad(`Paramètre répété : « ${key} ».`);
    result[key] = value.trim();
  }
  return result;
}

/**
 * An ISO-8601 time as unix seconds: a date-time with its offset (Z or ±HH:MM), or a date alone, which
 * means the start of that local day (the end of it for the end of a range).
 */
export function parseInstant(value: string, timeZone: string, endOfDay = false): number | null {
  const date = isCalendarDay(value);
  if (date) {
    const bounds = localDayBounds(value, timeZone);
    return endOfDay ? bounds.end : bounds.start;
  }
  // A "+" left unencoded in a query string arrives as a space.
  const match = DATE_TIME.exec(value.replace(/ (\d{2}:\d{2})$/, "+$1"));
  if (!match || !isCalendarDay(match[1])) return null;
  const [year, month, day] = match[1].split("-").map(Number);
  const [hour, minute, second] = [match[2], match[3], match[4] ?? "0"].map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[5].toUpperCase();
  const offsetMinutes =
    zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60;
}

function instant(name: string, value: string, timeZone: string, endOfDay: boolean): number {
  const parsed = parseInstant(value, timeZone, endOfDay);
  if (parsed === null)
    bad(
      `${name} : date invalide « ${value} » (attendu : AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM:SSZ avec un fuseau, par exemple 2025-06-01T12:00:00+02:00).`,
    );
  return parsed;
}

function format(value: string | undefined): Format {
  if (value === undefined || value === "json") return "json";
  if (value === "csv") return "csv";
  return bad(`format : « ${value} » n'existe pas (json ou csv).`);
}

function fieldList(value: string | undefined, available: readonly Field[]): Field[] {
  if (value === undefined) return [...available];
  const names = value.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(available as readonly string[]).includes(name));
  if (unknown.length)
    bad(
      `fields : champ inconnu ou absent de cette station : ${unknown.map((n) => `« ${n} »`).join(", ")} (champs possibles : ${available.join(", ")}).`,
    );
  return [...new Set(names as Field[])];
}

export interface ObservationsQuery {
  from: number;
  to: number;
  step: Step;
  fields: Field[];
  format: Format;
}

/**
 * `?from=&to=&step=&fields=&format=` of /observations. Without `to`, the range ends now; without
 * `from`, it covers the step's default span; without `step`, the finest that keeps ≤ 2,000 rows.
 */
export function observationsQuery(
  url: URL,
  timeZone: string,
  now: number,
  available: readonly Field[],
): ObservationsQuery {
  const p = params(url, ["from", "to", "step", "fields", "format"]);
  if (p.step !== undefined && !isStep(p.step))
    bad(`step : « ${p.step} » n'existe pas (${STEPS.join(", ")}).`);
  const to = p.to === undefined ? now : instant("to", p.to, timeZone, true);
  const requestedStep = p.step as Step | undefined;
  const from =
    p.from === undefined
      ? to - DEFAULT_DAYS[requestedStep ?? "raw"] * DAY
      : instant("from", p.from, timeZone, false);
  if (from >= to) bad("from doit être antérieur à to.");
  const step = requestedStep ?? autoStep(from, to);
  const days = (to - from) / DAY;
  if (days > MAX_DAYS[step])
    bad(
      `Période trop longue pour le pas ${step} : ${Math.ceil(days)} jours (au plus ${MAX_DAYS[step]} jours ; choisissez un pas plus grand).`,
    );
  return { from, to, step, fields: fieldList(p.fields, available), format: format(p.format) };
}

export interface DailyQuery {
  /** Local days, "YYYY-MM-DD", inclusive. */
  fromDay: string;
  toDay: string;
  fields: Field[];
  format: Format;
}

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD&fields=&format=` of /aggregates/daily (default: the last 31 days). */
export function dailyQuery(url: URL, today: string, available: readonly Field[]): DailyQuery {
  const p = params(url, ["from", "to", "fields", "format"]);
  const day = (name: string, value: string) =>
    isCalendarDay(value) ? value : bad(`${name} : jour invalide « ${value} » (attendu : AAAA-MM-JJ).`);
  const toDay = p.to === undefined ? today : day("to", p.to);
  const fromDay =
    p.from === undefined
      ? new Date(Date.parse(`${toDay}T00:00:00Z`) - 30 * DAY * 1000).toISOString().slice(0, 10)
      : day("from", p.from);
  if (fromDay > toDay) bad("from doit être antérieur ou égal à to.");
  const days = (Date.parse(toDay) - Date.parse(fromDay)) / (DAY * 1000) + 1;
  if (days > MAX_DAYS["1d"])
    bad(`Période trop longue : ${days} jours (au plus ${MAX_DAYS["1d"]} jours par requête).`);
  return { fromDay, toDay, fields: fieldList(p.fields, available), format: format(p.format) };
}

/** `?format=` alone (the station list and current conditions). */
export function formatQuery(url: URL): Format {
  return format(params(url, ["format"]).format);
}

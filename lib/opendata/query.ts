import { z } from "zod";
import { MAX_RECORD_LIMIT } from "../climate/records";
import { ApiError } from "../http/api";
import type { Field } from "../series/fields";
import { autoStep, STEPS, type Step } from "../series/steps";
import { addDays, daysBetween, isCalendarDay, localDayBounds, parseMonth, parseYear } from "../time";

/**
 * Query strings of the open-data API, validated into plain values (pure). Every problem is a 400 with a
 * French message naming the parameter; unknown parameters are refused rather than silently ignored.
 */

export type Format = (typeof FORMATS)[number];

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

/** csv-fr: the same CSV in the French spreadsheet dialect (lib/format/csv.ts). */
const FORMATS = ["json", "csv", "csv-fr"] as const;

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
  const p = validQuery(url, observationsSchema);
  const to = p.to === undefined ? now : instant("to", p.to, timeZone, true);
  const requestedStep = p.step;
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
  return { from, to, step, fields: fieldList(p.fields, available), format: p.format };
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
  const p = validQuery(url, dailySchema);
  const toDay = p.to ?? today;
  const fromDay = p.from ?? addDays(toDay, -30);
  if (fromDay > toDay) bad("from doit être antérieur ou égal à to.");
  const days = daysBetween(fromDay, toDay);
  if (days > MAX_DAYS["1d"])
    bad(`Période trop longue : ${days} jours (au plus ${MAX_DAYS["1d"]} jours par requête).`);
  return { fromDay, toDay, fields: fieldList(p.fields, available), format: p.format };
}

/** `?format=` alone (the station list and current conditions). */
export function formatQuery(url: URL): Format {
  return validQuery(url, z.object({ format: formatParam })).format;
}

/**
 * `url`'s query string validated by `schema` (zod), after refusing unknown and repeated parameters;
 * the first problem is a 400 with the schema's French message (each names its parameter).
 */
export function validQuery<T extends z.ZodObject>(url: URL, schema: T): z.infer<T> {
  const result = schema.safeParse(params(url, Object.keys(schema.shape)));
  if (!result.success) bad(result.error.issues[0].message);
  return result.data;
}

/**
 * A required string parameter: `parse` gives its value or null; `noun` and `expected` say what it
 * should be ("from : jour invalide « 2025-02-30 » (attendu : AAAA-MM-JJ).").
 */
function text<T>(name: string, noun: string, expected: string, parse: (value: string) => T | null) {
  return z
    .string({ error: `${name} : paramètre obligatoire (attendu : ${expected}).` })
    .transform((value, context) => {
      const parsed = parse(value);
      if (parsed !== null) return parsed;
      context.addIssue({
        code: "custom",
        message: `${name} : ${noun} invalide « ${value} » (attendu : ${expected}).`,
      });
      return z.NEVER;
    });
}

/** An optional parameter among `values` (undefined when absent). */
function choice<const V extends readonly [string, ...string[]]>(name: string, values: V) {
  return z
    .string()
    .optional()
    .transform((value, context): V[number] | undefined => {
      if (value === undefined || values.includes(value)) return value;
      const list = `${values.slice(0, -1).join(", ")} ou ${values.at(-1)}`;
      context.addIssue({ code: "custom", message: `${name} : « ${value} » n'existe pas (${list}).` });
      return z.NEVER;
    });
}

const formatParam = choice("format", FORMATS).transform((format) => format ?? "json");
const dayParam = (name: string) => text(name, "jour", "AAAA-MM-JJ", (v) => (isCalendarDay(v) ? v : null));

const observationsSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  step: choice("step", STEPS),
  fields: z.string().optional(),
  format: formatParam,
});

const dailySchema = z.object({
  from: dayParam("from").optional(),
  to: dayParam("to").optional(),
  fields: z.string().optional(),
  format: formatParam,
});

/** The longest range of the climatology's daily values in one request (20 years). */
export const MAX_CLIMATE_DAYS = 7320;

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD&format=` of /climate/daily: both days required, inclusive. */
export const climateDaysSchema = z
  .object({
    from: dayParam("from"),
    to: dayParam("to"),
    format: formatParam,
  })
  .refine((q) => q.from <= q.to, { message: "from doit être antérieur ou égal à to." })
  .refine((q) => daysBetween(q.from, q.to) <= MAX_CLIMATE_DAYS, {
    message: `Période trop longue (au plus ${MAX_CLIMATE_DAYS} jours par requête).`,
  });

const yearParam = text("year", "année", "AAAA", parseYear);

/** `?year=YYYY&format=` of /climate/monthly. */
export const climateYearSchema = z.object({ year: yearParam, format: formatParam });

/** `?year=YYYY` of /climate/heatmap. */
export const heatmapSchema = z.object({ year: yearParam });

/** `?limit=&format=` of /climate/records (10 days per parameter by default). */
export const recordsSchema = z.object({
  limit: text("limit", "nombre", `un entier de 1 à ${MAX_RECORD_LIMIT}`, (v) =>
    /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_RECORD_LIMIT ? Number(v) : null,
  )
    .optional()
    .transform((limit) => limit ?? 10),
  format: formatParam,
});

/** `?month=YYYY-MM&kind=temperature|rain` of /climate/chart. */
export const monthChartSchema = z.object({
  month: text("month", "mois", "AAAA-MM", parseMonth),
  kind: choice("kind", ["temperature", "rain"]).transform((kind) => kind ?? "temperature"),
});

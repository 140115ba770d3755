import type { Pool, RowDataPacket } from "mysql2/promise";
import { expect } from "vitest";

/**
 * Independent truth for browser and API tests: archive rows read with plain SQL and converted to metric
 * here, with the textbook factors (not lib/archive/units), so the app's numbers are checked against a
 * computation that shares no code with it.
 */

export interface Row {
  dateTime: number;
  interval: number;
  [field: string]: number | null;
}

const F_TO_C = (f: number) => ((f - 32) * 5) / 9;
const FACTORS: Record<number, Record<string, (v: number) => number>> = {
  // US: °F, inHg, mph, inch
  1: {
    temperature: F_TO_C,
    pressure: (v) => v * 33.8638866667,
    speed: (v) => v * 1.609344,
    rain: (v) => v * 25.4,
  },
  // METRIC: rain in centimetres
  16: { temperature: (v) => v, pressure: (v) => v, speed: (v) => v, rain: (v) => v * 10 },
  // METRICWX: wind in m/s
  17: { temperature: (v) => v, pressure: (v) => v, speed: (v) => v * 3.6, rain: (v) => v },
};
const GROUPS: Record<string, string> = {
  outTemp: "temperature",
  dewpoint: "temperature",
  windchill: "temperature",
  heatindex: "temperature",
  appTemp: "temperature",
  barometer: "pressure",
  windSpeed: "speed",
  windGust: "speed",
  rain: "rain",
  rainRate: "rain",
  ET: "rain",
};

const FIELDS = [
  "outTemp",
  "dewpoint",
  "outHumidity",
  "barometer",
  "windSpeed",
  "windDir",
  "windGust",
  "windGustDir",
  "rain",
  "rainRate",
  "UV",
  "radiation",
  "ET",
];

/** Every archive row with from < dateTime <= to, converted to metric. */
export async function metricRows(admin: Pool, database: string, from: number, to: number): Promise<Row[]> {
  const [columns] = await admin.query<RowDataPacket[]>("SHOW COLUMNS FROM ??.archive", [database]);
  const present = FIELDS.filter((f) => columns.some((c) => c.Field === f));
  const [rows] = await admin.query<RowDataPacket[]>(
    "SELECT dateTime, usUnits, `interval`, ?? FROM ??.archive WHERE dateTime > ? AND dateTime <= ? ORDER BY dateTime",
    [present, database, from, to],
  );
  return rows.map((raw) => {
    const row: Row = { dateTime: Number(raw.dateTime), interval: Number(raw.interval) };
    for (const field of FIELDS) {
      const value = raw[field] == null ? null : Number(raw[field]);
      const group = GROUPS[field];
      row[field] = value !== null && group ? FACTORS[raw.usUnits][group](value) : value;
    }
    return row;
  });
}

export const within = (rows: readonly Row[], from: number, to: number) =>
  rows.filter((r) => r.dateTime > from && r.dateTime <= to);

export function sum(rows: readonly Row[], field: string): number {
  return rows.reduce((total, r) => total + (r[field] ?? 0), 0);
}

export function mean(rows: readonly Row[], field: string): number {
  const values = rows.map((r) => r[field]).filter((v): v is number => v !== null);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The first row holding the minimum (or maximum) of a field. */
export function extreme(rows: readonly Row[], field: string, kind: "min" | "max"): Row {
  let best: Row | undefined;
  for (const r of rows) {
    const v = r[field];
    if (v === null) continue;
    if (!best || (kind === "min" ? v < best[field]! : v > best[field]!)) best = r;
  }
  return best!;
}

/** Speed-weighted mean direction, degrees (atan2 of the summed wind vectors). */
export function vectorDirection(rows: readonly Row[]): number {
  let x = 0;
  let y = 0;
  for (const r of rows) {
    if (r.windDir === null || !r.windSpeed) continue;
    x += r.windSpeed * Math.sin((r.windDir * Math.PI) / 180);
    y += r.windSpeed * Math.cos((r.windDir * Math.PI) / 180);
  }
  return ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
}

/** Unix seconds of local midnight (Europe/Paris) starting the day of `t`. */
export function parisMidnight(t: number): number {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(t * 1000));
  // Midnight is 22:00 or 23:00 UTC the day before: try both.
  for (const hour of [22, 23]) {
    const candidate = Date.parse(`${parts}T00:00:00Z`) / 1000 - (24 - hour) * 3600;
    const back = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(new Date(candidate * 1000));
    if (back === "00") return candidate;
  }
  throw new Error("no midnight");
}

/** "HH:MM" in Paris. */
export function parisClock(t: number): string {
  return new Date(t * 1000).toLocaleTimeString("fr-FR", {
    timeZone: "Europe/Paris",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** The first French number of a text ("1 002,8 hPa" → 1002.8, "-3,0 °C" → -3). */
export function shownNumber(text: string | null): number {
  const match = /[-−]?\d[\d\s\u202f\u00a0]*(?:,\d+)?/.exec(text ?? "");
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(
    match[0]
      .replace(/[\s\u202f\u00a0]/g, "")
      .replace(",", ".")
      .replace("−", "-"),
  );
}

/** A shown number equals the truth to its displayed precision. */
export function expectShown(text: string | null, truth: number, decimals = 1, label?: string) {
  const shown = shownNumber(text);
  expect(Math.abs(shown - truth), `${label ?? ""} shown "${text}", truth ${truth}`).toBeLessThanOrEqual(
    0.5 * 10 ** -decimals + 1e-6,
  );
}

/** The French 16-point cardinal of a direction, computed here. */
export function cardinalOf(degrees: number): string {
  const names = [
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSO",
    "SO",
    "OSO",
    "O",
    "ONO",
    "NO",
    "NNO",
  ];
  return names[Math.round((((degrees % 360) + 360) % 360) / 22.5) % 16];
}

/** Local midnight (Europe/Paris) starting the month, or the year, of a record stamped `t`. */
export function parisPeriodStart(t: number, period: "month" | "year"): number {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" })
    .format(new Date((t - 1) * 1000))
    .split("-")
    .map(Number);
  return parisMidnight(Date.UTC(year, period === "month" ? month - 1 : 0, 1, 12) / 1000);
}

/** "YYYY-MM-DD" of the local day (Europe/Paris) holding `t`. */
export const parisDay = (t: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(t * 1000));

import type { Pool, RowDataPacket } from "mysql2/promise";
import { frenchDecimal } from "./format";

/**
 * Reading demo/test archives the way a test checks them: plain SQL and the textbook unit conversions,
 * independent from lib/archive.
 */

export type Row = Record<string, number | null> & { dateTime: number; usUnits: number; interval: number };

const SPEED: Record<number, number> = { 1: 1.609344, 16: 1, 17: 3.6 };
const RAIN: Record<number, number> = { 1: 25.4, 16: 10, 17: 1 };

export function celsius(row: Row, field = "outTemp"): number | null {
  const v = row[field];
  if (v == null) return null;
  return row.usUnits === 1 ? ((v - 32) * 5) / 9 : v;
}
export function kmh(row: Row, field: string): number | null {
  const v = row[field];
  return v == null ? null : v * SPEED[row.usUnits];
}
export function mm(row: Row, field: string): number | null {
  const v = row[field];
  return v == null ? null : v * RAIN[row.usUnits];
}

/** Rows with from < dateTime <= to, oldest first. */
export async function archiveRows(admin: Pool, database: string, from: number, to: number): Promise<Row[]> {
  const [rows] = await admin.query<RowDataPacket[]>(
    "SELECT * FROM ??.archive WHERE dateTime > ? AND dateTime <= ? ORDER BY dateTime",
    [database, from, to],
  );
  return rows as Row[];
}

export async function newestDateTime(admin: Pool, database: string): Promise<number> {
  const [[row]] = await admin.query<RowDataPacket[]>("SELECT MAX(dateTime) AS t FROM ??.archive", [database]);
  return Number(row.t);
}

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

function parts(t: number) {
  return Object.fromEntries(parisParts.formatToParts(new Date(t * 1000)).map((p) => [p.type, p.value]));
}

/** "YYYY-MM-DD" of instant t in Paris. */
export function parisDay(t: number): string {
  const p = parts(t);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Unix seconds of Paris midnight starting day "YYYY-MM-DD" (Paris is UTC+1 or UTC+2). */
export function parisMidnight(day: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`) / 1000;
  for (const offset of [3600, 7200]) {
    const p = parts(utcMidnight - offset);
    if (p.hour === "00" && p.minute === "00" && `${p.year}-${p.month}-${p.day}` === day)
      return utcMidnight - offset;
  }
  throw new Error(`no Paris midnight for ${day}`);
}

/** "HH:MM" of instant t in Paris. */
export function parisClock(t: number): string {
  const p = parts(t);
  return `${p.hour}:${p.minute}`;
}

/** French display with `decimals` (the platform's rounding rule) and a narrow no-break space before the unit. */
export function french(value: number, unit: string, decimals = 1): string {
  return `${frenchDecimal(value, decimals)}\u202f${unit}`;
}

const CARDINALS = "N NNE NE ENE E ESE SE SSE S SSO SO OSO O ONO NO NNO".split(" ");

/** Speed-weighted mean direction and its French 16-point label. */
export function meanDirection(pairs: [speed: number | null, direction: number | null][]) {
  let x = 0;
  let y = 0;
  for (const [speed, direction] of pairs) {
    if (speed == null || direction == null || speed <= 0) continue;
    x += speed * Math.sin((direction * Math.PI) / 180);
    y += speed * Math.cos((direction * Math.PI) / 180);
  }
  if (Math.hypot(x, y) < 1e-9) return { degrees: null, cardinal: null };
  const degrees = ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
  return { degrees, cardinal: CARDINALS[Math.round(degrees / 22.5) % 16] };
}

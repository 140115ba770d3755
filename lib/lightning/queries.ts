import { db } from "../db";
import { lastSuccessfulRun } from "../jobs";
import { dateToDay, dayToDate, localDay } from "../time";
import { IMPORT_JOB } from "./settings";

/**
 * What the lightning pages read. Every query is an index range: recent strikes on the (time, …) unique
 * index, a station's strikes on its (stationId, time) primary key, histories on the daily counters.
 * Results are plain data (numbers and strings), safe to cache as JSON.
 */

/** The map never draws more strikes than this (the newest); the total is still given. */
export const MAP_LIMIT = 20_000;
/** A station's panel shows the strikes of the last 3 hours. */
export const PANEL_WINDOW_SECONDS = 3 * 3600;

/** [milliseconds before `nowMs`, latitude, longitude], newest first (compact: thousands are sent). */
export type MapStrike = [number, number, number];

export interface MapData {
  nowMs: number;
  /** Strikes in the period (may exceed strikes.length). */
  total: number;
  strikes: MapStrike[];
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export async function mapStrikes(periodSeconds: number, nowMs: number, limit = MAP_LIMIT): Promise<MapData> {
  const since = new Date(nowMs - periodSeconds * 1000);
  const [rows, total] = await Promise.all([
    db().$queryRaw<{ time: Date; latitude: number; longitude: number }[]>`
      SELECT time, latitude, longitude FROM LightningStrike WHERE time >= ${since}
      ORDER BY time DESC LIMIT ${limit}`,
    db().lightningStrike.count({ where: { time: { gte: since } } }),
  ]);
  return {
    nowMs,
    total,
    strikes: rows.map((r) => [
      Math.max(0, nowMs - r.time.getTime()),
      round4(r.latitude),
      round4(r.longitude),
    ]),
  };
}

export interface NearStrike {
  timeMs: number;
  /** metres */
  distance: number;
  bearing: number;
}

export interface StationActivity {
  nowMs: number;
  latest: NearStrike | null;
  nearest: NearStrike | null;
  /** Strikes within 10, 30 and 100 km, in the last hour and in the panel's window. */
  counts: { radiusKm: number; lastHour: number; window: number }[];
}

/** Strikes near a station in the last PANEL_WINDOW_SECONDS (null when there is none). */
export async function stationActivity(stationId: number, nowMs: number): Promise<StationActivity | null> {
  const since = new Date(nowMs - PANEL_WINDOW_SECONDS * 1000);
  const hour = new Date(nowMs - 3600_000);
  const [counts] = await db().$queryRaw<Record<string, unknown>[]>`
    SELECT COUNT(*) AS w100, SUM(distance <= 30000) AS w30, SUM(distance <= 10000) AS w10,
      SUM(time >= ${hour}) AS h100, SUM(time >= ${hour} AND distance <= 30000) AS h30,
      SUM(time >= ${hour} AND distance <= 10000) AS h10
    FROM LightningStrikeDistance WHERE stationId = ${stationId} AND time >= ${since}`;
  if (Number(counts.w100) === 0) return null;
  const pick = (order: "latest" | "nearest") =>
    db().lightningStrikeDistance.findFirst({
      where: { stationId, time: { gte: since } },
      orderBy: order === "latest" ? { time: "desc" } : [{ distance: "asc" }, { time: "desc" }],
    });
  const [latest, nearest] = await Promise.all([pick("latest"), pick("nearest")]);
  const near = (row: typeof latest) =>
    row && { timeMs: row.time.getTime(), distance: row.distance, bearing: row.bearing };
  return {
    nowMs,
    latest: near(latest),
    nearest: near(nearest),
    counts: [10, 30, 100].map((radiusKm) => ({
      radiusKm,
      lastHour: Number(counts[`h${radiusKm}`] ?? 0),
      window: Number(counts[`w${radiusKm}`] ?? 0),
    })),
  };
}

export interface StationDay {
  day: string;
  within10km: number;
  within30km: number;
  within100km: number;
}

/** A station's daily counters from `fromDay` (YYYY-MM-DD) on, oldest first. */
export async function stationDays(stationId: number, fromDay: string): Promise<StationDay[]> {
  const rows = await db().lightningStationDay.findMany({
    where: { stationId, day: { gte: dayToDate(fromDay) } },
    orderBy: { day: "asc" },
  });
  return rows.map((r) => ({ ...r, day: dateToDay(r.day) }));
}

/** A station's stormiest days of `year` (most strikes within 30 km, then within 100 km). */
export async function stationStormiestDays(
  stationId: number,
  year: number,
  limit = 10,
): Promise<StationDay[]> {
  const rows = await db().lightningStationDay.findMany({
    where: {
      stationId,
      day: { gte: dayToDate(`${year}-01-01`), lt: dayToDate(`${year + 1}-01-01`) },
      within30km: { gt: 0 },
    },
    orderBy: [{ within30km: "desc" }, { within100km: "desc" }, { day: "asc" }],
    take: limit,
  });
  return rows.map((r) => ({ ...r, day: dateToDay(r.day) }));
}

export interface AreaDay {
  day: string;
  /** whole imported area */
  strikes: number;
  departement: number;
}

/** Daily counters of the area and the département from `fromDay` on, oldest first. */
export async function areaDays(fromDay: string): Promise<AreaDay[]> {
  const rows = await db().lightningDay.findMany({
    where: { day: { gte: dayToDate(fromDay) } },
    orderBy: { day: "asc" },
  });
  return rows.map((r) => ({ ...r, day: dateToDay(r.day) }));
}

/** The département's stormiest days of `year`. */
export async function departementStormiestDays(year: number, limit = 10): Promise<AreaDay[]> {
  const rows = await db().lightningDay.findMany({
    where: {
      day: { gte: dayToDate(`${year}-01-01`), lt: dayToDate(`${year + 1}-01-01`) },
      departement: { gt: 0 },
    },
    orderBy: [{ departement: "desc" }, { day: "asc" }],
    take: limit,
  });
  return rows.map((r) => ({ ...r, day: dateToDay(r.day) }));
}

/** Years that have strikes, newest first. */
export async function yearsWithStrikes(): Promise<number[]> {
  const range = await db().lightningDay.aggregate({ _min: { day: true }, _max: { day: true } });
  if (!range._min.day || !range._max.day) return [];
  const years: number[] = [];
  for (let y = range._max.day.getUTCFullYear(); y >= range._min.day.getUTCFullYear(); y--) years.push(y);
  return years;
}

/** Today's counters of every station (Paris day of `nowMs`), by station id. */
export async function stationsToday(nowMs: number): Promise<Map<number, StationDay>> {
  const day = localDay(nowMs / 1000);
  const rows = await db().lightningStationDay.findMany({ where: { day: dayToDate(day) } });
  return new Map(rows.map((r) => [r.stationId, { ...r, day }]));
}

/** For the back office: the last runs of the import and what is stored. */
export async function importStatus() {
  const [lastRun, lastSuccess, stored, newest] = await Promise.all([
    db().jobRun.findFirst({ where: { name: IMPORT_JOB }, orderBy: { startedAt: "desc" } }),
    lastSuccessfulRun(IMPORT_JOB),
    db().lightningStrike.count(),
    db().lightningStrike.aggregate({ _max: { time: true } }),
  ]);
  return { lastRun, lastSuccess, stored, newestMs: newest._max.time?.getTime() ?? null };
}

/** When the import last succeeded (unix ms), or null. */
export async function lastImportMs(): Promise<number | null> {
  return (await lastSuccessfulRun(IMPORT_JOB))?.startedAt.getTime() ?? null;
}

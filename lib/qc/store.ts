import type { Invalidation } from "../aggregates/compute";
import { climateHourSpan } from "../climate/daily";
import type { PrismaClient, QcFlag } from "../generated/prisma/client";
import type { SensorGroup } from "../generated/prisma/enums";
import { daysOfMonth, monthsOfYear, utcDay } from "../time";
import type { QcVerdict } from "./checks";
import { RECORD, SENSOR_OF } from "./limits";

/**
 * The stored flags (QcFlag, only records that are not good): replacing a period's open flags with the
 * checks' verdicts, and the erroneous ones as invalidations, so that aggregates, climatology, series,
 * partner payloads and the open-data API leave them out through the one path manual invalidations take.
 */

const HOUR = 3600;
/** A day's climatology windows run from 6 h before its midnight (Tn) to 30 h after it (Tx, RR). */
const WINDOW_BEFORE = 6 * HOUR;
const WINDOW_AFTER = 30 * HOUR;
const DAY = 86400;
const hourOf = (t: number) => Math.floor((t - 1) / HOUR) * HOUR;

/**
 * Open erroneous flags of a station overlapping (from, to], as invalidations of their sensor group over
 * each record's interval; consecutive records are merged into one period.
 */
export async function flagInvalidations(
  prisma: PrismaClient,
  stationId: number,
  from: number,
  to: number,
): Promise<Invalidation[]> {
  const flags = await prisma.qcFlag.findMany({
    where: { stationId, status: "OPEN", level: "ERRONEOUS", dateTime: { gt: from, lte: to + 86400 } },
    select: { dateTime: true, interval: true, sensor: true },
    orderBy: { dateTime: "asc" },
  });
  const open = new Map<string, Invalidation>();
  const result: Invalidation[] = [];
  for (const flag of flags) {
    const start = flag.dateTime - flag.interval * 60;
    if (flag.dateTime <= from || start >= to) continue;
    const current = open.get(flag.sensor);
    if (current && start <= current.to) {
      current.to = Math.max(current.to, flag.dateTime);
      continue;
    }
    const period = { sensor: flag.sensor, from: start, to: flag.dateTime };
    open.set(flag.sensor, period);
    result.push(period);
  }
  return result;
}

const keyOf = (f: Pick<QcFlag, "dateTime" | "quantity">) => `${f.dateTime}:${f.quantity}`;

/**
 * Stores the verdicts of (from, to]: open flags there are replaced; flags a manager decided on stay as
 * they are. `earlier` verdicts (before `from`, e.g. a stuck value whose run began before) are only
 * added or made worse. Returns the hours whose erroneous values changed (to re-aggregate) and the
 * flags written.
 */
export async function replaceFlags(
  prisma: PrismaClient,
  stationId: number,
  from: number,
  to: number,
  verdicts: readonly QcVerdict[],
): Promise<{ changedHours: Set<number>; written: number }> {
  const inside = verdicts.filter((v) => v.dateTime > from && v.dateTime <= to);
  const earlier = verdicts.filter((v) => v.dateTime <= from);
  const lowest = Math.min(from, ...earlier.map((v) => v.dateTime - 1));
  const stored = await prisma.qcFlag.findMany({ where: { stationId, dateTime: { gt: lowest, lte: to } } });
  const storedByKey = new Map(stored.map((f) => [keyOf(f), f]));
  const changedHours = new Set<number>();
  const erroneous = (f: { level: string } | undefined) => f?.level === "ERRONEOUS";

  const remove = new Set<number>();
  const create: QcVerdict[] = [];
  const wanted = new Map(inside.map((v) => [keyOf(v), v]));
  for (const flag of stored) {
    if (flag.dateTime <= from || flag.status !== "OPEN") continue;
    const verdict = wanted.get(keyOf(flag));
    if (
      verdict &&
      verdict.level === flag.level &&
      verdict.check === flag.check &&
      verdict.detail === flag.detail
    )
      continue;
    remove.add(flag.id);
    if (erroneous(flag) !== erroneous(verdict)) changedHours.add(hourOf(flag.dateTime));
  }
  for (const verdict of inside) {
    const flag = storedByKey.get(keyOf(verdict));
    if (flag && (flag.status !== "OPEN" || !remove.has(flag.id))) continue;
    create.push(verdict);
    if (!flag && erroneous(verdict)) changedHours.add(hourOf(verdict.dateTime));
  }
  for (const verdict of earlier) {
    const flag = storedByKey.get(keyOf(verdict));
    if (flag && (flag.status !== "OPEN" || flag.level === "ERRONEOUS" || verdict.level === "SUSPECT"))
      continue;
    if (flag) remove.add(flag.id);
    create.push(verdict);
    if (erroneous(verdict)) changedHours.add(hourOf(verdict.dateTime));
  }
  const ids = [...remove];
  for (let i = 0; i < ids.length; i += 5000)
    await prisma.qcFlag.deleteMany({ where: { id: { in: ids.slice(i, i + 5000) } } });
  for (let i = 0; i < create.length; i += 2000) {
    await prisma.qcFlag.createMany({
      data: create.slice(i, i + 2000).map((v) => ({
        stationId,
        dateTime: v.dateTime,
        interval: v.interval,
        quantity: v.quantity,
        sensor: SENSOR_OF[v.quantity],
        level: v.level,
        check: v.check,
        detail: v.detail.slice(0, 255),
        value: v.value,
      })),
      skipDuplicates: true,
    });
  }
  return { changedHours, written: create.length };
}

/** A flagged value as the charts and pages show it. */
export interface QualityFlag {
  time: number;
  quantity: string;
  level: "SUSPECT" | "ERRONEOUS";
  value: number | null;
  detail: string;
}

export interface QualityCount {
  /** values left out (open erroneous flags and confirmed ones) */
  erroneous: number;
  /** values kept but marked */
  suspect: number;
}

export interface QualityMarks extends QualityCount {
  flags: QualityFlag[];
}

/** The flags of (from, to] that a page shows (dismissed ones are real values: not shown). */
export async function qualityMarks(
  prisma: PrismaClient,
  stationId: number,
  from: number,
  to: number,
): Promise<QualityMarks> {
  const rows = await prisma.qcFlag.findMany({
    where: { stationId, status: { not: "DISMISSED" }, dateTime: { gt: from, lte: to } },
    orderBy: { dateTime: "asc" },
    take: 5000,
  });
  const flags = rows.map((row) => ({
    time: row.dateTime,
    quantity: row.quantity,
    level: row.level,
    value: row.value,
    detail: row.detail,
  }));
  return {
    flags,
    erroneous: flags.filter((f) => f.level === "ERRONEOUS").length,
    suspect: flags.filter((f) => f.level === "SUSPECT").length,
  };
}

export interface MonthQuality {
  /** "YYYY-MM" (UTC) */
  month: string;
  erroneous: number;
  suspect: number;
}

/** Per month: the values flagged (dismissed ones are real values: not counted). */
export async function qualityByMonth(
  prisma: PrismaClient,
  stationId: number,
): Promise<Map<string, MonthQuality>> {
  const flags = await prisma.$queryRaw<{ month: string; level: string; n: bigint }[]>`
    SELECT DATE_FORMAT(DATE_ADD('1970-01-01', INTERVAL dateTime - 1 SECOND), '%Y-%m') AS month, level, COUNT(*) AS n
    FROM QcFlag WHERE stationId = ${stationId} AND status <> 'DISMISSED' GROUP BY month, level`;
  const result = new Map<string, MonthQuality>();
  for (const row of flags) {
    const entry = result.get(row.month) ?? { month: row.month, erroneous: 0, suspect: 0 };
    if (row.level === "ERRONEOUS") entry.erroneous += Number(row.n);
    else entry.suspect += Number(row.n);
    result.set(row.month, entry);
  }
  return result;
}

export interface DaysQuality {
  /** per date: the values flagged in its climatology windows (D-1 18:00 to D+1 06:00 UTC), by sensor */
  days: Map<string, Map<SensorGroup, QualityCount>>;
  /** per month ("YYYY-MM"): the values flagged in the windows of its dates, counted once */
  months: Map<string, QualityCount>;
  /** per year ("YYYY"): the values flagged in the windows of its dates, counted once */
  years: Map<string, QualityCount>;
  /** every value flagged in the windows of all the dates, counted once */
  total: QualityCount;
}

/**
 * The flagged values (dismissed ones are real values: not counted) behind the climatology of each of
 * `dates`: what the month and records pages say they used or left out. With `sensors`, only those
 * sensors' values (and whole records at fault) are counted: a page that shows temperatures only.
 */
export async function qualityOfDays(
  prisma: PrismaClient,
  stationId: number,
  dates: readonly string[],
  sensors?: readonly SensorGroup[],
): Promise<DaysQuality> {
  const windows = [...new Set(dates)].sort().map((date) => ({ date, ...climateHourSpan(date) }));
  // Overlapping windows (consecutive days) merged: one range per run of days.
  const ranges: { from: number; to: number }[] = [];
  for (const { from, to } of windows) {
    const last = ranges.at(-1);
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else ranges.push({ from, to });
  }
  const flags =
    ranges.length === 0
      ? []
      : await prisma.qcFlag.findMany({
          where: {
            stationId,
            status: { not: "DISMISSED" },
            ...(sensors && { sensor: { in: [...sensors, "ALL"] } }),
            OR: ranges.map(({ from, to }) => ({ dateTime: { gt: from, lte: to } })),
          },
          select: { dateTime: true, level: true, sensor: true },
        });
  const days = new Map(
    windows.map((w) => [w.date, { ...w, bySensor: new Map<SensorGroup, QualityCount>() }]),
  );
  const total: QualityCount = { erroneous: 0, suspect: 0 };
  const months = new Map<string, QualityCount>();
  const years = new Map<string, QualityCount>();
  const add = (count: QualityCount, level: string) => {
    if (level === "ERRONEOUS") count.erroneous++;
    else count.suspect++;
  };
  /** counts the flag once in each of `periods` */
  const addTo = (counts: Map<string, QualityCount>, periods: Set<string>, level: string) => {
    for (const period of periods) {
      const count = counts.get(period) ?? { erroneous: 0, suspect: 0 };
      add(count, level);
      counts.set(period, count);
    }
  };
  for (const flag of flags) {
    add(total, flag.level);
    const monthsOfFlag = new Set<string>();
    // The windows holding a value stamped t are those of the days whose midnight is in [t - 30 h, t + 6 h).
    for (let day = flag.dateTime - WINDOW_AFTER; day < flag.dateTime + WINDOW_BEFORE + DAY; day += DAY) {
      const window = days.get(utcDay(day));
      if (!window || flag.dateTime <= window.from || flag.dateTime > window.to) continue;
      const count = window.bySensor.get(flag.sensor) ?? { erroneous: 0, suspect: 0 };
      add(count, flag.level);
      window.bySensor.set(flag.sensor, count);
      monthsOfFlag.add(window.date.slice(0, 7));
    }
    addTo(months, monthsOfFlag, flag.level);
    addTo(years, new Set([...monthsOfFlag].map((month) => month.slice(0, 4))), flag.level);
  }
  return { days: new Map([...days].map(([date, w]) => [date, w.bySensor])), months, years, total };
}

/**
 * The flagged values behind the climatology of each month and each year of `years` (see qualityOfDays):
 * the year and history pages, the open-data monthly climatology.
 */
export function qualityOfYears(
  prisma: PrismaClient,
  stationId: number,
  years: readonly number[],
): Promise<DaysQuality> {
  return qualityOfDays(
    prisma,
    stationId,
    years.flatMap((year) => monthsOfYear(year).flatMap(daysOfMonth)),
  );
}

/** The flagged values of its parameter's sensors on a record's day. */
export type RecordQuality = (parameter: { sensors: readonly SensorGroup[] }, date: string) => QualityCount;

/**
 * What the records page and the open-data records mark: for a record on one of `dates`, the values of
 * its parameter's sensors flagged in that day's climatology windows.
 */
export async function qualityOfRecords(
  prisma: PrismaClient,
  stationId: number,
  dates: readonly string[],
): Promise<RecordQuality> {
  const quality = await qualityOfDays(prisma, stationId, dates);
  return (parameter, date) => countOf(quality.days.get(date), parameter.sensors);
}

/** A day's flagged values of the given sensors (whole records at fault included). */
export function countOf(
  bySensor: ReadonlyMap<SensorGroup, QualityCount> | undefined,
  sensors?: readonly SensorGroup[],
): QualityCount {
  const result: QualityCount = { erroneous: 0, suspect: 0 };
  for (const [sensor, count] of bySensor ?? []) {
    if (sensors && sensor !== "ALL" && !sensors.includes(sensor)) continue;
    result.erroneous += count.erroneous;
    result.suspect += count.suspect;
  }
  return result;
}

/**
 * Times and levels of the flagged values of `quantities` (and of whole records) over (from, to], oldest
 * first; dismissed ones are real values and left out.
 */
export async function flaggedTimes(
  prisma: PrismaClient,
  stationId: number,
  from: number,
  to: number,
  quantities: readonly string[],
): Promise<{ dateTime: number; level: "SUSPECT" | "ERRONEOUS" }[]> {
  return prisma.qcFlag.findMany({
    where: {
      stationId,
      status: { not: "DISMISSED" },
      dateTime: { gt: from, lte: to },
      quantity: { in: [...quantities, RECORD] },
    },
    select: { dateTime: true, level: true },
    orderBy: { dateTime: "asc" },
  });
}

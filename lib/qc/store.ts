import type { Invalidation } from "../aggregates/compute";
import type { PrismaClient, QcFlag } from "../generated/prisma/client";
import type { QcVerdict } from "./checks";
import { SENSOR_OF } from "./limits";

/**
 * The stored flags (QcFlag, only records that are not good): replacing a period's open flags with the
 * checks' verdicts, and the erroneous ones as invalidations, so that aggregates, climatology, series,
 * partner payloads and the open-data API leave them out through the one path manual invalidations take.
 */

const HOUR = 3600;
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

export interface QualityMarks {
  flags: QualityFlag[];
  /** values left out (open erroneous flags and confirmed ones) */
  erroneous: number;
  /** values kept but marked */
  suspect: number;
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

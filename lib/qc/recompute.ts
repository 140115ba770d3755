import { reaggregateHours } from "../aggregates/job";
import { type ArchiveReader, archives } from "../archive/reader";
import { recomputeClimatePeriod } from "../climate/job";
import { db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import { checkPeriod } from "./job";

/**
 * `meteo qc recompute`: the checks run again over a period of a station's archive (all of it by
 * default), e.g. after a tolerance changed or for the history a station brought with it. The hours
 * whose erroneous values changed are re-aggregated and their days' climatology recomputed.
 */

export interface RecomputeResult {
  station: string;
  /** unix seconds, (from, to] */
  from: number;
  to: number;
  flags: number;
  changedHours: number;
  seconds: number;
}

export async function recomputeQuality(
  station: Station,
  period: { from?: number; to?: number } = {},
  deps: { prisma?: PrismaClient; reader?: ArchiveReader; now?: number } = {},
): Promise<RecomputeResult> {
  const started = performance.now();
  const prisma = deps.prisma ?? db();
  const reader = deps.reader ?? archives();
  const oldest = await reader.oldestDateTime(station.archiveDatabase);
  const newest = await reader.newestDateTime(station.archiveDatabase);
  const from = period.from ?? (oldest === null ? 0 : oldest - 1);
  const to = period.to ?? newest ?? 0;
  const result = { station: station.slug, from, to, flags: 0, changedHours: 0, seconds: 0 };
  if (oldest !== null && from < to) {
    const checked = await checkPeriod(station, from, to, { prisma, reader, now: deps.now });
    const hours = [...checked.changedHours].sort((a, b) => a - b);
    if (hours.length > 0) {
      await reaggregateHours(station, hours, { prisma, reader });
      await recomputeClimatePeriod(station, hours[0], hours.at(-1)! + 3600);
    }
    result.flags = await prisma.qcFlag.count({
      where: { stationId: station.id, dateTime: { gt: from, lte: to } },
    });
    result.changedHours = hours.length;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

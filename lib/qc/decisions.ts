import { addInvalidation, recompute } from "../climate/invalidations";
import { db } from "../db/client";
import { UserError } from "../errors";
import type { QcFlag, Station } from "../generated/prisma/client";
import type { QcLevel } from "../generated/prisma/enums";
import { formatParis } from "../time";
import {
  CHECK_LABEL,
  type QcQuantity,
  QUANTITY_LABEL,
  SENSOR_OF,
  TUNABLE_CHECKS,
  type TunableCheck,
} from "./limits";

/**
 * What the station's managers do with the open flags (the station admin's "Qualité" screen): confirm a
 * run of flagged values (it becomes a sensor invalidation), dismiss it (the values are real: they come
 * back everywhere), or tune a check's tolerance. Every decision is written to QcDecision.
 */

export class QcDecisionError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "QcDecisionError";
  }
}

/** Consecutive open flags of one quantity and check (gaps under an hour): what a manager decides on. */
export interface FlagEpisode {
  quantity: QcQuantity;
  check: string;
  /** the worst level of the episode */
  level: QcLevel;
  /** unix seconds: the first flagged record's start (exclusive) and the last one's end */
  from: number;
  to: number;
  count: number;
  /** the last flag's figures */
  detail: string;
}

const GAP = 3600;

/** Groups flags (oldest first) into episodes (pure). */
export function episodesOf(
  flags: readonly Pick<QcFlag, "dateTime" | "interval" | "quantity" | "check" | "level" | "detail">[],
): FlagEpisode[] {
  const open = new Map<string, FlagEpisode>();
  const result: FlagEpisode[] = [];
  for (const flag of flags) {
    const key = `${flag.quantity}:${flag.check}`;
    const current = open.get(key);
    const start = flag.dateTime - flag.interval * 60;
    if (current && start - current.to <= GAP) {
      current.to = flag.dateTime;
      current.count++;
      current.detail = flag.detail;
      if (flag.level === "ERRONEOUS") current.level = "ERRONEOUS";
      continue;
    }
    const episode: FlagEpisode = {
      quantity: flag.quantity as QcQuantity,
      check: flag.check,
      level: flag.level,
      from: start,
      to: flag.dateTime,
      count: 1,
      detail: flag.detail,
    };
    open.set(key, episode);
    result.push(episode);
  }
  return result;
}

/** The station's open flags as episodes, newest first. */
export async function openEpisodes(stationId: number): Promise<FlagEpisode[]> {
  const flags = await db().qcFlag.findMany({
    where: { stationId, status: "OPEN" },
    orderBy: { dateTime: "asc" },
    take: 20_000,
  });
  return episodesOf(flags).reverse();
}

export interface EpisodeRef {
  quantity: string;
  check: string;
  from: number;
  to: number;
}

function describe(ref: EpisodeRef, count: number): string {
  const quantity = QUANTITY_LABEL[ref.quantity as QcQuantity] ?? ref.quantity;
  return `${quantity} (${CHECK_LABEL[ref.check] ?? ref.check}) : ${count} valeur(s) du ${formatParis(ref.from)} au ${formatParis(ref.to)}`;
}

async function openFlagsOf(station: Station, ref: EpisodeRef) {
  if (!(ref.quantity in SENSOR_OF)) throw new QcDecisionError(`Grandeur inconnue « ${ref.quantity} ».`);
  if (!Number.isInteger(ref.from) || !Number.isInteger(ref.to) || ref.from >= ref.to)
    throw new QcDecisionError("Période invalide.");
  const flags = await db().qcFlag.findMany({
    where: {
      stationId: station.id,
      status: "OPEN",
      quantity: ref.quantity,
      check: ref.check,
      dateTime: { gt: ref.from, lte: ref.to },
    },
    orderBy: { dateTime: "asc" },
  });
  if (flags.length === 0)
    throw new QcDecisionError("Ces signalements ne sont plus ouverts (déjà traités ou recalculés).");
  return flags;
}

/** The values were wrong: the flags become a sensor invalidation of their period. */
export async function confirmEpisode(station: Station, ref: EpisodeRef, by: string) {
  const flags = await openFlagsOf(station, ref);
  const from = flags[0].dateTime - flags[0].interval * 60;
  const to = flags.at(-1)!.dateTime;
  const detail = describe(ref, flags.length);
  const ids = flags.map((f) => f.id);
  await db().qcFlag.updateMany({ where: { id: { in: ids } }, data: { status: "CONFIRMED" } });
  try {
    await addInvalidation(station, {
      sensor: SENSOR_OF[ref.quantity as QcQuantity],
      from: new Date(from * 1000),
      to: new Date(to * 1000),
      reason: `Contrôle qualité confirmé : ${detail} — ${flags.at(-1)!.detail}`.slice(0, 500),
      createdBy: by,
    });
  } catch (error) {
    await db().qcFlag.updateMany({ where: { id: { in: ids } }, data: { status: "OPEN" } });
    throw error;
  }
  await db().qcDecision.create({ data: { stationId: station.id, action: "CONFIRM", detail, decidedBy: by } });
  return flags.length;
}

/** The values are real (a true record): they are used again everywhere and never flagged again. */
export async function dismissEpisode(station: Station, ref: EpisodeRef, by: string) {
  const flags = await openFlagsOf(station, ref);
  const ids = flags.map((f) => f.id);
  await db().qcFlag.updateMany({ where: { id: { in: ids } }, data: { status: "DISMISSED" } });
  const from = flags[0].dateTime - flags[0].interval * 60;
  try {
    await recompute(station, new Date(from * 1000), new Date(flags.at(-1)!.dateTime * 1000));
  } catch (error) {
    await db().qcFlag.updateMany({ where: { id: { in: ids } }, data: { status: "OPEN" } });
    throw error;
  }
  const detail = describe(ref, flags.length);
  await db().qcDecision.create({ data: { stationId: station.id, action: "DISMISS", detail, decidedBy: by } });
  return flags.length;
}

export const TOLERANCE_RANGE = [0.5, 5] as const;
/** The factors the admin screen offers. */
export const TOLERANCE_FACTORS = [0.5, 1, 1.5, 2, 3, 5] as const;

/** A check's limits multiplied by `factor` for this station (1 = the defaults). */
export async function setTolerance(station: Station, check: string, factor: number, by: string) {
  if (!(check in TUNABLE_CHECKS)) throw new QcDecisionError(`Contrôle non réglable « ${check} ».`);
  if (!Number.isFinite(factor) || factor < TOLERANCE_RANGE[0] || factor > TOLERANCE_RANGE[1])
    throw new QcDecisionError(
      `La tolérance va de ${TOLERANCE_RANGE[0]} à ${TOLERANCE_RANGE[1]} (1 = réglage par défaut).`,
    );
  await db().qcTolerance.upsert({
    where: { stationId_check: { stationId: station.id, check } },
    create: { stationId: station.id, check, factor },
    update: { factor },
  });
  const detail = `${TUNABLE_CHECKS[check as TunableCheck]} : tolérance × ${String(factor).replace(".", ",")}`;
  await db().qcDecision.create({
    data: { stationId: station.id, action: "TOLERANCE", detail, decidedBy: by },
  });
}

export function decisionLog(stationId: number) {
  return db().qcDecision.findMany({ where: { stationId }, orderBy: { at: "desc" }, take: 50 });
}

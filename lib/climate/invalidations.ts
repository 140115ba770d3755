import { reaggregatePeriod } from "../aggregates/job";
import { db } from "../db/client";
import { UserError } from "../errors";
import type { SensorInvalidation, Station } from "../generated/prisma/client";
import { SensorGroup } from "../generated/prisma/enums";
import { recomputeClimatePeriod } from "./job";

/**
 * Sensor invalidations (an administrator or editor marks a sensor's data invalid between two times,
 * with a reason): the one place that adds or removes them, for the admin pages and the CLI. Each change
 * re-aggregates the hours of the period and recomputes the climatology of the days it touches.
 */

export const SENSOR_LABELS: Record<SensorGroup, string> = {
  TEMPERATURE: "Température (et point de rosée, ressentis)",
  HUMIDITY: "Humidité (et point de rosée)",
  PRESSURE: "Pression",
  WIND: "Vent",
  RAIN: "Pluie",
  SOLAR: "Rayonnement, UV et ET",
  ALL: "Tous les capteurs",
};

/** Longest period one invalidation may cover (it is re-aggregated from the raw archive at once). */
export const MAX_INVALIDATION_DAYS = 366;

export class InvalidationError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidationError";
  }
}

export interface InvalidationInput {
  sensor: string;
  /** exclusive start */
  from: Date;
  /** inclusive end */
  to: Date;
  reason: string;
  createdBy: string | null;
}

/** Checks an invalidation; throws InvalidationError with a French message naming the problem. */
export function checkInvalidation(input: InvalidationInput): {
  sensor: SensorGroup;
  from: Date;
  to: Date;
  reason: string;
} {
  if (!(input.sensor in SensorGroup)) {
    throw new InvalidationError(
      `Capteur inconnu « ${input.sensor} » (attendu : ${Object.keys(SensorGroup).join(", ")}).`,
    );
  }
  if (Number.isNaN(input.from.getTime()) || Number.isNaN(input.to.getTime()))
    throw new InvalidationError("Les dates de début et de fin sont obligatoires.");
  if (input.from >= input.to) throw new InvalidationError("La fin doit être postérieure au début.");
  if (input.to.getTime() - input.from.getTime() > MAX_INVALIDATION_DAYS * 86400_000)
    throw new InvalidationError(`Une invalidation couvre au plus ${MAX_INVALIDATION_DAYS} jours.`);
  const reason = input.reason.trim();
  if (reason.length < 3) throw new InvalidationError("Indiquez la raison (au moins 3 caractères).");
  if (reason.length > 500) throw new InvalidationError("La raison est limitée à 500 caractères.");
  return { sensor: input.sensor as SensorGroup, from: input.from, to: input.to, reason };
}

/** Re-aggregates the hours of (from, to] and recomputes the climatology of the days it touches. */
export async function recompute(station: Station, from: Date, to: Date) {
  const [start, end] = [from.getTime() / 1000, to.getTime() / 1000];
  await reaggregatePeriod(station, start, end);
  await recomputeClimatePeriod(station, start, end);
}

/**
 * Adds an invalidation and recomputes its period. If the recomputation fails (the archive cannot be
 * read), the invalidation is withdrawn so that the data and the list never disagree; the error goes on.
 */
export async function addInvalidation(
  station: Station,
  input: InvalidationInput,
): Promise<SensorInvalidation> {
  const valid = checkInvalidation(input);
  const row = await db().sensorInvalidation.create({
    data: { stationId: station.id, ...valid, createdBy: input.createdBy },
  });
  try {
    await recompute(station, row.from, row.to);
  } catch (error) {
    await db().sensorInvalidation.delete({ where: { id: row.id } });
    throw error;
  }
  return row;
}

/**
 * Removes an invalidation (of `station` when given) and restores its data; returns what was removed.
 * If the recomputation fails, the invalidation is put back (its data is still excluded).
 */
export async function removeInvalidation(id: number, stationId?: number): Promise<SensorInvalidation> {
  const row = await db().sensorInvalidation.findFirst({
    where: { id, ...(stationId ? { stationId } : {}) },
    include: { station: true },
  });
  if (!row) throw new InvalidationError(`Aucune invalidation n° ${id}.`);
  await db().sensorInvalidation.delete({ where: { id } });
  const { station, ...invalidation } = row;
  try {
    await recompute(station, row.from, row.to);
  } catch (error) {
    await db().sensorInvalidation.create({ data: invalidation }); // still in force: put it back
    throw error;
  }
  return invalidation;
}

export function listInvalidations(stationId?: number) {
  return db().sensorInvalidation.findMany({
    where: stationId ? { stationId } : {},
    include: { station: { select: { slug: true, name: true } } },
    orderBy: [{ from: "desc" }],
  });
}

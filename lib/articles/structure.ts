import { z } from "zod";
import type { ForecastDay, Prisma, VigilanceNotice } from "../generated/prisma/client";
import { dateToDay, dayToDate, formatParis } from "../time";
import { type ForecastRow, forecastRowSchema, type VigilanceInput, vigilanceSchema } from "./input";
import {
  type ArticleType,
  LEVEL_LABEL,
  PHENOMENA,
  type Phenomenon,
  SKY_LABEL,
  ZONE_LABEL,
  type Zone,
} from "./model";

/**
 * The structured part of an article besides its text: a forecast's table (days × zones) and a
 * vigilance's notice. Stored in ForecastDay / VigilanceNotice, and kept with every revision (as JSON)
 * so that restoring a revision puts them back and the compare page shows their differences.
 */

export interface ArticleStructure {
  forecast: ForecastRow[];
  vigilance: VigilanceInput | null;
}

type Tx = Prisma.TransactionClient;

export function forecastRowFromDb(row: ForecastDay): ForecastRow {
  return {
    day: dateToDay(row.day),
    zone: row.zone,
    sky: row.sky,
    tMin: row.tMin,
    tMax: row.tMax,
    windSpeed: row.windSpeed,
    windDir: row.windDir as ForecastRow["windDir"],
    rainProbability: row.rainProbability,
  };
}

export function vigilanceFromDb(notice: VigilanceNotice): VigilanceInput {
  return {
    level: notice.level,
    phenomena: notice.phenomena.split(",").filter(Boolean) as Phenomenon[],
    zones: notice.zones.split(",").filter(Boolean) as Zone[],
    validFrom: notice.validFrom,
    validUntil: notice.validUntil,
  };
}

/** What an article has stored now. */
export async function readStructure(tx: Tx, articleId: number): Promise<ArticleStructure> {
  const [rows, notice] = await Promise.all([
    tx.forecastDay.findMany({ where: { articleId }, orderBy: [{ day: "asc" }, { zone: "asc" }] }),
    tx.vigilanceNotice.findUnique({ where: { articleId } }),
  ]);
  return { forecast: rows.map(forecastRowFromDb), vigilance: notice ? vigilanceFromDb(notice) : null };
}

/** Replaces an article's table and notice; only a FORECAST keeps a table, only a VIGILANCE a notice. */
export async function writeStructure(
  tx: Tx,
  articleId: number,
  type: ArticleType,
  structure: ArticleStructure,
): Promise<void> {
  await tx.forecastDay.deleteMany({ where: { articleId } });
  if (type === "FORECAST" && structure.forecast.length) {
    await tx.forecastDay.createMany({
      data: structure.forecast.map((row) => ({
        ...row,
        articleId,
        day: dayToDate(row.day),
      })),
      skipDuplicates: true,
    });
  }
  const notice = type === "VIGILANCE" ? structure.vigilance : null;
  if (notice) {
    const data = {
      level: notice.level,
      phenomena: notice.phenomena.join(","),
      zones: notice.zones.join(","),
      validFrom: notice.validFrom,
      validUntil: notice.validUntil,
    };
    await tx.vigilanceNotice.upsert({ where: { articleId }, create: { articleId, ...data }, update: data });
  } else {
    await tx.vigilanceNotice.deleteMany({ where: { articleId } });
  }
}

/** The JSON kept in ArticleRevision.details. */
export function structureJson(structure: ArticleStructure): Prisma.InputJsonObject {
  const { vigilance } = structure;
  return {
    forecast: structure.forecast.map((row) => ({ ...row })),
    vigilance: vigilance
      ? {
          ...vigilance,
          validFrom: vigilance.validFrom.toISOString(),
          validUntil: vigilance.validUntil.toISOString(),
        }
      : null,
  };
}

const storedSchema = z.object({
  forecast: z.array(forecastRowSchema),
  vigilance: vigilanceSchema.nullable(),
});

/** A revision's details back; null when it has none (written before revisions kept them) or unreadable. */
export function parseStructure(json: unknown): ArticleStructure | null {
  const parsed = storedSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const number = (value: number | null, unit: string) => (value === null ? "—" : `${value}${unit}`);

/** One French line per forecast cell and per vigilance field: what the compare page diffs. */
export function structureLines(structure: ArticleStructure | null): string[] {
  if (!structure) return [];
  const lines = structure.forecast.map((row) => {
    const [year, month, day] = row.day.split("-");
    const wind = row.windSpeed === null ? "—" : `${row.windDir ?? ""} ${row.windSpeed} km/h`.trim();
    return (
      `Prévision du ${day}/${month}/${year}, ${ZONE_LABEL[row.zone]} : ${SKY_LABEL[row.sky].label}, ` +
      `min ${number(row.tMin, " °C")}, max ${number(row.tMax, " °C")}, vent ${wind}, ` +
      `pluie ${number(row.rainProbability, " %")}`
    );
  });
  const v = structure.vigilance;
  if (v) {
    lines.push(
      `Vigilance ${LEVEL_LABEL[v.level]}`,
      `Phénomènes : ${v.phenomena.map((p) => PHENOMENA[p]).join(", ")}`,
      `Zones : ${v.zones.map((z) => ZONE_LABEL[z]).join(", ")}`,
      `Validité : du ${formatParis(v.validFrom.getTime() / 1000)} au ${formatParis(v.validUntil.getTime() / 1000)}`,
    );
  }
  return lines;
}

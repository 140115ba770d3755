import { z } from "zod";
import { ValidationError, validate } from "../actions/validation";
import { CARDINALS } from "../weather/wind";
import { parseParisInput } from "./dates";
import {
  ARTICLE_STATUSES,
  ARTICLE_TYPES,
  PHENOMENA,
  type Phenomenon,
  SKY_ICONS,
  SLUG_RE,
  VIGILANCE_LEVELS,
  ZONES,
} from "./model";

/** What the editor sends when it saves an article, validated with French messages. */

/** A date: ISO 8601 with its zone, or the editor's "YYYY-MM-DDTHH:mm" in Paris time. */
const dateInput = (message: string) =>
  z.preprocess(
    (value) =>
      typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)
        ? (parseParisInput(value) ?? value)
        : value,
    z.coerce.date({ error: message }),
  );

const optionalInt = (min: number, max: number, what: string) =>
  z
    .union([z.number(), z.string(), z.null()])
    .transform((value) => (value === null || value === "" ? null : Number(value)))
    .refine((value) => value === null || (Number.isInteger(value) && value >= min && value <= max), {
      message: `${what} : un nombre entier entre ${min} et ${max}`,
    });

export const forecastRowSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Prévision : date invalide (AAAA-MM-JJ)" }),
  zone: z.enum(ZONES, { error: "Prévision : zone inconnue" }),
  sky: z.enum(SKY_ICONS, { error: "Prévision : ciel inconnu" }),
  tMin: optionalInt(-40, 50, "Température minimale"),
  tMax: optionalInt(-40, 50, "Température maximale"),
  windSpeed: optionalInt(0, 250, "Vent"),
  windDir: z
    .union([z.enum(CARDINALS), z.literal(""), z.null()])
    .transform((value) => value || null)
    .default(null),
  rainProbability: optionalInt(0, 100, "Probabilité de pluie"),
});
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const vigilanceSchema = z
  .object({
    level: z.enum(VIGILANCE_LEVELS, { error: "Vigilance : niveau inconnu (vert, jaune, orange ou rouge)" }),
    phenomena: z
      .array(
        z.enum(Object.keys(PHENOMENA) as [Phenomenon, ...Phenomenon[]], {
          error: "Vigilance : phénomène inconnu",
        }),
      )
      .min(1, { message: "Vigilance : choisissez au moins un phénomène" }),
    zones: z.array(z.enum(ZONES, { error: "Vigilance : zone inconnue" })).min(1, {
      message: "Vigilance : choisissez au moins une zone",
    }),
    validFrom: dateInput("Vigilance : début de validité invalide"),
    validUntil: dateInput("Vigilance : fin de validité invalide"),
  })
  .refine((v) => v.validUntil.getTime() > v.validFrom.getTime(), {
    message: "Vigilance : la fin de validité doit suivre le début",
    path: ["validUntil"],
  });
export type VigilanceInput = z.infer<typeof vigilanceSchema>;

export const articleInputSchema = z.object({
  type: z.enum(ARTICLE_TYPES, { error: "Type d'article inconnu" }),
  title: z
    .string({ error: "Le titre est obligatoire" })
    .trim()
    .min(1, { message: "Le titre est obligatoire" })
    .max(255, { message: "Titre trop long (255 caractères au plus)" }),
  slug: z
    .string()
    .trim()
    .max(120, { message: "Adresse trop longue (120 caractères au plus)" })
    .refine((s) => s === "" || SLUG_RE.test(s), {
      message: "Adresse : lettres minuscules sans accents, chiffres et tirets uniquement",
    })
    .default(""),
  excerpt: z.string().max(1000, { message: "Chapô trop long (1000 caractères au plus)" }).default(""),
  bodyHtml: z.string().max(2_000_000, { message: "Texte trop long" }).default(""),
  coverId: z.number().int().positive().nullable().default(null),
  categoryIds: z.array(z.number().int().positive()).max(50).default([]),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  status: z.enum(ARTICLE_STATUSES, { error: "Statut inconnu" }).default("DRAFT"),
  publishedAt: z
    .union([z.literal(""), z.null(), dateInput("Date de publication invalide")])
    .transform((value) => (value === "" ? null : value))
    .default(null),
  forecast: z.array(forecastRowSchema).max(90).default([]),
  vigilance: vigilanceSchema.nullable().default(null),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/**
 * Parses an editor payload; a ValidationError (422) names every problem and the field of each
 * ("forecast.2.tMax"), for the editor to show beside it.
 */
export function parseArticleInput(raw: unknown): ArticleInput {
  const input = validate(articleInputSchema, raw);
  if (input.type === "VIGILANCE" && !input.vigilance) {
    const message = "Une vigilance doit préciser son niveau, ses phénomènes, ses zones et sa validité.";
    throw new ValidationError(message, { vigilance: message });
  }
  return input;
}

/**
 * The status actually stored and its publication date: publishing with a future date schedules;
 * scheduling needs a date.
 */
export function resolvePublication(
  status: ArticleInput["status"],
  publishedAt: Date | null,
  previous: Date | null,
  now = new Date(),
): { status: ArticleInput["status"]; publishedAt: Date | null } {
  if (status === "DRAFT" || status === "PENDING") return { status, publishedAt };
  if (status === "SCHEDULED" && !publishedAt) {
    const message = "Indiquez la date et l'heure de publication pour planifier l'article.";
    throw new ValidationError(message, { publishedAt: message });
  }
  const at = publishedAt ?? previous ?? now;
  return { status: at.getTime() > now.getTime() ? "SCHEDULED" : "PUBLISHED", publishedAt: at };
}

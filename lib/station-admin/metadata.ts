import { z } from "zod";
import { BannerType } from "../generated/prisma/enums";
import { sanitizeUserHtml } from "../security/html";
import { dateToDay, dayToDate, isCalendarDay } from "../time";

/**
 * The station metadata its managers edit (the legacy's hand-edited tables): validation of the admin
 * form, with French messages per field. Pure; HTML (description, banner message) is sanitised here with
 * the site-wide allow-list before it is stored.
 */

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} : obligatoire.` })
    .max(max, { message: `${label} : ${max} caractères au maximum.` });

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} : ${max} caractères au maximum.` })
    .transform((value) => value || null);

const decimal = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? Number.NaN : Number(value.replace(",", "."))))
    .refine((value) => Number.isFinite(value), { message: `${label} : un nombre est attendu.`, abort: true })
    .refine((value) => value >= min && value <= max, {
      message: `${label} : entre ${min} et ${max}.`,
    });

const whole = (label: string, min: number, max: number) =>
  decimal(label, min, max).refine(Number.isInteger, { message: `${label} : un nombre entier est attendu.` });

const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(500, { message: `${label} : 500 caractères au maximum.` })
    .refine((value) => value === "" || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)), {
      message: `${label} : une adresse http(s):// complète est attendue.`,
    })
    .transform((value) => value || null);

const html = (label: string, max: number) =>
  optionalText(label, max).transform((value) => (value ? sanitizeUserHtml(value).trim() || null : null));

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on");

export const stationMetadataSchema = z.object({
  name: text("Nom", 120),
  shortName: text("Nom court", 40),
  commune: text("Commune", 120),
  latitude: decimal("Latitude", -90, 90),
  longitude: decimal("Longitude", -180, 180),
  altitude: whole("Altitude", -500, 5000),
  model: optionalText("Matériel (modèle de station)", 120),
  exposure: optionalText("Emplacement et exposition", 2000),
  installedAt: z
    .string()
    .trim()
    .refine((value) => value === "" || isCalendarDay(value), {
      message: "Date d'installation : une date AAAA-MM-JJ est attendue.",
      abort: true,
    })
    .refine((value) => value === "" || Date.parse(value) <= Date.now(), {
      message: "Date d'installation : elle ne peut pas être dans le futur.",
    })
    .transform((value) => (value ? dayToDate(value) : null)),
  hasUv: checkbox,
  hasRadiation: checkbox,
  hasConsole: checkbox,
  offlineThresholdMinutes: whole("Seuil hors ligne (minutes)", 5, 10080),
  webcamUrl: optionalUrl("Adresse d'une webcam externe"),
  timelapseUrl: optionalUrl("Adresse du timelapse de la veille"),
  radarImageUrl: optionalUrl("Adresse de l'image radar"),
  bannerType: z
    .enum(["", ...Object.values(BannerType)], { error: "Type de bandeau inconnu." })
    .transform((value) => (value === "" ? null : (value as BannerType))),
  bannerTitle: optionalText("Titre du bandeau", 200),
  bannerMessage: html("Message du bandeau", 5000),
  managerName: optionalText("Nom du responsable", 120),
  managerUrl: optionalUrl("Site du responsable"),
  managerContact: optionalText("Contact du responsable", 200),
  description: html("Description", 20000),
});

export type StationMetadata = z.infer<typeof stationMetadataSchema>;

export const METADATA_FIELDS = Object.keys(stationMetadataSchema.shape) as (keyof StationMetadata)[];

/** What a station form's action answers besides its outcome (lib/actions/result). */
export interface StationFormData {
  /** What the inputs show next. */
  values: Record<string, string>;
  /** A new webcam token, shown once. */
  token?: string;
}

/** The form's values for a stored station (what the inputs show). */
export function metadataFormValues(station: Record<keyof StationMetadata, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of METADATA_FIELDS) {
    const value = station[field];
    values[field] =
      value instanceof Date
        ? dateToDay(value)
        : typeof value === "boolean"
          ? value
            ? "on"
            : ""
          : value == null
            ? ""
            : String(value);
  }
  return values;
}

export const partnerLinkSchema = z.object({
  name: text("Nom du partenaire", 120),
  url: optionalUrl("Adresse du partenaire"),
});

export const webcamSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, {
      message: "Identifiant : lettres minuscules, chiffres et tirets (il apparaît dans les adresses).",
    }),
  name: text("Nom de la webcam", 120),
  intervalMinutes: whole("Intervalle entre deux images", 1, 1440),
  retentionDays: whole("Durée de conservation des archives", 1, 3650),
});

import { daysBetween, isCalendarDay } from "../time";

/**
 * What the station admin's CSV export can contain, and the validation of a request (pure and client-safe:
 * the form checks with it before sending, the route checks again).
 */

export const EXPORT_STEPS = {
  raw: { label: "Relevés bruts" },
  "10m": { label: "10 minutes" },
  "1h": { label: "1 heure" },
} as const;
export type ExportStep = keyof typeof EXPORT_STEPS;

/**
 * kind: "measure" (raw value; per step mean, min and max), "sum" (rain, ET: totals), "max" (rain rate),
 * "wind" (speed, direction, gust and its direction; per step the mean, circular-mean direction, and the
 * strongest gust with its direction and time).
 */
export const EXPORT_FIELDS = [
  { key: "outTemp", label: "Température", unit: "°C", kind: "measure" },
  { key: "outHumidity", label: "Humidité", unit: "%", kind: "measure" },
  { key: "dewpoint", label: "Point de rosée", unit: "°C", kind: "measure" },
  { key: "barometer", label: "Pression au niveau de la mer", unit: "hPa", kind: "measure" },
  { key: "wind", label: "Vent", unit: "km/h", kind: "wind" },
  { key: "rain", label: "Pluie", unit: "mm", kind: "sum" },
  { key: "rainRate", label: "Intensité de pluie", unit: "mm/h", kind: "max" },
  { key: "windchill", label: "Refroidissement éolien", unit: "°C", kind: "measure" },
  { key: "heatindex", label: "Indice de chaleur", unit: "°C", kind: "measure" },
  { key: "appTemp", label: "Température ressentie", unit: "°C", kind: "measure" },
  { key: "UV", label: "Indice UV", unit: "", kind: "measure" },
  { key: "radiation", label: "Rayonnement solaire", unit: "W/m²", kind: "measure" },
  { key: "ET", label: "Évapotranspiration", unit: "mm", kind: "sum" },
  { key: "inTemp", label: "Température intérieure", unit: "°C", kind: "measure" },
  { key: "inHumidity", label: "Humidité intérieure", unit: "%", kind: "measure" },
  { key: "rxCheckPercent", label: "Réception radio", unit: "%", kind: "measure" },
  { key: "consBatteryVoltage", label: "Batterie de la console", unit: "V", kind: "measure" },
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

export const MAX_EXPORT_DAYS = 370;

export interface ExportRequest {
  /** Local calendar days of the station, both included. */
  from: string;
  to: string;
  step: ExportStep;
  fields: ExportField[];
  /** "fr": the French spreadsheet dialect (semicolons, decimal commas; lib/format/csv.ts) */
  dialect: "rfc" | "fr";
}

export interface ExportQuery {
  from?: string | null;
  to?: string | null;
  step?: string | null;
  /** Each value may itself be a comma-separated list. */
  fields: readonly string[];
  /** "fr" for the French spreadsheet dialect */
  dialecte?: string | null;
}

export function exportQueryOf(params: URLSearchParams): ExportQuery {
  return {
    from: params.get("from"),
    to: params.get("to"),
    step: params.get("step"),
    fields: params.getAll("fields"),
    dialecte: params.get("dialecte"),
  };
}

/** The request, or a French message naming every problem. */
export function parseExportRequest(
  query: ExportQuery,
): { request: ExportRequest; error: null } | { request: null; error: string } {
  const problems: string[] = [];
  const from = query.from?.trim() ?? "";
  const to = query.to?.trim() ?? "";
  if (!isCalendarDay(from)) problems.push("Date de début (from) manquante ou invalide : AAAA-MM-JJ attendu.");
  if (!isCalendarDay(to)) problems.push("Date de fin (to) manquante ou invalide : AAAA-MM-JJ attendu.");
  if (problems.length === 0) {
    const days = daysBetween(from, to);
    if (days < 1) problems.push("La date de début doit précéder la date de fin.");
    else if (days > MAX_EXPORT_DAYS)
      problems.push(`Période trop longue : ${days} jours demandés, ${MAX_EXPORT_DAYS} au maximum.`);
  }
  const step = query.step?.trim() || "raw";
  if (!Object.hasOwn(EXPORT_STEPS, step))
    problems.push(`Pas de temps (step) inconnu « ${step} » : raw, 10m ou 1h.`);
  const keys = query.fields
    .flatMap((value) => value.split(","))
    .map((key) => key.trim())
    .filter(Boolean);
  const unknown = keys.filter((key) => !EXPORT_FIELDS.some((field) => field.key === key));
  if (unknown.length) problems.push(`Mesure(s) inconnue(s) : ${unknown.map((k) => `« ${k} »`).join(", ")}.`);
  else if (keys.length === 0) problems.push("Choisissez au moins une mesure (fields).");
  const dialect = query.dialecte?.trim() || "rfc";
  if (dialect !== "rfc" && dialect !== "fr")
    problems.push(`Format de CSV (dialecte) inconnu « ${dialect} » : rfc ou fr.`);
  if (problems.length) return { request: null, error: problems.join(" ") };
  return {
    request: {
      from,
      to,
      step: step as ExportStep,
      // in catalogue order, each once
      fields: EXPORT_FIELDS.filter((field) => keys.includes(field.key)),
      dialect: dialect as ExportRequest["dialect"],
    },
    error: null,
  };
}

import type { ArticleStatus, ArticleType, SkyIcon, VigilanceLevel, Zone } from "../generated/prisma/enums";

/**
 * Vocabulary of the articles: French labels, public addresses and the rules that decide what a
 * visitor sees. Pure functions, shared by the back office, the public pages, the feeds and the import.
 */

export type { ArticleStatus, ArticleType, SkyIcon, VigilanceLevel, Zone };

export const ARTICLE_TYPES = ["FORECAST", "VIGILANCE", "CLIMATE", "NEWS", "PAGE"] as const;
export const ARTICLE_STATUSES = ["DRAFT", "PENDING", "SCHEDULED", "PUBLISHED"] as const;
export const ZONES = ["COAST", "MIDLAND", "HIGHLAND"] as const;

/** Size of an article's share image (og:image) when it has no cover. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };

export const TYPE_LABEL: Record<ArticleType, string> = {
  FORECAST: "Prévision",
  VIGILANCE: "Vigilance",
  CLIMATE: "Récapitulatif climatique",
  NEWS: "Actualité",
  PAGE: "Page",
};

/** List pages (and per-type feeds) of the types that have one; PAGE has none. */
export const TYPE_SECTION: Record<Exclude<ArticleType, "PAGE">, { path: string; title: string }> = {
  FORECAST: { path: "previsions", title: "Prévisions" },
  VIGILANCE: { path: "vigilances", title: "Vigilances" },
  CLIMATE: { path: "climat", title: "Récapitulatifs climatiques" },
  NEWS: { path: "actualites", title: "Actualités" },
};

export function typeFromSection(path: string): Exclude<ArticleType, "PAGE"> | null {
  const entry = Object.entries(TYPE_SECTION).find(([, section]) => section.path === path);
  return entry ? (entry[0] as Exclude<ArticleType, "PAGE">) : null;
}

export const STATUS_LABEL: Record<ArticleStatus, string> = {
  DRAFT: "Brouillon",
  PENDING: "En attente de relecture",
  SCHEDULED: "Planifié",
  PUBLISHED: "Publié",
};

export const ZONE_LABEL: Record<Zone, string> = {
  COAST: "Littoral",
  MIDLAND: "Moyen-pays",
  HIGHLAND: "Haut-pays",
};

/** Public address of an article (a path on the apex). */
export function articlePath(article: { type: ArticleType; slug: string }): string {
  return article.type === "PAGE" ? `/pages/${article.slug}` : `/articles/${article.slug}`;
}

/** Published, or scheduled and its time has come: what visitors may see. */
export function isPublic(article: { status: ArticleStatus; publishedAt: Date | null }, now = new Date()) {
  return (
    (article.status === "PUBLISHED" || article.status === "SCHEDULED") &&
    article.publishedAt !== null &&
    article.publishedAt.getTime() <= now.getTime()
  );
}

/** The status to show: a scheduled article whose time has passed is published. */
export function effectiveStatus(
  article: { status: ArticleStatus; publishedAt: Date | null },
  now = new Date(),
): ArticleStatus {
  return article.status === "SCHEDULED" && isPublic(article, now) ? "PUBLISHED" : article.status;
}

/** URL-safe slug from a French title: "Épisode méditerranéen à Nice !" → "episode-mediterraneen-a-nice". */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .replace(/['’]/g, "-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/g, "");
  return slug || "article";
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const VIGILANCE_LEVELS = ["GREEN", "YELLOW", "ORANGE", "RED"] as const;

export const LEVEL_LABEL: Record<VigilanceLevel, string> = {
  GREEN: "verte",
  YELLOW: "jaune",
  ORANGE: "orange",
  RED: "rouge",
};

export const PHENOMENA = {
  "vent-violent": "Vent violent",
  "pluie-inondation": "Pluie-inondation",
  orages: "Orages",
  "neige-verglas": "Neige-verglas",
  canicule: "Canicule",
  "grand-froid": "Grand froid",
  "vagues-submersion": "Vagues-submersion",
  avalanches: "Avalanches",
} as const;

export type Phenomenon = keyof typeof PHENOMENA;

export const SKY_ICONS = [
  "SUNNY",
  "PARTLY_CLOUDY",
  "CLOUDY",
  "OVERCAST",
  "SHOWERS",
  "RAIN",
  "THUNDERSTORM",
  "SNOW",
  "FOG",
] as const;

export const SKY_LABEL: Record<SkyIcon, { label: string; emoji: string }> = {
  SUNNY: { label: "Ensoleillé", emoji: "☀️" },
  PARTLY_CLOUDY: { label: "Peu nuageux", emoji: "🌤️" },
  CLOUDY: { label: "Nuageux", emoji: "⛅" },
  OVERCAST: { label: "Couvert", emoji: "☁️" },
  SHOWERS: { label: "Averses", emoji: "🌦️" },
  RAIN: { label: "Pluie", emoji: "🌧️" },
  THUNDERSTORM: { label: "Orages", emoji: "⛈️" },
  SNOW: { label: "Neige", emoji: "🌨️" },
  FOG: { label: "Brouillard", emoji: "🌫️" },
};

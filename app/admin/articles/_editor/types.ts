import type { ArticleStatus, ArticleType, SKY_ICONS, VIGILANCE_LEVELS, ZONES } from "@/lib/articles/model";

/** The article as the editor holds it while it is edited (dates as Paris "YYYY-MM-DDTHH:mm" or ""). */

export interface ForecastRowInput {
  day: string;
  zone: (typeof ZONES)[number];
  sky: (typeof SKY_ICONS)[number];
  tMin: number | null;
  tMax: number | null;
  windSpeed: number | null;
  windDir: string | null;
  rainProbability: number | null;
}

export interface VigilanceInput {
  level: (typeof VIGILANCE_LEVELS)[number];
  phenomena: string[];
  zones: string[];
  validFrom: string;
  validUntil: string;
}

export interface EditorArticle {
  id: number | null;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  slug: string;
  excerpt: string;
  bodyHtml: string;
  coverId: number | null;
  coverUrl: string | null;
  categoryIds: number[];
  tags: string[];
  /** Paris "YYYY-MM-DDTHH:mm" or "" */
  publishedAt: string;
  forecast: ForecastRowInput[];
  vigilance: VigilanceInput | null;
}

/** Changes one field of the article (and marks it changed since the last save). */
export type UpdateArticle = <K extends keyof EditorArticle>(key: K, value: EditorArticle[K]) => void;

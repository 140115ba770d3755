import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { MediaInfo } from "../media/urls";
import { dateToDay, dayToDate, localDay, localToUtc } from "../time";
import type { ArticleType, Phenomenon, SkyIcon, VigilanceLevel, Zone } from "./model";
import { mediaKeysIn } from "./render";

/**
 * What the public site reads. Every result is plain JSON (dates as ISO strings) so that pages can
 * cache it (lib/articles/public.ts); tests and feeds call these directly.
 */

export function publicWhere(now: Date): Prisma.ArticleWhereInput {
  return { status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } };
}

export interface ArticleCard {
  id: number;
  type: ArticleType;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  author: { id: number; name: string } | null;
  cover: MediaInfo | null;
}

const mediaSelect = {
  key: true,
  alt: true,
  width: true,
  height: true,
  widths: true,
  blurDataUrl: true,
} as const;

const cardSelect = {
  id: true,
  type: true,
  slug: true,
  title: true,
  excerpt: true,
  publishedAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  cover: { select: mediaSelect },
} as const;

type CardRow = Prisma.ArticleGetPayload<{ select: typeof cardSelect }>;

function toCard(row: CardRow): ArticleCard {
  return {
    ...row,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ListFilter {
  type?: ArticleType;
  /** all types but PAGE when no type is given */
  authorId?: number;
  categorySlug?: string;
  tagSlug?: string;
  /** "2013" or "2013-01": articles published that year or month (Paris time; old date archives) */
  period?: string;
  page?: number;
  perPage?: number;
}

export async function listPublicArticles(
  filter: ListFilter,
  now = new Date(),
): Promise<{ items: ArticleCard[]; total: number; page: number; pages: number }> {
  const perPage = filter.perPage ?? 10;
  const page = Math.max(1, filter.page ?? 1);
  const where: Prisma.ArticleWhereInput = {
    ...publicWhere(now),
    type: filter.type ?? { not: "PAGE" },
    ...(filter.authorId ? { authorId: filter.authorId } : {}),
    ...(filter.categorySlug ? { categories: { some: { category: { slug: filter.categorySlug } } } } : {}),
    ...(filter.tagSlug ? { tags: { some: { tag: { slug: filter.tagSlug } } } } : {}),
  };
  const period = filter.period ? periodRange(filter.period) : null;
  if (period) where.AND = [{ publishedAt: { gte: period.from } }, { publishedAt: { lt: period.to } }];
  const [rows, total] = await Promise.all([
    db().article.findMany({
      where,
      select: cardSelect,
      // Pinned articles (WordPress's sticky posts) first.
      orderBy: [{ pinned: "desc" }, { publishedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * perPage,
      take: perPage,
    }),
    db().article.count({ where }),
  ]);
  return { items: rows.map(toCard), total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** "2013" or "2013-01" → the Paris year or month as a UTC range, or null when malformed. */
export function periodRange(period: string): { from: Date; to: Date } | null {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  const start = (y: number, m: number) => new Date(localToUtc(y, m, 1, 0, 0) * 1000);
  return month === null
    ? { from: start(year, 1), to: start(year + 1, 1) }
    : { from: start(year, month), to: month === 12 ? start(year + 1, 1) : start(year, month + 1) };
}

export interface VigilanceNoticeView {
  level: VigilanceLevel;
  phenomena: Phenomenon[];
  zones: Zone[];
  validFrom: string;
  validUntil: string;
}

export interface ForecastRowView {
  day: string;
  zone: Zone;
  sky: SkyIcon;
  tMin: number | null;
  tMax: number | null;
  windSpeed: number | null;
  windDir: string | null;
  rainProbability: number | null;
}

export interface ArticleFull extends ArticleCard {
  status: string;
  bodyHtml: string;
  categories: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  forecast: ForecastRowView[];
  vigilance: VigilanceNoticeView | null;
  /** media-library images of the body, by key */
  media: MediaInfo[];
  /** the old site's comments, kept read-only (no e-mail is kept) */
  comments: ArchivedComment[];
}

export interface ArchivedComment {
  id: number;
  wpCommentId: number;
  wpParentId: number | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  postedAt: string;
}

function noticeView(notice: {
  level: VigilanceLevel;
  phenomena: string;
  zones: string;
  validFrom: Date;
  validUntil: Date;
}): VigilanceNoticeView {
  return {
    level: notice.level,
    phenomena: notice.phenomena.split(",").filter(Boolean) as Phenomenon[],
    zones: notice.zones.split(",").filter(Boolean) as Zone[],
    validFrom: notice.validFrom.toISOString(),
    validUntil: notice.validUntil.toISOString(),
  };
}

/** The columns of a forecast table cell that the pages show. */
const forecastSelect = {
  day: true,
  zone: true,
  sky: true,
  tMin: true,
  tMax: true,
  windSpeed: true,
  windDir: true,
  rainProbability: true,
} as const;

function forecastView(row: Omit<ForecastRowView, "day"> & { day: Date }): ForecastRowView {
  return { ...row, day: dateToDay(row.day) };
}

/** Any article (draft or not) with everything its page shows: for the site and the preview. */
export async function articleForDisplay(where: Prisma.ArticleWhereUniqueInput): Promise<ArticleFull | null> {
  const row = await db().article.findUnique({
    where,
    select: {
      ...cardSelect,
      status: true,
      bodyHtml: true,
      categories: { select: { category: { select: { slug: true, name: true } } } },
      tags: { select: { tag: { select: { slug: true, name: true } } } },
      forecast: { select: forecastSelect, orderBy: [{ day: "asc" }, { zone: "asc" }] },
      vigilance: true,
      comments: {
        select: {
          id: true,
          wpCommentId: true,
          wpParentId: true,
          authorName: true,
          authorUrl: true,
          bodyHtml: true,
          postedAt: true,
        },
        orderBy: [{ postedAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!row) return null;
  const keys = mediaKeysIn(row.bodyHtml);
  const media = keys.length
    ? await db().media.findMany({ where: { key: { in: keys } }, select: mediaSelect })
    : [];
  return {
    ...toCard(row),
    status: row.status,
    bodyHtml: row.bodyHtml,
    categories: row.categories.map((c) => c.category),
    tags: row.tags.map((t) => t.tag),
    forecast: row.forecast.map(forecastView),
    vigilance: row.vigilance ? noticeView(row.vigilance) : null,
    media,
    comments: row.comments.map((c) => ({ ...c, postedAt: c.postedAt.toISOString() })),
  };
}

export interface ActiveVigilance extends VigilanceNoticeView {
  slug: string;
  title: string;
}

/** Notices not yet expired (including those starting later: the banner shows them when they start). */
export async function currentVigilance(now = new Date()): Promise<ActiveVigilance[]> {
  const rows = await db().vigilanceNotice.findMany({
    where: { validUntil: { gt: now }, article: publicWhere(now) },
    include: { article: { select: { slug: true, title: true } } },
    orderBy: [{ validFrom: "asc" }],
  });
  const rank = { RED: 0, ORANGE: 1, YELLOW: 2, GREEN: 3 };
  return rows
    .map((row) => ({ ...noticeView(row), slug: row.article.slug, title: row.article.title }))
    .sort((a, b) => rank[a.level] - rank[b.level]);
}

/** The notices to show at `now` (pure: the banner re-applies it in the browser as time passes). */
export function noticesInForce<T extends { validFrom: string; validUntil: string }>(
  notices: T[],
  now: number,
): T[] {
  return notices.filter((n) => Date.parse(n.validFrom) <= now && now < Date.parse(n.validUntil));
}

export interface ForecastView {
  article: ArticleCard;
  rows: ForecastRowView[];
}

/** The newest public forecast that still has days to come (for one zone, or all zones). */
export async function latestForecast(zone: Zone | null, now = new Date()): Promise<ForecastView | null> {
  const today = dayToDate(localDay(now.getTime() / 1000));
  const dayWhere = { day: { gte: today }, ...(zone ? { zone } : {}) };
  const row = await db().article.findFirst({
    where: { ...publicWhere(now), type: "FORECAST", forecast: { some: dayWhere } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: {
      ...cardSelect,
      forecast: { where: dayWhere, orderBy: [{ day: "asc" }, { zone: "asc" }], select: forecastSelect },
    },
  });
  if (!row) return null;
  const { forecast, ...card } = row;
  return { article: toCard(card), rows: forecast.map(forecastView) };
}

/**
 * Full-text search (MariaDB FULLTEXT, boolean mode): every word of 3 letters or more must appear,
 * as a prefix ("orag" finds "orages"). Shorter words and operators are ignored.
 */
export function fulltextQuery(text: string): string | null {
  const words = text
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 12);
  return words.length ? words.map((w) => `+${w}*`).join(" ") : null;
}

export async function searchArticles(
  text: string,
  page = 1,
  perPage = 10,
  now = new Date(),
): Promise<{ items: ArticleCard[]; total: number; pages: number }> {
  const query = fulltextQuery(text);
  if (!query) return { items: [], total: 0, pages: 0 };
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM Article
    WHERE MATCH(title, excerpt, bodyText) AGAINST (${query} IN BOOLEAN MODE)
      AND status IN ('PUBLISHED', 'SCHEDULED') AND publishedAt <= ${now}
    ORDER BY MATCH(title, excerpt, bodyText) AGAINST (${query} IN BOOLEAN MODE) DESC, publishedAt DESC
    LIMIT 200`;
  const total = ids.length;
  const pageIds = ids.slice((page - 1) * perPage, page * perPage).map((r) => Number(r.id));
  const rows = await db().article.findMany({ where: { id: { in: pageIds } }, select: cardSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: pageIds.flatMap((id) => (byId.has(id) ? [toCard(byId.get(id)!)] : [])),
    total,
    pages: Math.ceil(total / perPage),
  };
}

/** Publication times of scheduled articles around now: the moments public lists must be refreshed. */
export async function scheduledTimes(now = new Date()): Promise<number[]> {
  const rows = await db().article.findMany({
    where: { status: "SCHEDULED", publishedAt: { gt: new Date(now.getTime() - 86_400_000) } },
    select: { publishedAt: true },
  });
  return rows.map((r) => r.publishedAt!.getTime()).sort((a, b) => a - b);
}

/** The latest scheduled publication that has happened: part of the public caches' keys. */
export function visibilityEpoch(times: number[], now: number): number {
  let epoch = 0;
  for (const t of times) if (t <= now) epoch = t;
  return epoch;
}

export async function authorProfile(id: number) {
  return db().user.findUnique({ where: { id }, select: { id: true, name: true, createdAt: true } });
}

/** Every public address for sitemap.xml. */
export async function sitemapArticles(now = new Date()) {
  const rows = await db().article.findMany({
    where: publicWhere(now),
    select: { type: true, slug: true, updatedAt: true, authorId: true },
    orderBy: { publishedAt: "desc" },
  });
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Articles of a feed, with their body. */
export async function feedArticles(type: ArticleType | null, limit = 20, now = new Date()) {
  const rows = await db().article.findMany({
    where: { ...publicWhere(now), type: type ?? { not: "PAGE" } },
    select: { ...cardSelect, bodyHtml: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({ ...toCard(row), bodyHtml: row.bodyHtml }));
}

/**
 * How many public changes happened by themselves in (since, until]: scheduled articles that went
 * live, vigilance notices that started or ended.
 */
export async function timedChanges(since: Date, until: Date): Promise<number> {
  const window = { gt: since, lte: until };
  const [published, notices] = await Promise.all([
    db().article.count({ where: { status: "SCHEDULED", publishedAt: window } }),
    db().vigilanceNotice.count({ where: { OR: [{ validFrom: window }, { validUntil: window }] } }),
  ]);
  return published + notices;
}

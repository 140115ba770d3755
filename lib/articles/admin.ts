import type { CurrentUser } from "../accounts/auth";
import { hasRole } from "../accounts/auth";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { mediaUrl, pickWidth } from "../media/urls";
import { localDay } from "../time";
import { toParisInput } from "./dates";
import { type ArticleStatus, type ArticleType, articlePath, TYPE_LABEL } from "./model";
import { publicWhere } from "./queries";
import { forecastRowFromDb, vigilanceFromDb } from "./structure";

/**
 * What the back office reads: article lists (own or all, or the trash), the editor's initial state,
 * the link dialog's search.
 */

export function listAdminArticles(
  user: CurrentUser,
  {
    mine = false,
    status,
    type,
    trash = false,
    page = 1,
  }: { mine?: boolean; status?: ArticleStatus; type?: ArticleType; trash?: boolean; page?: number },
) {
  const where: Prisma.ArticleWhereInput = {
    trashedAt: trash ? { not: null } : null,
    ...(mine || !hasRole(user, "EDITOR") ? { authorId: user.id } : {}),
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
  };
  return Promise.all([
    db().article.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }],
      skip: (page - 1) * 50,
      take: 50,
      select: {
        id: true,
        type: true,
        status: true,
        title: true,
        slug: true,
        publishedAt: true,
        updatedAt: true,
        trashedAt: true,
        authorId: true,
        author: { select: { name: true } },
      },
    }),
    db().article.count({ where }),
  ]);
}

export async function editorState(id: number) {
  const article = await db().article.findUnique({
    where: { id },
    include: {
      cover: true,
      categories: true,
      tags: { include: { tag: true } },
      forecast: { orderBy: [{ day: "asc" }, { zone: "asc" }] },
      vigilance: true,
    },
  });
  if (!article) return null;
  const vigilance = article.vigilance ? vigilanceFromDb(article.vigilance) : null;
  return {
    article,
    initial: {
      id: article.id,
      type: article.type,
      status: article.status,
      title: article.title,
      slug: article.slug,
      excerpt: article.excerpt,
      bodyHtml: article.bodyHtml,
      coverId: article.coverId,
      coverUrl: article.cover ? mediaUrl(article.cover.key, pickWidth(article.cover, 480), "webp") : null,
      categoryIds: article.categories.map((c) => c.categoryId),
      tags: article.tags.map((t) => t.tag.name),
      publishedAt: article.publishedAt ? toParisInput(article.publishedAt) : "",
      forecast: article.forecast.map(forecastRowFromDb),
      vigilance: vigilance && {
        ...vigilance,
        validFrom: toParisInput(vigilance.validFrom),
        validUntil: toParisInput(vigilance.validUntil),
      },
    },
  };
}

/** Everything the editor page needs besides the article. */
export async function editorContext() {
  const [categories, stations] = await Promise.all([
    db().category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().station.findMany({
      where: { active: true },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
  ]);
  const now = new Date();
  return { categories, stations, today: localDay(now.getTime() / 1000), now: toParisInput(now) };
}

export interface LinkTarget {
  title: string;
  path: string;
  /** "Actualité", "Page"… */
  kind: string;
}

/** Published articles and pages whose title contains `query` (the latest first), for a link. */
export async function searchLinkTargets(query: string, now = new Date()): Promise<LinkTarget[]> {
  const articles = await db().article.findMany({
    where: { ...publicWhere(now), ...(query ? { title: { contains: query } } : {}) },
    orderBy: { publishedAt: "desc" },
    take: 10,
    select: { title: true, slug: true, type: true },
  });
  return articles.map((a) => ({ title: a.title, path: articlePath(a), kind: TYPE_LABEL[a.type] }));
}

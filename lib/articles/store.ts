import type { CurrentUser } from "../accounts/auth";
import { db } from "../db/client";
import { ForbiddenError } from "../errors";
import type { Article, Prisma } from "../generated/prisma/client";
import { ApiError } from "../http/api";
import { type ArticleInput, resolvePublication } from "./input";
import { type ArticleType, articlePath, slugify } from "./model";
import { allowedStatuses, allowedTypes, canDeleteArticle, canEditArticle } from "./permissions";
import { autoExcerpt, bodyText, cleanArticleHtml, mediaKeysIn } from "./render";
import { parseStructure, readStructure, structureJson, writeStructure } from "./structure";

/**
 * Writing articles: every save is checked against the user's role, sanitised, kept as a revision,
 * and records which media it uses. Callers (routes, server actions, the import) revalidate caches.
 */

type Tx = Prisma.TransactionClient;

/** A slug not used by another article: "slug", then "slug-2", "slug-3"… */
export async function uniqueSlug(tx: Tx, wanted: string, exceptId?: number): Promise<string> {
  const base = wanted.slice(0, 120);
  const taken = new Set(
    (
      await tx.article.findMany({
        where: { slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) },
        select: { slug: true },
      })
    ).map((a) => a.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function checkInputRights(user: CurrentUser, input: ArticleInput) {
  if (!allowedTypes(user).includes(input.type)) {
    throw new ForbiddenError("Seuls les éditeurs peuvent écrire des vigilances et des pages.");
  }
  if (!allowedStatuses(user).includes(input.status)) {
    throw new ForbiddenError(
      "Seul un éditeur peut publier ou planifier un article : soumettez-le pour relecture.",
    );
  }
}

async function mediaIdsFor(tx: Tx, html: string, coverId: number | null): Promise<number[]> {
  const keys = mediaKeysIn(html);
  if (coverId !== null && !(await tx.media.findUnique({ where: { id: coverId }, select: { id: true } }))) {
    throw new ApiError(422, "L'image de couverture n'existe plus dans la médiathèque.");
  }
  if (keys.length === 0) return [];
  return (await tx.media.findMany({ where: { key: { in: keys } }, select: { id: true } })).map((m) => m.id);
}

async function writeRelations(tx: Tx, articleId: number, input: ArticleInput, mediaIds: number[]) {
  await tx.articleMedia.deleteMany({ where: { articleId } });
  if (mediaIds.length)
    await tx.articleMedia.createMany({ data: mediaIds.map((mediaId) => ({ articleId, mediaId })) });

  await tx.articleCategory.deleteMany({ where: { articleId } });
  if (input.categoryIds.length) {
    const found = await tx.category.findMany({
      where: { id: { in: input.categoryIds } },
      select: { id: true },
    });
    await tx.articleCategory.createMany({ data: found.map((c) => ({ articleId, categoryId: c.id })) });
  }

  await tx.articleTag.deleteMany({ where: { articleId } });
  for (const name of new Set(input.tags)) {
    const slug = slugify(name);
    const tag = await tx.tag.upsert({ where: { slug }, create: { slug, name }, update: {} });
    await tx.articleTag.upsert({
      where: { articleId_tagId: { articleId, tagId: tag.id } },
      create: { articleId, tagId: tag.id },
      update: {},
    });
  }

  await writeStructure(tx, articleId, input.type, input);
}

/** Keeps the article as it now stands (text, forecast table, vigilance notice) as a new revision. */
async function keepRevision(tx: Tx, article: Article, authorId: number | null) {
  await tx.articleRevision.create({
    data: {
      articleId: article.id,
      authorId,
      title: article.title,
      excerpt: article.excerpt,
      bodyHtml: article.bodyHtml,
      details: structureJson(await readStructure(tx, article.id)),
    },
  });
}

function content(input: Pick<ArticleInput, "bodyHtml" | "excerpt">) {
  const bodyHtml = cleanArticleHtml(input.bodyHtml);
  return {
    bodyHtml,
    bodyText: bodyText(bodyHtml),
    excerpt: input.excerpt.trim() ? input.excerpt.trim() : autoExcerpt(bodyHtml),
  };
}

export async function createArticle(
  user: CurrentUser,
  input: ArticleInput,
  now = new Date(),
): Promise<Article> {
  checkInputRights(user, input);
  const publication = resolvePublication(input.status, input.publishedAt, null, now);
  return db().$transaction(async (tx) => {
    const body = content(input);
    const slug = await uniqueSlug(tx, input.slug || slugify(input.title));
    const mediaIds = await mediaIdsFor(tx, body.bodyHtml, input.coverId);
    const article = await tx.article.create({
      data: {
        type: input.type,
        title: input.title,
        slug,
        ...body,
        ...publication,
        coverId: input.coverId,
        authorId: user.id,
      },
    });
    await writeRelations(tx, article.id, input, mediaIds);
    await keepRevision(tx, article, user.id);
    return article;
  });
}

export async function findEditableArticle(user: CurrentUser, id: number): Promise<Article> {
  const article = await db().article.findUnique({ where: { id } });
  if (!article) throw new ApiError(404, "Article introuvable.");
  if (article.trashedAt) throw new ApiError(409, "Cet article est dans la corbeille : restaurez-le d'abord.");
  if (!canEditArticle(user, article)) {
    throw new ForbiddenError(
      article.authorId === user.id
        ? "Cet article est publié ou planifié : seul un éditeur peut encore le modifier."
        : "Vous ne pouvez modifier que vos propres articles.",
    );
  }
  return article;
}

/** A full save: content, status, relations, and a new revision. */
export async function saveArticle(
  user: CurrentUser,
  id: number,
  input: ArticleInput,
  now = new Date(),
): Promise<Article> {
  const current = await findEditableArticle(user, id);
  checkInputRights(user, input);
  const publication = resolvePublication(input.status, input.publishedAt, current.publishedAt, now);
  return db().$transaction(async (tx) => {
    const body = content(input);
    const slug = await uniqueSlug(tx, input.slug || current.slug, id);
    const mediaIds = await mediaIdsFor(tx, body.bodyHtml, input.coverId);
    const article = await tx.article.update({
      where: { id },
      data: { type: input.type, title: input.title, slug, ...body, ...publication, coverId: input.coverId },
    });
    const oldPath = articlePath(current);
    if (oldPath !== articlePath(article) && current.publishedAt) {
      // The old address keeps working (and any redirect to it is pointed at the new one).
      await tx.redirect.updateMany({ where: { toPath: oldPath }, data: { toPath: articlePath(article) } });
      await tx.redirect.upsert({
        where: { fromPath: oldPath },
        create: { fromPath: oldPath, toPath: articlePath(article) },
        update: { toPath: articlePath(article) },
      });
    }
    // A published article takes its address back from a redirect; a draft or a submitted article
    // (its author's text, not yet an editor's decision) leaves the redirect alone.
    if (article.status === "PUBLISHED" || article.status === "SCHEDULED")
      await tx.redirect.deleteMany({ where: { fromPath: articlePath(article) } });
    await writeRelations(tx, id, input, mediaIds);
    await keepRevision(tx, article, user.id);
    return article;
  });
}

/**
 * Autosave while typing: one rolling autosave revision per author. A draft or pending article is
 * updated too; a published one is not changed until its author saves for real.
 */
export async function autosaveArticle(
  user: CurrentUser,
  id: number,
  input: Pick<ArticleInput, "title" | "excerpt" | "bodyHtml">,
): Promise<{ savedAt: Date; draftUpdated: boolean }> {
  const current = await findEditableArticle(user, id);
  const body = content(input);
  const title = input.title.trim() || current.title;
  const draftUpdated = current.status === "DRAFT" || current.status === "PENDING";
  return db().$transaction(async (tx) => {
    const latest = await tx.articleRevision.findFirst({ where: { articleId: id }, orderBy: { id: "desc" } });
    // Autosaves send only the text: the table and the notice are the stored ones.
    const details = structureJson(await readStructure(tx, id));
    const data = {
      title,
      excerpt: body.excerpt,
      bodyHtml: body.bodyHtml,
      details,
      autosave: true,
      authorId: user.id,
    };
    const revision =
      latest?.autosave && latest.authorId === user.id
        ? await tx.articleRevision.update({
            where: { id: latest.id },
            data: { ...data, createdAt: new Date() },
          })
        : await tx.articleRevision.create({ data: { articleId: id, ...data } });
    if (draftUpdated) {
      const mediaIds = await mediaIdsFor(tx, body.bodyHtml, null);
      await tx.article.update({ where: { id }, data: { title, ...body } });
      await tx.articleMedia.deleteMany({ where: { articleId: id } });
      if (mediaIds.length)
        await tx.articleMedia.createMany({ data: mediaIds.map((mediaId) => ({ articleId: id, mediaId })) });
    }
    return { savedAt: revision.createdAt, draftUpdated };
  });
}

/** Days an article stays in the trash before `meteo articles purge-trash` deletes it. */
export const TRASH_DAYS = 30;

async function findDeletableArticle(user: CurrentUser, id: number): Promise<Article> {
  const article = await db().article.findUnique({ where: { id } });
  if (!article) throw new ApiError(404, "Article introuvable.");
  if (!canDeleteArticle(user, article))
    throw new ForbiddenError("Vous ne pouvez supprimer que vos brouillons.");
  return article;
}

/** Moves an article to the trash: it leaves the site and the lists, as a draft, for TRASH_DAYS days. */
export async function trashArticle(user: CurrentUser, id: number, now = new Date()): Promise<Article> {
  await findDeletableArticle(user, id);
  return db().article.update({ where: { id }, data: { status: "DRAFT", trashedAt: now } });
}

/** Takes an article out of the trash, as a draft. */
export async function restoreArticle(user: CurrentUser, id: number): Promise<Article> {
  const article = await findDeletableArticle(user, id);
  if (!article.trashedAt) throw new ApiError(409, "Cet article n'est pas dans la corbeille.");
  return db().article.update({ where: { id }, data: { trashedAt: null } });
}

export async function deleteArticle(user: CurrentUser, id: number): Promise<Article> {
  const article = await findDeletableArticle(user, id);
  await db().article.delete({ where: { id } });
  return article;
}

/** Deletes the articles trashed more than TRASH_DAYS days ago; answers how many. */
export async function purgeTrash(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - TRASH_DAYS * 86_400_000);
  const { count } = await db().article.deleteMany({ where: { trashedAt: { lt: before } } });
  return count;
}

/**
 * Puts a revision back (as a new revision: nothing is lost): its text, and its forecast table or
 * vigilance notice when it kept them (revisions written before they did leave those as they are).
 */
export async function restoreRevision(
  user: CurrentUser,
  articleId: number,
  revisionId: number,
): Promise<Article> {
  const current = await findEditableArticle(user, articleId);
  const revision = await db().articleRevision.findFirst({ where: { id: revisionId, articleId } });
  if (!revision) throw new ApiError(404, "Révision introuvable.");
  return db().$transaction(async (tx) => {
    const body = content(revision);
    const mediaIds = await mediaIdsFor(tx, body.bodyHtml, null);
    const article = await tx.article.update({
      where: { id: current.id },
      data: { title: revision.title, ...body },
    });
    await tx.articleMedia.deleteMany({ where: { articleId } });
    if (mediaIds.length)
      await tx.articleMedia.createMany({ data: mediaIds.map((mediaId) => ({ articleId, mediaId })) });
    const structure = parseStructure(revision.details);
    if (structure) await writeStructure(tx, articleId, article.type, structure);
    await keepRevision(tx, article, user.id);
    return article;
  });
}

export function listRevisions(articleId: number) {
  return db().articleRevision.findMany({
    where: { articleId },
    orderBy: { id: "desc" },
    include: { author: { select: { name: true } } },
  });
}

export interface DraftInput {
  type: ArticleType;
  title: string;
  bodyHtml: string;
  excerpt?: string;
  authorId: number | null;
}

/**
 * A draft written by a job (e.g. the monthly climate summary of the climatology issue): sanitised,
 * with its first revision, left for an editor to review and publish. No role check: system use.
 */
export async function createDraftArticle(input: DraftInput): Promise<Article> {
  return db().$transaction(async (tx) => {
    const body = content({ bodyHtml: input.bodyHtml, excerpt: input.excerpt ?? "" });
    const slug = await uniqueSlug(tx, slugify(input.title));
    const article = await tx.article.create({
      data: {
        type: input.type,
        title: input.title.slice(0, 255),
        slug,
        ...body,
        status: "DRAFT",
        authorId: input.authorId,
      },
    });
    const mediaIds = await mediaIdsFor(tx, body.bodyHtml, null);
    if (mediaIds.length)
      await tx.articleMedia.createMany({
        data: mediaIds.map((mediaId) => ({ articleId: article.id, mediaId })),
      });
    await keepRevision(tx, article, input.authorId);
    return article;
  });
}

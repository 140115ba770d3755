import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "../../db";
import type { Article } from "../../generated/prisma/client";
import { uploadMedia } from "../../media/library";
import { MediaError } from "../../media/pipeline";
import { type MediaInfo, mediaUrl, mediaWidths } from "../../media/urls";
import { normalizeLegacyPath } from "../legacy";
import { type ArticleStatus, type ArticleType, articlePath, slugify } from "../model";
import { bodyText, mediaKeysIn } from "../render";
import { convertContent, convertExcerpt, oldSitePath, uploadPath } from "./content";
import { parseWxr, type WxrExport, type WxrItem } from "./wxr";

/**
 * `meteo import wordpress <export.xml> [--uploads <dir>]`: the whole move off WordPress. Idempotent
 * (posts by WordPress id, terms by term id, media by content, users by e-mail, redirects by old
 * address): running it again updates. The file is parsed and checked completely before anything is
 * written, so a malformed export imports nothing.
 */

export interface ImportSummary {
  authors: { created: number; existing: number };
  categories: number;
  tags: number;
  articles: { created: number; updated: number; byType: Record<string, number> };
  skipped: { type: string; count: number }[];
  media: { imported: number; existing: number; missing: string[]; refused: string[] };
  redirects: number;
  /** accounts created without a password: to invite */
  newUserIds: number[];
}

/** Default type of a category, from its name (the admin can change it in the back office). */
export function guessType(slug: string, name: string): ArticleType {
  const text = `${slug} ${slugify(name)}`;
  if (/vigilance|alerte/.test(text)) return "VIGILANCE";
  if (/prevision|previ|forecast/.test(text)) return "FORECAST";
  if (/climat|bilan|recap|releve/.test(text)) return "CLIMATE";
  return "NEWS";
}

const STATUS: Record<string, ArticleStatus | null> = {
  publish: "PUBLISHED",
  future: "SCHEDULED",
  draft: "DRAFT",
  pending: "PENDING",
  private: "DRAFT", // not public on the new site either; an editor decides
  "auto-draft": null,
  trash: null,
  inherit: null,
};

const TYPE_PRIORITY: ArticleType[] = ["VIGILANCE", "FORECAST", "CLIMATE", "NEWS"];

export async function importWordpress(
  file: string,
  { uploads, log = () => {} }: { uploads?: string; log?: (line: string) => void } = {},
): Promise<ImportSummary> {
  const xml = await readFile(file, "utf8");
  const wxr = parseWxr(xml); // throws WxrError (line, reason) before any write
  return importParsed(wxr, { uploads, log });
}

export async function importParsed(
  wxr: WxrExport,
  { uploads, log = () => {} }: { uploads?: string; log?: (line: string) => void },
): Promise<ImportSummary> {
  const prisma = db();
  const summary: ImportSummary = {
    authors: { created: 0, existing: 0 },
    categories: 0,
    tags: 0,
    articles: { created: 0, updated: 0, byType: {} },
    skipped: [],
    media: { imported: 0, existing: 0, missing: [], refused: [] },
    redirects: 0,
    newUserIds: [],
  };
  const redirects = new Map<string, string>();
  // Addresses known from earlier imports (links between posts of different exports of the site).
  const previousRedirects = new Map(
    (await prisma.redirect.findMany({ select: { fromPath: true, toPath: true } })).map((r) => [
      r.fromPath,
      r.toPath,
    ]),
  );
  const redirect = (from: string | null, to: string) => {
    if (from && from !== "/") redirects.set(normalizeLegacyPath(from), to);
  };

  // Authors: matched by e-mail; new accounts get no password (they are invited to choose one).
  const userByLogin = new Map<string, number>();
  for (const author of wxr.authors) {
    const email = author.email || `${slugify(author.login)}@import.invalid`;
    const existing = await prisma.user.findUnique({ where: { email } });
    const user =
      existing ??
      (await prisma.user.create({ data: { email, name: author.displayName.slice(0, 120), role: "AUTHOR" } }));
    if (existing) summary.authors.existing++;
    else {
      summary.authors.created++;
      summary.newUserIds.push(user.id);
    }
    userByLogin.set(author.login, user.id);
    redirect(`/author/${author.login}`, `/auteurs/${user.id}`);
  }

  // Categories and tags (also those only named on posts, as WordPress sometimes omits them).
  const categoryTerms = new Map(wxr.categories.map((c) => [c.slug, c]));
  const tagTerms = new Map(wxr.tags.map((t) => [t.slug, t]));
  for (const item of wxr.items) {
    for (const c of item.categories) {
      const terms = c.domain === "post_tag" ? tagTerms : c.domain === "category" ? categoryTerms : null;
      if (terms && c.slug && !terms.has(c.slug))
        terms.set(c.slug, { id: 0, slug: c.slug, name: c.name, parent: "" });
    }
  }
  const categories = new Map<string, { id: number; articleType: ArticleType | null }>();
  for (const term of categoryTerms.values()) {
    const slug = slugify(term.slug || term.name);
    const data = { name: term.name.slice(0, 191) || slug, ...(term.id ? { wpTermId: term.id } : {}) };
    const existing =
      (term.id ? await prisma.category.findUnique({ where: { wpTermId: term.id } }) : null) ??
      (await prisma.category.findUnique({ where: { slug } }));
    const category = existing
      ? await prisma.category.update({ where: { id: existing.id }, data })
      : await prisma.category.create({ data: { slug, ...data, articleType: guessType(slug, term.name) } });
    categories.set(term.slug, { id: category.id, articleType: category.articleType });
    redirect(`/category/${term.slug}`, `/articles?categorie=${category.slug}`);
    summary.categories++;
  }
  const tags = new Map<string, number>();
  for (const term of tagTerms.values()) {
    const slug = slugify(term.slug || term.name);
    const data = { name: term.name.slice(0, 191) || slug, ...(term.id ? { wpTermId: term.id } : {}) };
    const existing =
      (term.id ? await prisma.tag.findUnique({ where: { wpTermId: term.id } }) : null) ??
      (await prisma.tag.findUnique({ where: { slug } }));
    const tag = existing
      ? await prisma.tag.update({ where: { id: existing.id }, data })
      : await prisma.tag.create({ data: { slug, ...data } });
    tags.set(term.slug, tag.id);
    redirect(`/tag/${term.slug}`, `/articles?etiquette=${tag.slug}`);
    summary.tags++;
  }

  // Attachments: through the media pipeline, from the local copy of wp-content/uploads.
  const mediaByUpload = new Map<string, MediaInfo>();
  const mediaByAttachment = new Map<number, MediaInfo & { id: number }>();
  const attachments = wxr.items.filter((i) => i.type === "attachment");
  for (const item of attachments) {
    const upload =
      uploadPath(item.attachmentUrl) ??
      (item.meta._wp_attached_file ? { path: item.meta._wp_attached_file, width: null } : null);
    if (!upload) {
      summary.media.missing.push(`${item.attachmentUrl || item.title} (adresse inconnue)`);
      continue;
    }
    const existing = await prisma.media.findUnique({ where: { wpAttachmentId: item.id } });
    let media = existing;
    if (!media) {
      const source = uploads ? path.join(uploads, upload.path) : null;
      const buffer = source ? await readFile(source).catch(() => null) : null;
      if (!buffer) {
        summary.media.missing.push(upload.path);
        continue;
      }
      try {
        const result = await uploadMedia(null, buffer, {
          originalName: path.basename(upload.path),
          alt: item.meta._wp_attachment_image_alt?.trim() || item.title || path.basename(upload.path),
          caption: convertExcerpt(item.excerpt) || null,
          wpAttachmentId: item.id,
        });
        media = result.media;
        if (result.created) summary.media.imported++;
        else summary.media.existing++;
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        summary.media.refused.push(`${upload.path} : ${error.message}`);
        continue;
      }
    } else summary.media.existing++;
    mediaByUpload.set(upload.path, media);
    mediaByAttachment.set(item.id, media);
    const file = mediaUrl(media.key, mediaWidths(media).at(-1)!);
    redirect(`/wp-content/uploads/${upload.path}`, file);
    redirect(`/?attachment_id=${item.id}`, file);
    const link = oldSitePath(item.link, wxr.siteUrl);
    if (link && !link.startsWith("/?")) redirect(link, file);
  }

  // Posts and pages: plan slugs first, so that links between posts can be rewritten in one pass.
  const posts = wxr.items.filter((i) => i.type === "post" || i.type === "page");
  const planned = new Map<
    number,
    { item: WxrItem; type: ArticleType; status: ArticleStatus; slug: string; existing: Article | null }
  >();
  const reserved = new Set<string>();
  for (const item of posts) {
    const status = STATUS[item.status];
    if (!status) {
      countSkip(summary, `${item.type} (${item.status})`);
      continue;
    }
    const existing = await prisma.article.findUnique({ where: { wpPostId: item.id } });
    const type = item.type === "page" ? "PAGE" : typeOf(item, categories);
    let slug = existing?.slug ?? slugify(item.slug || item.title);
    if (!existing) {
      const base = slug;
      for (let n = 2; reserved.has(slug) || (await prisma.article.findUnique({ where: { slug } })); n++)
        slug = `${base}-${n}`;
    }
    reserved.add(slug);
    planned.set(item.id, { item, type, status, slug, existing });
  }
  const resolvePath = (old: string): string | null => {
    const p = /[?&](?:p|page_id)=(\d+)/.exec(old);
    if (p) {
      const target = planned.get(Number(p[1]));
      return target ? articlePath({ type: target.type, slug: target.slug }) : null;
    }
    const key = normalizeLegacyPath(old);
    for (const plan of planned.values()) {
      const link = oldSitePath(plan.item.link, wxr.siteUrl);
      if (link && normalizeLegacyPath(link) === key) return articlePath({ type: plan.type, slug: plan.slug });
    }
    return redirects.get(key) ?? previousRedirects.get(key) ?? null;
  };
  for (const item of wxr.items) {
    if (!["post", "page", "attachment"].includes(item.type)) countSkip(summary, item.type || "inconnu");
  }

  for (const { item, type, status, slug, existing } of planned.values()) {
    const bodyHtml = convertContent(item.content, {
      siteUrl: wxr.siteUrl,
      mediaByUpload,
      mediaByAttachment,
      resolvePath,
    });
    const excerpt = convertExcerpt(item.excerpt);
    const coverId = mediaByAttachment.get(Number(item.meta._thumbnail_id))?.id ?? null;
    const publishedAt = item.date ? new Date(item.date) : null;
    const data = {
      type,
      status:
        status === "SCHEDULED" && publishedAt && publishedAt.getTime() <= Date.now()
          ? ("PUBLISHED" as const)
          : status,
      title: item.title.slice(0, 255) || "(sans titre)",
      excerpt: excerpt || convertExcerpt(bodyHtml).slice(0, 220),
      bodyHtml,
      bodyText: bodyText(bodyHtml),
      publishedAt,
      coverId,
      authorId: userByLogin.get(item.creator) ?? null,
    };
    const mediaKeys = mediaKeysIn(bodyHtml);
    const mediaIds = mediaKeys.length
      ? (await prisma.media.findMany({ where: { key: { in: mediaKeys } }, select: { id: true } })).map(
          (m) => m.id,
        )
      : [];
    const article = await prisma.$transaction(async (tx) => {
      const saved = existing
        ? await tx.article.update({ where: { id: existing.id }, data })
        : await tx.article.create({ data: { ...data, slug, wpPostId: item.id } });
      if (
        !existing ||
        existing.bodyHtml !== bodyHtml ||
        existing.title !== data.title ||
        existing.excerpt !== data.excerpt
      ) {
        await tx.articleRevision.create({
          data: {
            articleId: saved.id,
            authorId: data.authorId,
            title: saved.title,
            excerpt: saved.excerpt,
            bodyHtml,
          },
        });
      }
      await tx.articleMedia.deleteMany({ where: { articleId: saved.id } });
      if (mediaIds.length)
        await tx.articleMedia.createMany({
          data: mediaIds.map((mediaId) => ({ articleId: saved.id, mediaId })),
        });
      await tx.articleCategory.deleteMany({ where: { articleId: saved.id } });
      await tx.articleTag.deleteMany({ where: { articleId: saved.id } });
      const categoryIds = new Set(
        item.categories
          .filter((c) => c.domain === "category")
          .flatMap((c) => categories.get(c.slug)?.id ?? []),
      );
      const tagIds = new Set(
        item.categories.filter((c) => c.domain === "post_tag").flatMap((c) => tags.get(c.slug) ?? []),
      );
      if (categoryIds.size)
        await tx.articleCategory.createMany({
          data: [...categoryIds].map((categoryId) => ({ articleId: saved.id, categoryId })),
        });
      if (tagIds.size)
        await tx.articleTag.createMany({
          data: [...tagIds].map((tagId) => ({ articleId: saved.id, tagId })),
        });
      return saved;
    });
    if (existing) summary.articles.updated++;
    else summary.articles.created++;
    summary.articles.byType[type] = (summary.articles.byType[type] ?? 0) + 1;
    const target = articlePath(article);
    redirect(`/?${item.type === "page" ? "page_id" : "p"}=${item.id}`, target);
    const guid = oldSitePath(item.guid, wxr.siteUrl);
    if (guid) redirect(guid, target);
    const link = oldSitePath(item.link, wxr.siteUrl);
    if (link) redirect(link, target);
  }

  for (const [fromPath, toPath] of redirects) {
    await prisma.redirect.upsert({ where: { fromPath }, create: { fromPath, toPath }, update: { toPath } });
  }
  summary.redirects = redirects.size;
  log(formatSummary(summary));
  return summary;
}

function typeOf(item: WxrItem, categories: Map<string, { articleType: ArticleType | null }>): ArticleType {
  const types = item.categories
    .filter((c) => c.domain === "category")
    .map((c) => categories.get(c.slug)?.articleType)
    .filter((t): t is ArticleType => Boolean(t) && t !== "PAGE");
  return TYPE_PRIORITY.find((t) => types.includes(t)) ?? "NEWS";
}

function countSkip(summary: ImportSummary, type: string) {
  const entry = summary.skipped.find((s) => s.type === type);
  if (entry) entry.count++;
  else summary.skipped.push({ type, count: 1 });
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Auteurs : ${s.authors.created} créés, ${s.authors.existing} déjà présents`,
    `Catégories : ${s.categories} ; étiquettes : ${s.tags}`,
    `Articles : ${s.articles.created} créés, ${s.articles.updated} mis à jour (${Object.entries(
      s.articles.byType,
    )
      .map(([type, n]) => `${type} ${n}`)
      .join(", ")})`,
    `Médias : ${s.media.imported} importés, ${s.media.existing} déjà présents, ${s.media.missing.length} introuvables, ${s.media.refused.length} refusés`,
    ...s.media.missing.map((m) => `  introuvable : ${m}`),
    ...s.media.refused.map((m) => `  refusé : ${m}`),
    `Ignorés : ${s.skipped.map((x) => `${x.type} ${x.count}`).join(", ") || "aucun"}`,
    `Redirections : ${s.redirects}`,
  ];
  return lines.join("\n");
}

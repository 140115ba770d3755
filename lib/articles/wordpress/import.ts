import { readFile } from "node:fs/promises";
import { decodeHTML } from "entities";
import { transliterate } from "transliteration";
import { db } from "../../db/client";
import type { Article } from "../../generated/prisma/client";
import { mediaUrl, mediaWidths } from "../../media/urls";
import { sanitizeCommentHtml } from "../../security/html";
import { recogniseEmbed } from "../external";
import { normalizeLegacyPath } from "../legacy";
import { type ArticleStatus, type ArticleType, articlePath, slugify } from "../model";
import { autoExcerpt, bodyText } from "../render";
import { autop, convertContent, convertExcerpt, oldSitePath, uploadPath, uploadUrlsIn } from "./content";
import type { DownloadOptions } from "./download";
import { type FileNeed, importFiles } from "./media";
import {
  type ArticleData,
  type ArticleWrite,
  articleFingerprint,
  type CommentRow,
  type ImportWrites,
  type PostRecord,
  readEarlierPosts,
  takenSlugs,
  writeImport,
} from "./store";
import { emptySummary, formatSummary, type ImportSummary, tally } from "./summary";
import { parseWxr, type WxrExport, type WxrItem, type WxrTerm } from "./wxr";

/**
 * `meteo import wordpress <export.xml>`: the whole move off WordPress. The file is parsed and checked
 * completely before anything is written, so a malformed export imports nothing. Running it again
 * updates what the previous run wrote and nothing else: each article's fingerprint (what the import
 * wrote) is kept, and an article changed on the site since is left as it is and listed.
 */

export type { ImportSummary } from "./summary";

export interface ImportOptions {
  /** local copy of wp-content/uploads */
  uploads?: string;
  /** download the files from the old site */
  fetch?: Omit<DownloadOptions, "origin"> & { origin?: string };
  /** shortcodes of the association's plugins (their tags removed, their content kept) */
  shortcodes?: string[];
  log?: (line: string) => void;
  progress?: (done: number, total: number) => void;
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

/** The old site as a key: host and path, without scheme nor "www." (http and https are one site). */
export function siteKey(siteUrl: string): string {
  try {
    const url = new URL(siteUrl);
    return `${url.hostname.replace(/^www\./, "")}${url.pathname.replace(/\/+$/, "")}`
      .toLowerCase()
      .slice(0, 191);
  } catch {
    return siteUrl.toLowerCase().slice(0, 191);
  }
}

/**
 * A slug for an imported post: the post's own (decoded), transliterated when not Latin
 * ("天气预报-2023" → "tian-qi-yu-bao-2023"), else from the title; never reduced to digits.
 */
export function importSlug(item: Pick<WxrItem, "slug" | "title" | "id">): string {
  for (const candidate of [item.slug, item.title]) {
    const slug = slugify(transliterate(candidate ?? ""));
    if (candidate && slug !== "article" && !/^[\d-]+$/.test(slug)) return slug;
  }
  return `article-${item.id}`;
}

export async function importWordpress(file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const xml = await readFile(file, "utf8");
  const wxr = parseWxr(xml); // throws WxrError (line, reason) before any write
  return importParsed(wxr, options);
}

/** The files a set of items needs: attachments, and every upload their contents use. */
function fileNeeds(wxr: WxrExport): FileNeed[] {
  const needs = new Map<string, FileNeed>();
  const site = new URL(`${wxr.siteUrl}/`);
  const urlPathOf = (url: string, upload: string) => {
    // The old site's own path (WordPress may live in a sub-folder); other hosts (a CDN): the usual place.
    try {
      const parsed = new URL(url, site);
      const prefix = parsed.pathname.split("/wp-content/uploads/")[0];
      return oldSitePath(url, wxr.siteUrl) !== null
        ? `${prefix}/wp-content/uploads/${upload}`
        : `${site.pathname.replace(/\/$/, "")}/wp-content/uploads/${upload}`;
    } catch {
      return `/wp-content/uploads/${upload}`;
    }
  };
  const encode = (upload: string) => upload.split("/").map(encodeURIComponent).join("/");
  for (const item of wxr.items.filter((i) => i.type === "attachment")) {
    const upload =
      uploadPath(item.attachmentUrl) ??
      (item.meta._wp_attached_file ? { path: item.meta._wp_attached_file, width: null } : null);
    if (!upload) continue;
    needs.set(upload.path, {
      path: upload.path,
      urlPath: urlPathOf(item.attachmentUrl, encode(upload.path)),
      attachment: {
        id: item.id,
        title: item.title,
        alt: item.meta._wp_attachment_image_alt?.trim() ?? "",
        caption: convertExcerpt(item.excerpt),
      },
    });
  }
  for (const item of wxr.items.filter((i) => i.type === "post" || i.type === "page")) {
    for (const url of uploadUrlsIn(item.content)) {
      const upload = uploadPath(url);
      if (!upload || needs.has(upload.path)) continue;
      // Only the old site's files (or its CDN copies): never another site's.
      const onSite =
        oldSitePath(url, wxr.siteUrl) !== null ||
        new RegExp(
          `^https?://i\\d\\.wp\\.com/(www\\.)?${site.hostname.replace(/^www\./, "").replace(/\./g, "\\.")}/`,
        ).test(url);
      if (onSite) needs.set(upload.path, { path: upload.path, urlPath: urlPathOf(url, encode(upload.path)) });
    }
  }
  return [...needs.values()];
}

export async function importParsed(wxr: WxrExport, options: ImportOptions = {}): Promise<ImportSummary> {
  const prisma = db();
  const log = options.log ?? (() => {});
  const site = siteKey(wxr.siteUrl);
  const summary = emptySummary();
  const redirects = new Map<string, string>();
  /** addresses that must not replace another article's (posts of another export reusing an id) */
  const weakRedirects = new Set<string>();
  // Addresses known from earlier imports (links between posts of different exports of the site).
  const previousRedirects = new Map(
    (await prisma.redirect.findMany({ select: { fromPath: true, toPath: true } })).map((r) => [
      r.fromPath,
      r.toPath,
    ]),
  );
  const redirect = (from: string | null, to: string, weak = false) => {
    if (!from || from === "/") return;
    const key = normalizeLegacyPath(from);
    redirects.set(key, to);
    if (weak) weakRedirects.add(key);
  };

  const userByLogin = await importAuthors(wxr, summary);
  for (const author of wxr.authors)
    redirect(`/author/${author.login}`, `/auteurs/${userByLogin.get(author.login)}`);

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
  const categories = await importTerms([...categoryTerms.values()], {
    find: (where) => prisma.category.findMany({ where }),
    create: (data) =>
      prisma.category.create({ data: { ...data, articleType: guessType(data.slug, data.name) } }),
    update: (id, data) => prisma.category.update({ where: { id }, data }),
  });
  for (const term of categoryTerms.values()) {
    const category = categories.get(term.slug)!;
    redirect(`/category/${term.slug}`, `/articles?categorie=${category.slug}`);
    if (term.id) redirect(`/?cat=${term.id}`, `/articles?categorie=${category.slug}`);
  }
  const tags = await importTerms([...tagTerms.values()], {
    find: (where) => prisma.tag.findMany({ where }),
    create: (data) => prisma.tag.create({ data }),
    update: (id, data) => prisma.tag.update({ where: { id }, data }),
  });
  for (const [slug, tag] of tags) redirect(`/tag/${slug}`, `/articles?etiquette=${tag.slug}`);
  summary.categories = categories.size;
  summary.tags = tags.size;

  // Files: attachments and every upload the posts use.
  const files = await importFiles(fileNeeds(wxr), {
    site,
    uploads: options.uploads,
    fetch: options.fetch ? { ...options.fetch, origin: options.fetch.origin ?? wxr.siteUrl } : undefined,
    progress: options.progress,
  });
  summary.media = files.stats;
  const attachments = wxr.items.filter((i) => i.type === "attachment");
  for (const item of attachments) {
    const upload =
      uploadPath(item.attachmentUrl) ??
      (item.meta._wp_attached_file ? { path: item.meta._wp_attached_file } : null);
    if (!upload) continue;
    const media = files.mediaByAttachment.get(item.id);
    const file = files.fileByAttachment.get(item.id);
    const target = media
      ? mediaUrl(media.key, mediaWidths(media).at(-1)!)
      : file
        ? `/api/media/${file.key}/file.${file.extension}`
        : null;
    if (!target) continue;
    redirect(`/wp-content/uploads/${upload.path}`, target);
    redirect(`/?attachment_id=${item.id}`, target);
    const link = oldSitePath(item.link, wxr.siteUrl);
    if (link && !link.startsWith("/?")) redirect(link, target);
  }
  for (const [path, media] of files.mediaByUpload)
    redirect(`/wp-content/uploads/${path}`, mediaUrl(media.key, mediaWidths(media).at(-1)!));
  for (const [path, file] of files.fileByUpload)
    redirect(`/wp-content/uploads/${path}`, `/api/media/${file.key}/file.${file.extension}`);
  const attachedIds = new Map<number, number[]>();
  for (const a of [...attachments].sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id))
    attachedIds.set(a.parent, [...(attachedIds.get(a.parent) ?? []), a.id]);
  const attachedTo = (postId: number) => attachedIds.get(postId) ?? [];

  // Posts and pages: plan slugs first, so that links between posts can be rewritten in one pass.
  const known = new Set(wxr.authors.map((a) => a.login));
  const posts = wxr.items.filter((i) => i.type === "post" || i.type === "page");
  const earlier = await readEarlierPosts(
    site,
    posts.map((p) => p.id),
  );
  interface Plan {
    item: WxrItem;
    type: ArticleType;
    status: ArticleStatus;
    slug: string;
    existing: Article | null;
    record: PostRecord | null;
    reused: boolean;
    guid: string;
  }
  const plans: Plan[] = [];
  const claims: ImportWrites["claims"] = [];
  for (const item of posts) {
    const status = STATUS[item.status];
    if (!status) {
      tally(summary.skipped, `${item.type} (${item.status})`);
      continue;
    }
    if (item.creator && !known.has(item.creator)) tally(summary.unknownAuthors, item.creator);
    const guid = (item.guid || `${wxr.siteUrl}/?p=${item.id}`).slice(0, 191);
    const found = earlier.find(item.id, guid);
    if (found && !found.article) {
      summary.articles.deleted.push(`${item.id} « ${item.title} »`);
      continue;
    }
    if (found?.record.site === "") claims.push({ recordId: found.record.id, site, guid });
    const reused = !found && earlier.idTaken(item.id);
    if (reused) summary.reusedIds.push(`${item.id} « ${item.title} »`);
    const existing = found?.article ?? null;
    const type = item.type === "page" ? "PAGE" : typeOf(item, categories);
    plans.push({
      item,
      type,
      status,
      slug: existing?.slug ?? importSlug(item),
      existing,
      record: found?.record ?? null,
      reused,
      guid,
    });
  }
  // New articles' slugs: "slug", else "slug-2", "slug-3"… (not taken on the site nor by this run).
  const fresh = plans.filter((plan) => !plan.existing);
  const taken = await takenSlugs(fresh.map((plan) => plan.slug));
  for (const plan of plans) if (plan.existing) taken.add(plan.slug);
  for (const plan of fresh) {
    const base = plan.slug;
    for (let n = 2; taken.has(plan.slug); n++) plan.slug = `${base}-${n}`;
    taken.add(plan.slug);
  }
  const planById = new Map(plans.filter((plan) => !plan.reused).map((plan) => [plan.item.id, plan]));
  const planByLink = new Map<string, Plan>();
  for (const plan of [...plans].reverse()) {
    const link = oldSitePath(plan.item.link, wxr.siteUrl);
    if (link) planByLink.set(normalizeLegacyPath(link), plan);
  }
  const resolvePath = (old: string): string | null => {
    const p = /[?&](?:p|page_id)=(\d+)/.exec(old);
    if (p) {
      const target = planById.get(Number(p[1]));
      return target ? articlePath(target) : null;
    }
    const key = normalizeLegacyPath(old);
    const target = planByLink.get(key);
    if (target) return articlePath(target);
    return redirects.get(key) ?? previousRedirects.get(key) ?? null;
  };
  for (const item of wxr.items) {
    if (!["post", "page", "attachment"].includes(item.type)) tally(summary.skipped, item.type || "inconnu");
  }

  const writes: ArticleWrite[] = [];
  const comments = new Map<string, CommentRow[]>();
  for (const { item, type, status, slug, existing, record, reused, guid } of plans) {
    const converted = convertContent(
      item.content,
      {
        siteUrl: wxr.siteUrl,
        mediaByUpload: files.mediaByUpload,
        fileByUpload: files.fileByUpload,
        mediaByAttachment: files.mediaByAttachment,
        fileByAttachment: files.fileByAttachment,
        attachedTo,
        resolvePath,
        pluginShortcodes: options.shortcodes ?? [],
        oembedTitles: oembedTitles(item.meta),
      },
      item,
    );
    const bodyHtml = converted.html;
    const protectedPost = item.password !== "";
    const publishedAt = item.date ? new Date(item.date) : null;
    const finalStatus: ArticleStatus = protectedPost
      ? "DRAFT"
      : status === "SCHEDULED" && publishedAt && publishedAt.getTime() <= Date.now()
        ? "PUBLISHED"
        : status;
    const data: ArticleData = {
      type,
      status: finalStatus,
      title: item.title.slice(0, 255) || "(sans titre)",
      excerpt: convertExcerpt(item.excerpt) || autoExcerptFrom(converted.teaser, bodyHtml),
      bodyHtml,
      bodyText: bodyText(bodyHtml),
      publishedAt,
      // WordPress's own modified date, not the time of the import.
      updatedAt: new Date(item.modified ?? item.date ?? Date.now()),
      pinned: item.sticky,
      coverId: files.mediaByAttachment.get(Number(item.meta._thumbnail_id))?.id ?? null,
      authorId: userByLogin.get(item.creator) ?? null,
    };
    const label = `${item.id} « ${data.title} »`;
    if (protectedPost) summary.passwordProtected.push(label);
    if (item.status === "private") summary.privatePosts.push(label);

    // Changed on the site since the last import (or imported before changes were tracked): kept.
    const edited = existing && (!record?.fingerprint || articleFingerprint(existing) !== record.fingerprint);
    let target: string;
    if (existing && edited) {
      summary.articles.kept.push(`${label} → ${articlePath(existing)}`);
      target = articlePath(existing);
    } else {
      tallyContent(summary, converted);
      if (finalStatus === "DRAFT") summary.articles.drafts++;
      target = articlePath({ type, slug });
      if (existing && articleFingerprint({ ...existing, ...data, slug }) === record?.fingerprint) {
        summary.articles.unchanged++;
        target = articlePath(existing);
      } else {
        const termIds = (domain: string, terms: Map<string, { id: number }>) =>
          item.categories.filter((c) => c.domain === domain).flatMap((c) => terms.get(c.slug)?.id ?? []);
        writes.push({
          existing,
          slug,
          data,
          post: { site, wpPostId: item.id, guid },
          categoryIds: termIds("category", categories),
          tagIds: termIds("post_tag", tags),
        });
        if (existing) summary.articles.updated++;
        else summary.articles.created++;
        summary.articles.byType[type] = (summary.articles.byType[type] ?? 0) + 1;
      }
    }
    comments.set(existing?.slug ?? slug, approvedComments(item, summary));
    redirect(`/?${item.type === "page" ? "page_id" : "p"}=${item.id}`, target, reused);
    const guidPath = oldSitePath(item.guid, wxr.siteUrl);
    if (guidPath) redirect(guidPath, target, reused);
    const link = oldSitePath(item.link, wxr.siteUrl);
    if (link) redirect(link, target, reused);
  }

  await writeImport({ articles: writes, claims, comments, redirects, weakRedirects, previousRedirects });
  summary.redirects = redirects.size;
  log(formatSummary(summary));
  return summary;
}

/** Authors, matched by e-mail; new accounts get no password (they may be invited to choose one). */
async function importAuthors(wxr: WxrExport, summary: ImportSummary): Promise<Map<string, number>> {
  const prisma = db();
  const emailOf = (author: WxrExport["authors"][number]) =>
    (author.email || `${slugify(author.login)}@import.invalid`).toLowerCase();
  const users = new Map(
    (
      await prisma.user.findMany({
        where: { email: { in: wxr.authors.map(emailOf) } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.email.toLowerCase(), u.id]),
  );
  const userByLogin = new Map<string, number>();
  for (const author of wxr.authors) {
    const email = emailOf(author);
    let id = users.get(email);
    if (id === undefined) {
      id = (
        await prisma.user.create({ data: { email, name: author.displayName.slice(0, 120), role: "AUTHOR" } })
      ).id;
      users.set(email, id);
      summary.authors.created++;
      summary.newUserIds.push(id);
    } else summary.authors.existing++;
    userByLogin.set(author.login, id);
  }
  return userByLogin;
}

interface TermRow {
  id: number;
  slug: string;
  name: string;
  wpTermId: number | null;
  articleType?: ArticleType | null;
}

/**
 * Categories or tags: matched by WordPress term id, else by slug; read at once, and only new or renamed
 * ones written. Returns each term of the export (by its WordPress slug) and the row it is now.
 */
async function importTerms<Row extends TermRow>(
  terms: WxrTerm[],
  store: {
    find: (where: { OR: ({ wpTermId: { in: number[] } } | { slug: { in: string[] } })[] }) => Promise<Row[]>;
    create: (data: { slug: string; name: string; wpTermId?: number }) => Promise<Row>;
    update: (id: number, data: { name: string; wpTermId?: number }) => Promise<Row>;
  },
): Promise<Map<string, Row>> {
  const slugOf = (term: WxrTerm) => slugify(transliterate(term.slug || term.name));
  const rows = await store.find({
    OR: [
      { wpTermId: { in: terms.flatMap((t) => (t.id ? [t.id] : [])) } },
      { slug: { in: terms.map(slugOf) } },
    ],
  });
  const byTermId = new Map(rows.flatMap((row) => (row.wpTermId ? [[row.wpTermId, row] as const] : [])));
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const result = new Map<string, Row>();
  for (const term of terms) {
    const slug = slugOf(term);
    const data = { name: term.name.slice(0, 191) || slug, ...(term.id ? { wpTermId: term.id } : {}) };
    const existing = (term.id ? byTermId.get(term.id) : undefined) ?? bySlug.get(slug);
    let row = existing;
    if (!row) row = await store.create({ slug, ...data });
    else if (row.name !== data.name || (term.id && row.wpTermId !== term.id))
      row = await store.update(row.id, data);
    if (row.wpTermId) byTermId.set(row.wpTermId, row);
    bySlug.set(row.slug, row);
    result.set(term.slug, row);
  }
  return result;
}

function autoExcerptFrom(teaser: string | null, bodyHtml: string): string {
  if (!teaser) return autoExcerpt(bodyHtml);
  return teaser.length > 1000 ? autoExcerpt(`<p>${teaser}</p>`, 1000) : teaser;
}

/** Titles of embedded videos from WordPress's oEmbed cache (postmeta _oembed_<hash>). */
function oembedTitles(meta: Record<string, string>): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [key, value] of Object.entries(meta)) {
    if (!key.startsWith("_oembed_") || key.startsWith("_oembed_time_")) continue;
    const title = /title="([^"]+)"/.exec(value)?.[1];
    const found = recogniseEmbed(decodeHTML(/src="([^"]+)"/.exec(value)?.[1] ?? ""));
    if (title && found) titles.set(`${found.provider}:${found.ref}`, decodeHTML(title));
  }
  return titles;
}

function tallyContent(summary: ImportSummary, converted: ReturnType<typeof convertContent>) {
  for (const [provider, n] of converted.embeds) tally(summary.embeds, provider, n);
  for (const [kind, n] of converted.removed) tally(summary.removed, kind, n);
  summary.oldSiteImages += converted.oldSiteImages.length;
}

/** Approved comments, read-only under the article (no e-mail kept); the others are counted. */
function approvedComments(item: WxrItem, summary: ImportSummary): CommentRow[] {
  const approved = item.comments.filter((c) => {
    if (c.type && c.type !== "comment") {
      tally(
        summary.comments.skipped,
        c.type === "pingback" || c.type === "trackback" ? "rétroliens" : c.type,
      );
      return false;
    }
    if (c.approved !== "1") {
      tally(summary.comments.skipped, c.approved === "spam" ? "indésirables" : "non approuvés");
      return false;
    }
    return true;
  });
  summary.comments.imported += approved.length;
  return approved.map((c) => ({
    wpCommentId: c.id,
    wpParentId: c.parent || null,
    authorName: (c.author || "Anonyme").slice(0, 255),
    authorUrl: /^https?:\/\//i.test(c.authorUrl) ? c.authorUrl.slice(0, 500) : null,
    bodyHtml: sanitizeCommentHtml(autop(c.content)),
    postedAt: new Date(c.date),
  }));
}

function typeOf(item: WxrItem, categories: Map<string, { articleType?: ArticleType | null }>): ArticleType {
  const types = item.categories
    .filter((c) => c.domain === "category")
    .map((c) => categories.get(c.slug)?.articleType)
    .filter((t): t is ArticleType => Boolean(t) && t !== "PAGE");
  return TYPE_PRIORITY.find((t) => types.includes(t)) ?? "NEWS";
}

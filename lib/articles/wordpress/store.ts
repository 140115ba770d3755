import { createHash } from "node:crypto";
import { db } from "../../db/client";
import { chunks } from "../../db/sql";
import type { Article, Prisma } from "../../generated/prisma/client";
import { mediaKeysIn } from "../render";

/**
 * The import's database work, in bulk: what earlier imports wrote is read in a few queries before
 * anything is decided, and everything a run writes (articles, what the import wrote for each, revisions,
 * categories, tags, media used, comments, redirects) goes in one transaction of multi-row statements.
 * A few dozen round trips and one commit for the whole export, instead of dozens per post (each commit
 * waits for the disk: on a busy server, that wait was most of the import's time).
 */

type Tx = Prisma.TransactionClient;

/** Rows per multi-row INSERT (articles: their bodies can be large) and per IN (…) list. */
const ARTICLE_ROWS = 50;
const ROWS = 1000;

export interface PostRecord {
  id: number;
  site: string;
  wpPostId: number;
  guid: string;
  articleId: number | null;
  fingerprint: string | null;
}

export interface EarlierPosts {
  /**
   * What an earlier import wrote for this post: this site's record, or one made before the site was
   * kept ("": to be claimed by this site), with its article (null: deleted on the site since).
   */
  find(wpPostId: number, guid: string): { record: PostRecord; article: Article | null } | null;
  /** whether another post of this site has this id already (another export reusing ids) */
  idTaken(wpPostId: number): boolean;
}

/** Keys compare as the database does (case-insensitive collation). */
const guidKey = (wpPostId: number, guid: string) => `${wpPostId} ${guid.toLowerCase()}`;

export async function readEarlierPosts(site: string, ids: number[]): Promise<EarlierPosts> {
  const prisma = db();
  const records: PostRecord[] = [];
  for (const part of chunks([...new Set(ids)], ROWS))
    records.push(
      ...(await prisma.wordpressPost.findMany({
        where: { site: { in: [site, ""] }, wpPostId: { in: part } },
      })),
    );
  const articles = new Map<number, Article>();
  for (const part of chunks(
    records.flatMap((r) => r.articleId ?? []),
    ARTICLE_ROWS * 10,
  ))
    for (const article of await prisma.article.findMany({ where: { id: { in: part } } }))
      articles.set(article.id, article);
  const ofSite = new Map(records.filter((r) => r.site === site).map((r) => [guidKey(r.wpPostId, r.guid), r]));
  const legacy = new Map(records.filter((r) => r.site === "").map((r) => [r.wpPostId, r]));
  const takenIds = new Set(records.filter((r) => r.site === site).map((r) => r.wpPostId));
  return {
    find(wpPostId, guid) {
      const record = ofSite.get(guidKey(wpPostId, guid)) ?? legacy.get(wpPostId);
      if (!record) return null;
      return { record, article: record.articleId === null ? null : (articles.get(record.articleId) ?? null) };
    },
    idTaken: (wpPostId) => takenIds.has(wpPostId),
  };
}

/**
 * Slugs already used among those new articles may take: each base, and its numbered forms ("base-2")
 * where the base is taken or wanted twice.
 */
export async function takenSlugs(bases: string[]): Promise<Set<string>> {
  const prisma = db();
  const taken = new Set<string>();
  const unique = [...new Set(bases)];
  for (const part of chunks(unique, ROWS))
    for (const { slug } of await prisma.article.findMany({
      where: { slug: { in: part } },
      select: { slug: true },
    }))
      taken.add(slug.toLowerCase());
  const seen = new Set<string>();
  const twice = new Set(bases.filter((base) => seen.has(base) || !seen.add(base)));
  const numbered = unique.filter((base) => taken.has(base) || twice.has(base));
  for (const part of chunks(numbered, 100))
    for (const { slug } of await prisma.article.findMany({
      where: { OR: part.map((base) => ({ slug: { startsWith: `${base}-` } })) },
      select: { slug: true },
    }))
      taken.add(slug.toLowerCase());
  return taken;
}

export interface ArticleData {
  type: Article["type"];
  status: Article["status"];
  title: string;
  excerpt: string;
  bodyHtml: string;
  bodyText: string;
  publishedAt: Date | null;
  updatedAt: Date;
  pinned: boolean;
  coverId: number | null;
  authorId: number | null;
}

export interface ArticleWrite {
  /** the article to update, or null for a new one */
  existing: Article | null;
  slug: string;
  data: ArticleData;
  post: { site: string; wpPostId: number; guid: string };
  categoryIds: number[];
  tagIds: number[];
}

export interface CommentRow {
  wpCommentId: number;
  wpParentId: number | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  postedAt: Date;
}

export interface ImportWrites {
  articles: ArticleWrite[];
  /** records made before the site was kept, now claimed by this site (and this post's guid) */
  claims: { recordId: number; site: string; guid: string }[];
  /** approved comments, by the slug of their article */
  comments: Map<string, CommentRow[]>;
  /** old address → new address */
  redirects: Map<string, string>;
  /** old addresses that must not replace an existing redirect (posts of another export reusing an id) */
  weakRedirects: Set<string>;
  /** the redirects already in the database */
  previousRedirects: Map<string, string>;
}

/** What the import wrote for an article: when the article still matches it, nobody changed it since. */
export function articleFingerprint(
  article: Pick<
    Article,
    "type" | "status" | "title" | "slug" | "excerpt" | "bodyHtml" | "publishedAt" | "coverId" | "pinned"
  >,
): string {
  const fields = [
    article.type,
    article.status,
    article.title,
    article.slug,
    article.excerpt,
    article.bodyHtml,
    article.publishedAt?.toISOString() ?? null,
    article.coverId,
    article.pinned,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** Writes a run in one transaction, each article with the fingerprint of what was written. */
export async function writeImport(writes: ImportWrites): Promise<void> {
  await db().$transaction(
    async (tx) => {
      for (const claim of writes.claims)
        await tx.wordpressPost.update({
          where: { id: claim.recordId },
          data: { site: claim.site, guid: claim.guid },
        });
      const saved = await writeArticles(tx, writes.articles);
      const fresh = writes.articles.filter((w) => !w.existing);
      for (const part of chunks(fresh, ROWS))
        await tx.wordpressPost.createMany({
          data: part.map((w) => {
            const article = saved.get(w.slug)!;
            return { ...w.post, articleId: article.id, fingerprint: articleFingerprint(article) };
          }),
        });
      for (const w of writes.articles.filter((w) => w.existing)) {
        const article = saved.get(w.slug)!;
        await tx.wordpressPost.update({
          where: { articleId: article.id },
          data: { fingerprint: articleFingerprint(article), importedAt: new Date() },
        });
      }
      await writeLinks(tx, writes.articles, saved);
      await writeComments(tx, writes.comments);
      await writeRedirects(tx, writes);
    },
    // One transaction for the whole export: generous limits (it holds no lock readers wait for).
    { maxWait: 60_000, timeout: 60 * 60_000 },
  );
}

/** New articles in multi-row INSERTs (read back by their unique slug), changed ones updated. */
async function writeArticles(tx: Tx, writes: ArticleWrite[]): Promise<Map<string, Article>> {
  const saved = new Map<string, Article>();
  const fresh = writes.filter((w) => !w.existing);
  for (const part of chunks(fresh, ARTICLE_ROWS))
    await tx.article.createMany({ data: part.map((w) => ({ ...w.data, slug: w.slug })) });
  for (const part of chunks(
    fresh.map((w) => w.slug),
    ARTICLE_ROWS * 10,
  ))
    for (const article of await tx.article.findMany({ where: { slug: { in: part } } }))
      saved.set(article.slug, article);
  for (const w of writes) {
    if (w.existing)
      saved.set(w.slug, await tx.article.update({ where: { id: w.existing.id }, data: w.data }));
    else if (!saved.has(w.slug)) throw new Error(`article ${w.slug} not found after its insert`);
  }
  const revisions = writes.map((w) => {
    const article = saved.get(w.slug)!;
    return {
      articleId: article.id,
      authorId: w.data.authorId,
      title: article.title,
      excerpt: article.excerpt,
      bodyHtml: article.bodyHtml,
    };
  });
  for (const part of chunks(revisions, ARTICLE_ROWS)) await tx.articleRevision.createMany({ data: part });
  return saved;
}

/** Categories, tags and the media each body uses: replaced for updated articles. */
async function writeLinks(tx: Tx, writes: ArticleWrite[], saved: Map<string, Article>) {
  const updated = writes.filter((w) => w.existing).map((w) => saved.get(w.slug)!.id);
  for (const part of chunks(updated, ROWS)) {
    const where = { articleId: { in: part } };
    await tx.articleMedia.deleteMany({ where });
    await tx.articleCategory.deleteMany({ where });
    await tx.articleTag.deleteMany({ where });
  }
  const keysOf = new Map(writes.map((w) => [w.slug, mediaKeysIn(w.data.bodyHtml)]));
  const mediaIds = new Map<string, number>();
  for (const part of chunks([...new Set([...keysOf.values()].flat())], ROWS))
    for (const media of await tx.media.findMany({
      where: { key: { in: part } },
      select: { id: true, key: true },
    }))
      mediaIds.set(media.key, media.id);
  const rows = <T>(make: (articleId: number, w: ArticleWrite) => T[]) =>
    writes.flatMap((w) => make(saved.get(w.slug)!.id, w));
  const media = rows((articleId, w) =>
    [...new Set(keysOf.get(w.slug)!.flatMap((key) => mediaIds.get(key) ?? []))].map((mediaId) => ({
      articleId,
      mediaId,
    })),
  );
  const categories = rows((articleId, w) =>
    [...new Set(w.categoryIds)].map((categoryId) => ({ articleId, categoryId })),
  );
  const tags = rows((articleId, w) => [...new Set(w.tagIds)].map((tagId) => ({ articleId, tagId })));
  for (const part of chunks(media, ROWS)) await tx.articleMedia.createMany({ data: part });
  for (const part of chunks(categories, ROWS)) await tx.articleCategory.createMany({ data: part });
  for (const part of chunks(tags, ROWS)) await tx.articleTag.createMany({ data: part });
}

/** Comments: new ones inserted, changed ones updated (keyed by article and WordPress comment id). */
async function writeComments(tx: Tx, comments: Map<string, CommentRow[]>) {
  const articleIds = new Map<string, number>();
  for (const part of chunks([...comments.keys()], ROWS))
    for (const { id, slug } of await tx.article.findMany({
      where: { slug: { in: part } },
      select: { id: true, slug: true },
    }))
      articleIds.set(slug, id);
  const existing = new Map<string, CommentRow & { id: number }>();
  for (const part of chunks([...articleIds.values()], ROWS))
    for (const c of await tx.articleComment.findMany({ where: { articleId: { in: part } } }))
      existing.set(`${c.articleId} ${c.wpCommentId}`, c);
  const fresh: (CommentRow & { articleId: number })[] = [];
  for (const [slug, rows] of comments) {
    const articleId = articleIds.get(slug)!;
    for (const row of rows) {
      const old = existing.get(`${articleId} ${row.wpCommentId}`);
      if (!old) fresh.push({ articleId, ...row });
      else if (!sameComment(old, row)) await tx.articleComment.update({ where: { id: old.id }, data: row });
    }
  }
  for (const part of chunks(fresh, ROWS))
    await tx.articleComment.createMany({ data: part, skipDuplicates: true });
}

const sameComment = (a: CommentRow, b: CommentRow) =>
  a.wpParentId === b.wpParentId &&
  a.authorName === b.authorName &&
  a.authorUrl === b.authorUrl &&
  a.bodyHtml === b.bodyHtml &&
  a.postedAt.getTime() === b.postedAt.getTime();

/** New redirects inserted; existing ones pointed at their new address unless weak. */
async function writeRedirects(tx: Tx, writes: ImportWrites) {
  const fresh: { fromPath: string; toPath: string }[] = [];
  for (const [fromPath, toPath] of writes.redirects) {
    const previous = writes.previousRedirects.get(fromPath);
    if (previous === undefined) fresh.push({ fromPath, toPath });
    else if (previous !== toPath && !writes.weakRedirects.has(fromPath))
      await tx.redirect.update({ where: { fromPath }, data: { toPath } });
  }
  // Addresses equal for the database's collation (case, accents) count once: the first one stays.
  for (const part of chunks(fresh, ROWS)) await tx.redirect.createMany({ data: part, skipDuplicates: true });
}

import { preload } from "react-dom";
import { PageLink } from "@/components/site/PageLink";
import { LEVEL_LABEL, PHENOMENA, TYPE_LABEL, ZONE_LABEL } from "@/lib/articles/model";
import type { ArticleFull } from "@/lib/articles/queries";
import { COLUMN_SIZES, type MediaInfo, mediaUrl, pickWidth, pictureHtml, srcset } from "@/lib/media/urls";
import { ArticleBody } from "./ArticleBody";
import { formatDate } from "./ArticleCard";
import { CommentArchive } from "./CommentArchive";
import { ForecastTable } from "./ForecastTable";
import { PrintButton } from "./PrintButton";

/** The cover is the page's largest paint: announced in the <head>, before the browser meets the <img>. */
function preloadCover(cover: MediaInfo) {
  preload(mediaUrl(cover.key, pickWidth(cover, 960), "avif"), {
    as: "image",
    type: "image/avif",
    imageSrcSet: srcset(cover, "avif"),
    imageSizes: COLUMN_SIZES,
    fetchPriority: "high",
  });
}

/** A whole article as visitors see it: the public page and the editors' preview both use it. */
export function ArticleView({ article }: { article: ArticleFull }) {
  if (article.cover) preloadCover(article.cover);
  const updated = Date.parse(article.updatedAt) - Date.parse(article.publishedAt) > 3600_000;
  return (
    <article className="article" data-article={article.slug}>
      <header>
        <p className="muted">
          <span className={`type type-${article.type.toLowerCase()}`}>{TYPE_LABEL[article.type]}</span>
        </p>
        <h1>{article.title}</h1>
        <p className="muted">
          Publié le <time dateTime={article.publishedAt}>{formatDate(article.publishedAt, true)}</time>
          {article.author && (
            <>
              {" "}
              par <PageLink href={`/auteurs/${article.author.id}`}>{article.author.name}</PageLink>
            </>
          )}
          {updated && (
            <>
              {" "}
              · mis à jour le <time dateTime={article.updatedAt}>{formatDate(article.updatedAt, true)}</time>
            </>
          )}
        </p>
      </header>
      {article.vigilance && (
        <p className={`vigilance vigilance-${article.vigilance.level.toLowerCase()}`}>
          <strong>Vigilance {LEVEL_LABEL[article.vigilance.level]}</strong> —{" "}
          {article.vigilance.phenomena.map((p) => PHENOMENA[p]).join(", ")} ·{" "}
          {article.vigilance.zones.map((z) => ZONE_LABEL[z]).join(", ")} · du{" "}
          {formatDate(article.vigilance.validFrom, true)} au {formatDate(article.vigilance.validUntil, true)}
        </p>
      )}
      {article.cover && (
        <div
          className="cover"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: markup built by lib/media/urls from stored media
          dangerouslySetInnerHTML={{
            __html: pictureHtml(article.cover, article.cover.alt, COLUMN_SIZES, true),
          }}
        />
      )}
      {article.excerpt && <p className="lead">{article.excerpt}</p>}
      <ArticleBody html={article.bodyHtml} media={article.media} />
      <ForecastTable rows={article.forecast} />
      {(article.categories.length > 0 || article.tags.length > 0) && (
        <p className="tags">
          {article.categories.map((c) => (
            <PageLink key={c.slug} href={`/articles?categorie=${c.slug}`} className="tag">
              {c.name}
            </PageLink>
          ))}
          {article.tags.map((t) => (
            <PageLink key={t.slug} href={`/articles?etiquette=${t.slug}`} className="tag">
              #{t.name}
            </PageLink>
          ))}
        </p>
      )}
      <CommentArchive comments={article.comments} />
      <PrintButton />
    </article>
  );
}

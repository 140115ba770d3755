import { articlePath, TYPE_LABEL } from "@/lib/articles/model";
import type { ArticleCard as Card } from "@/lib/articles/queries";
import { pictureHtml } from "@/lib/media/urls";
import { formatParis } from "@/lib/time";

export function formatDate(iso: string, withTime = false): string {
  return formatParis(
    Date.parse(iso) / 1000,
    withTime ? { dateStyle: "long", timeStyle: "short" } : { dateStyle: "long" },
  );
}

/** A card's width on a phone: the screen less the page's and the card's padding. */
const CARD_SIZES = "(max-width: 40rem) calc(100vw - 4rem), 20rem";

/** The level of the cards' titles: h2 under a page's h1, h3 under a section's h2 (the home's). */
type TitleLevel = "h2" | "h3";

/**
 * One article in a list: cover, type, title, date, author and excerpt. `first`: the list's first card,
 * whose cover is on a phone's first screen (often its largest paint): fetched at once, not lazily.
 */
export function ArticleCard({
  article,
  first = false,
  Title = "h2",
}: {
  article: Card;
  first?: boolean;
  Title?: TitleLevel;
}) {
  return (
    <article className="card article-card" data-article={article.slug}>
      {article.cover && (
        <div
          className="cover"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: markup built by lib/media/urls from stored media
          dangerouslySetInnerHTML={{
            __html: pictureHtml(article.cover, article.cover.alt, CARD_SIZES, first),
          }}
        />
      )}
      <p className="muted">
        <span className={`type type-${article.type.toLowerCase()}`}>{TYPE_LABEL[article.type]}</span> ·{" "}
        <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        {article.author && <> · {article.author.name}</>}
      </p>
      <Title className="article-card-title">
        <a href={articlePath(article)}>{article.title}</a>
      </Title>
      {article.excerpt && <p>{article.excerpt}</p>}
    </article>
  );
}

export function ArticleList({
  items,
  empty = "Aucun article pour le moment.",
  titles = "h2",
}: {
  items: Card[];
  empty?: string;
  titles?: TitleLevel;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="article-list">
      {items.map((item, index) => (
        <ArticleCard key={item.id} article={item} first={index === 0} Title={titles} />
      ))}
    </div>
  );
}

/** Previous / next page links, keeping the other query parameters. */
export function Pagination({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <a rel="prev" href={href(page - 1)}>
          ← Plus récents
        </a>
      )}
      <span>
        Page {page} sur {pages}
      </span>
      {page < pages && (
        <a rel="next" href={href(page + 1)}>
          Plus anciens →
        </a>
      )}
    </nav>
  );
}

import type { ArchivedComment } from "@/lib/articles/queries";
import { formatDate } from "./ArticleCard";

/** The old site's comments under an article: read-only, answers under what they answer. */
export function CommentArchive({ comments }: { comments: ArchivedComment[] }) {
  if (comments.length === 0) return null;
  const ids = new Set(comments.map((c) => c.wpCommentId));
  const answers = (parent: number | null) =>
    comments.filter((c) => (c.wpParentId !== null && ids.has(c.wpParentId) ? c.wpParentId : null) === parent);
  const thread = (parent: number | null) => (
    <ol className="comments">
      {answers(parent).map((c) => (
        <li key={c.id} className="comment" data-comment={c.wpCommentId}>
          <p className="comment-meta">
            <strong>
              {c.authorUrl ? (
                <a href={c.authorUrl} rel="nofollow ugc noopener">
                  {c.authorName}
                </a>
              ) : (
                c.authorName
              )}
            </strong>{" "}
            <span className="muted">
              le <time dateTime={c.postedAt}>{formatDate(c.postedAt, true)}</time>
            </span>
          </p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised at import (lib/security/html.ts sanitizeCommentHtml) */}
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
          {answers(c.wpCommentId).length > 0 && thread(c.wpCommentId)}
        </li>
      ))}
    </ol>
  );
  return (
    <section className="comment-archive" aria-labelledby="comments-title">
      <h2 id="comments-title">
        Commentaires ({comments.length}) <span className="muted">— archive de l'ancien site, fermés</span>
      </h2>
      {thread(null)}
    </section>
  );
}

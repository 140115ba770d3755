import type { CurrentUser } from "../auth";
import { hasRole } from "../roles";
import type { ArticleStatus, ArticleType } from "./model";

/**
 * Who may do what with articles (pure, tested for each role). AUTHOR writes and submits their own
 * articles and may change them only until an editor publishes or schedules them; EDITOR publishes,
 * edits anyone's and manages vigilance; ADMIN as EDITOR. The library and every route call these.
 */

type User = Pick<CurrentUser, "id" | "role">;
interface ArticleRef {
  authorId: number | null;
  status: ArticleStatus;
  type: ArticleType;
}

export function canEditArticle(user: User, article: ArticleRef): boolean {
  if (hasRole(user, "EDITOR")) return true;
  return (
    article.authorId === user.id &&
    (article.status === "DRAFT" || article.status === "PENDING") &&
    article.type !== "VIGILANCE"
  );
}

/** Statuses `user` may give an article; the others need an editor. */
export function allowedStatuses(user: User): ArticleStatus[] {
  return hasRole(user, "EDITOR") ? ["DRAFT", "PENDING", "SCHEDULED", "PUBLISHED"] : ["DRAFT", "PENDING"];
}

/** Types `user` may write: vigilance notices (site-wide banners) and pages are for editors. */
export function allowedTypes(user: User): ArticleType[] {
  return hasRole(user, "EDITOR")
    ? ["FORECAST", "VIGILANCE", "CLIMATE", "NEWS", "PAGE"]
    : ["FORECAST", "CLIMATE", "NEWS"];
}

export function canDeleteArticle(user: User, article: ArticleRef): boolean {
  return canEditArticle(user, article);
}

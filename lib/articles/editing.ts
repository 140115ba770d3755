import { z } from "zod";
import type { CurrentUser } from "../accounts/auth";
import type { Article } from "../generated/prisma/client";
import { ApiError } from "../http/api";
import { parseArticleInput } from "./input";
import { revalidateArticles } from "./public";
import {
  autosaveArticle,
  createArticle,
  deleteArticle,
  restoreRevision,
  saveArticle,
  trashArticle,
} from "./store";

/**
 * What the editor's server actions and the /api/admin/articles routes do to an article, one function
 * per change: the input validated, the change stored (lib/articles/store checks the user's rights),
 * the site's pages refreshed.
 */

/** Creates (`id` null) or saves an article from an editor payload; every save is a revision. */
export async function writeArticle(user: CurrentUser, id: number | null, raw: unknown): Promise<Article> {
  const input = parseArticleInput(raw);
  const article = id === null ? await createArticle(user, input) : await saveArticle(user, id, input);
  revalidateArticles();
  return article;
}

const autosaveSchema = z.object({
  title: z.string().max(255),
  excerpt: z.string().max(1000).default(""),
  bodyHtml: z.string().max(2_000_000),
});

/**
 * The editor's periodic autosave (one rolling revision; drafts are updated too). No page is refreshed:
 * visitors never see a draft's text nor a published article's autosave, and a refreshing action would
 * re-render the editor's page under the editor's hands.
 */
export async function autosaveDraft(user: CurrentUser, id: number, raw: unknown) {
  const parsed = autosaveSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError(422, "Brouillon automatique invalide.");
  return autosaveArticle(user, id, parsed.data);
}

/** Deletes an article for good (the trash's "Supprimer définitivement", the API's DELETE). */
export async function removeArticle(user: CurrentUser, id: number): Promise<void> {
  await deleteArticle(user, id);
  revalidateArticles();
}

export async function moveArticleToTrash(user: CurrentUser, id: number): Promise<Article> {
  const article = await trashArticle(user, id);
  revalidateArticles();
  return article;
}

/** Puts a revision's text back (saved as a new revision). */
export async function restoreArticleRevision(
  user: CurrentUser,
  id: number,
  revisionId: number,
): Promise<Article> {
  const article = await restoreRevision(user, id, revisionId);
  revalidateArticles();
  return article;
}

"use server";

import { z } from "zod";
import { requireRole } from "@/lib/accounts/auth";
import { type ActionResult, succeeded } from "@/lib/actions/result";
import { runAction, validate } from "@/lib/actions/run";
import { type LinkTarget, searchLinkTargets } from "@/lib/articles/admin";
import {
  autosaveDraft,
  moveArticleToTrash,
  removeArticle,
  restoreArticleRevision,
  writeArticle,
} from "@/lib/articles/editing";
import type { ArticleStatus } from "@/lib/articles/model";
import { restoreArticle } from "@/lib/articles/store";

/** The article editor's actions: any signed-in author; lib/articles/store checks each article's rights. */

const articleId = z.number().int().positive();
const linkQuery = z.string().trim().max(100);

export interface SavedArticle {
  id: number;
  slug: string;
  status: ArticleStatus;
}

/** Creates (`id` null) or saves the article from the editor's payload. */
export async function saveArticleAction(
  id: number | null,
  input: unknown,
): Promise<ActionResult<SavedArticle>> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    const article = await writeArticle(user, validate(articleId.nullable(), id), input);
    return succeeded({ id: article.id, slug: article.slug, status: article.status });
  });
}

export async function autosaveArticleAction(id: number, input: unknown): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    await autosaveDraft(user, validate(articleId, id), input);
    return succeeded(null);
  });
}

export async function restoreRevisionAction(id: number, revisionId: number): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    await restoreArticleRevision(user, validate(articleId, id), validate(articleId, revisionId));
    return succeeded(null);
  });
}

export async function trashArticleAction(id: number): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    await moveArticleToTrash(user, validate(articleId, id));
    return succeeded(null, "Article mis à la corbeille.");
  });
}

export async function restoreArticleAction(id: number): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    await restoreArticle(user, validate(articleId, id));
    return succeeded(null, "Article restauré (brouillon).");
  });
}

export async function deleteArticleAction(id: number): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    await removeArticle(user, validate(articleId, id));
    return succeeded(null, "Article supprimé définitivement.");
  });
}

/** The link dialog's search: published articles and pages whose title contains `query`. */
export async function searchLinksAction(query: string): Promise<ActionResult<LinkTarget[]>> {
  return runAction(requireRole("AUTHOR"), async () =>
    succeeded(await searchLinkTargets(validate(linkQuery, query))),
  );
}

import { apiRoute } from "@/lib/api";
import { removeArticle, writeArticle } from "@/lib/articles/editing";
import { findEditableArticle } from "@/lib/articles/store";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { idParam, readJson } from "@/lib/request";

type Context = { params: Promise<{ id: string }> };

const articleId = (context: Context) => idParam(context.params, "id", "Article introuvable.");

export const GET = apiRoute(async (_request, context: Context) => {
  const user = await requireRole("AUTHOR");
  const article = await findEditableArticle(user, await articleId(context));
  return Response.json({
    id: article.id,
    title: article.title,
    status: article.status,
    bodyHtml: article.bodyHtml,
  });
});

/** Saves (and publishes, schedules or submits) an article; every save is a revision. */
export const PUT = apiRoute(async (request, context: Context) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const article = await writeArticle(user, await articleId(context), await readJson(request));
  return Response.json({
    id: article.id,
    slug: article.slug,
    status: article.status,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
  });
});

export const DELETE = apiRoute(async (request, context: Context) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  await removeArticle(user, await articleId(context));
  return new Response(null, { status: 204 });
});

import { apiRoute } from "@/lib/api";
import { parseArticleInput } from "@/lib/articles/input";
import { revalidateArticles } from "@/lib/articles/public";
import { createArticle } from "@/lib/articles/store";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { readJson } from "@/lib/request";

/** Creates an article (any signed-in author; publishing needs an editor). */
export const POST = apiRoute(async (request) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const article = await createArticle(user, parseArticleInput(await readJson(request)));
  revalidateArticles();
  return Response.json({ id: article.id, slug: article.slug, status: article.status }, { status: 201 });
});

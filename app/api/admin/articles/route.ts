import { apiRoute } from "@/lib/api";
import { writeArticle } from "@/lib/articles/editing";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { readJson } from "@/lib/request";

/**
 * The JSON API of articles (scripts and tests; the editor uses the server actions of
 * app/admin/articles/actions.ts, which call the same lib/articles/editing functions).
 * Creates an article (any signed-in author; publishing needs an editor).
 */
export const POST = apiRoute(async (request) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const article = await writeArticle(user, null, await readJson(request));
  return Response.json({ id: article.id, slug: article.slug, status: article.status }, { status: 201 });
});

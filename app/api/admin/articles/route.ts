import { requireRole } from "@/lib/accounts/auth";
import { writeArticle } from "@/lib/articles/editing";
import { apiRoute } from "@/lib/http/api";
import { readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/security/csrf";

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

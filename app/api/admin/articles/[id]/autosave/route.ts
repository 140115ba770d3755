import { requireRole } from "@/lib/accounts/auth";
import { autosaveDraft } from "@/lib/articles/editing";
import { apiRoute } from "@/lib/http/api";
import { idParam, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/security/csrf";

/** The periodic autosave over the JSON API (the editor uses autosaveArticleAction). */
export const POST = apiRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const id = await idParam(context.params, "id", "Article introuvable.");
  return Response.json(await autosaveDraft(user, id, await readJson(request)));
});

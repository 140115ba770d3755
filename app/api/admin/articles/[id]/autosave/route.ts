import { apiRoute } from "@/lib/api";
import { autosaveDraft } from "@/lib/articles/editing";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { idParam, readJson } from "@/lib/request";

/** The periodic autosave over the JSON API (the editor uses autosaveArticleAction). */
export const POST = apiRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const id = await idParam(context.params, "id", "Article introuvable.");
  return Response.json(await autosaveDraft(user, id, await readJson(request)));
});

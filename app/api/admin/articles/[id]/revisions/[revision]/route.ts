import { apiRoute } from "@/lib/api";
import { revalidateArticles } from "@/lib/articles/public";
import { restoreRevision } from "@/lib/articles/store";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { idParam } from "@/lib/request";

/** Restores a revision's text (saved as a new revision). */
export const POST = apiRoute(
  async (request, context: { params: Promise<{ id: string; revision: string }> }) => {
    assertSameOrigin(request);
    const user = await requireRole("AUTHOR");
    const id = await idParam(context.params, "id", "Article introuvable.");
    const revision = await idParam(context.params, "revision", "Révision introuvable.");
    const article = await restoreRevision(user, id, revision);
    revalidateArticles();
    return Response.json({ id: article.id, title: article.title });
  },
);

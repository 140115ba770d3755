import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api";
import { revalidateArticles } from "@/lib/articles/public";
import { autosaveArticle } from "@/lib/articles/store";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { idParam, readJson } from "@/lib/request";

const schema = z.object({
  title: z.string().max(255),
  excerpt: z.string().max(1000).default(""),
  bodyHtml: z.string().max(2_000_000),
});

/** The editor's periodic autosave (one rolling revision; drafts are updated too). */
export const POST = apiRoute(async (request, context: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const parsed = schema.safeParse(await readJson(request));
  if (!parsed.success) throw new ApiError(422, "Brouillon automatique invalide.");
  const result = await autosaveArticle(
    user,
    await idParam(context.params, "id", "Article introuvable."),
    parsed.data,
  );
  if (result.live) revalidateArticles();
  return Response.json(result);
});

import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api";
import { requireRole } from "@/lib/auth";
import { assertSameOrigin } from "@/lib/csrf";
import { deleteMedia, updateMediaText } from "@/lib/media/library";
import { idParam, readJson } from "@/lib/request";

type Context = { params: Promise<{ id: string }> };
const schema = z.object({ alt: z.string().max(500), caption: z.string().max(2000).nullable().default(null) });

export const PATCH = apiRoute(async (request, context: Context) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const parsed = schema.safeParse(await readJson(request));
  if (!parsed.success) throw new ApiError(422, "Texte alternatif ou légende invalide.");
  const media = await updateMediaText(
    user,
    await idParam(context.params, "id", "Image introuvable."),
    parsed.data.alt,
    parsed.data.caption,
  );
  return Response.json({ media });
});

/** Refused (409) while an article uses the image. */
export const DELETE = apiRoute(async (request, context: Context) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  await deleteMedia(user, await idParam(context.params, "id", "Image introuvable."));
  return new Response(null, { status: 204 });
});

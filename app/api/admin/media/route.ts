import { requireRole } from "@/lib/accounts/auth";
import { ApiError, apiRoute } from "@/lib/http/api";
import { readForm } from "@/lib/http/request";
import { listMedia, uploadMedia } from "@/lib/media/library";
import { mediaLimits, tooHeavyMessage } from "@/lib/media/limits";
import { assertSameOrigin } from "@/lib/security/csrf";

/**
 * The media library: list (with search, and the largest file it accepts, for the uploader) and upload
 * (multipart: file, alt, caption).
 */
export const GET = apiRoute(async (request) => {
  await requireRole("AUTHOR");
  const url = new URL(request.url);
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const [items, total] = await listMedia({ page, query: url.searchParams.get("q")?.slice(0, 100) ?? "" });
  return Response.json({ items, total, page, maxBytes: mediaLimits().maxBytes });
});

export const POST = apiRoute(async (request) => {
  assertSameOrigin(request);
  const user = await requireRole("AUTHOR");
  const { maxBytes } = mediaLimits();
  const form = await readForm(
    request,
    maxBytes + 64 * 1024, // the form's own fields around the file
    tooHeavyMessage(null, maxBytes),
  );
  const file = form.get("file");
  if (!(file instanceof File)) throw new ApiError(400, "Aucun fichier reçu (champ « file »).");
  const { media, created } = await uploadMedia(user.id, Buffer.from(await file.arrayBuffer()), {
    originalName: file.name,
    alt: String(form.get("alt") ?? ""),
    caption: String(form.get("caption") ?? ""),
  });
  return Response.json({ media, created }, { status: created ? 201 : 200 });
});

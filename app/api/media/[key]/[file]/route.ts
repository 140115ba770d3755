import { jsonError } from "@/lib/api";
import { openMediaFile } from "@/lib/media/storage";

/** Media-library files (outside public/): immutable, their name changes with their content. */
export async function GET(_request: Request, context: { params: Promise<{ key: string; file: string }> }) {
  const { key, file } = await context.params;
  const found = await openMediaFile(key, file);
  if (!found) return jsonError(404, "Image introuvable.");
  return new Response(found.body, {
    headers: {
      "Content-Type": found.type,
      "Content-Length": String(found.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

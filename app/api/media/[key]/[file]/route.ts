import { jsonError } from "@/lib/http/api";
import { openMediaFile } from "@/lib/media/storage";

/**
 * Media-library files (outside public/): immutable, their name changes with their content. Byte
 * ranges are served (players seek with them); files are never run as documents of the site.
 */
export async function GET(request: Request, context: { params: Promise<{ key: string; file: string }> }) {
  const { key, file } = await context.params;
  const rangeHeader = request.headers.get("range");
  const found = await openMediaFile(key, file, undefined, rangeHeader);
  if (!found) return jsonError(404, "Fichier introuvable.");
  const headers: Record<string, string> = {
    "Content-Type": found.type,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Accept-Ranges": "bytes",
    "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; media-src 'self'",
  };
  if (!found.range || !found.body) {
    return new Response(null, {
      status: 416,
      headers: { ...headers, "Content-Range": `bytes */${found.size}` },
    });
  }
  const { start, end } = found.range;
  headers["Content-Length"] = String(end - start + 1);
  if (rangeHeader) headers["Content-Range"] = `bytes ${start}-${end}/${found.size}`;
  return new Response(found.body, { status: rangeHeader ? 206 : 200, headers });
}

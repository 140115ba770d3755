import { readFile, stat } from "node:fs/promises";
import { db } from "../db/client";
import { cameraDir, imageFile, readLatest } from "./storage";

const notFound = () =>
  new Response("Image introuvable.", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });

/**
 * Serves a webcam's files. The latest image changes every few minutes (short cache); archived images
 * never change once written (long cache).
 */
export async function webcamImageResponse(slug: string, key: string, parts: readonly string[]) {
  const webcam = await db().webcam.findFirst({ where: { key, station: { slug, active: true } } });
  if (!webcam) return notFound();
  if (parts.length === 1 && parts[0] === "latest.json") {
    const latest = await readLatest(webcam);
    if (!latest) return notFound();
    return Response.json(latest, { headers: { "cache-control": "public, max-age=30" } });
  }
  const file = imageFile(webcam, parts);
  if (!file?.startsWith(cameraDir(webcam))) return notFound();
  const [data, info] = await Promise.all([readFile(file), stat(file)]).catch(() => [null, null]);
  if (!data || !info) return notFound();
  const latest = parts[0].startsWith("latest-");
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": "image/jpeg",
      "content-length": String(data.length),
      "last-modified": info.mtime.toUTCString(),
      "cache-control": latest ? "public, max-age=30" : "public, max-age=604800, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}

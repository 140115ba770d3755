import type { CurrentUser } from "../accounts/auth";
import { db } from "../db/client";
import type { Media } from "../generated/prisma/client";
import { mediaLimits } from "./limits";
import { canChangeMedia } from "./permissions";
import { MediaError, processImage } from "./pipeline";
import { type MediaIo, mediaDir, removeMediaFiles, storeMediaFiles } from "./storage";

export type { Media };

export interface UploadInput {
  originalName: string;
  alt: string;
  caption?: string | null;
}

export function validateAlt(alt: string): string {
  const value = alt.trim();
  if (value.length === 0) {
    throw new MediaError(
      422,
      "Le texte alternatif est obligatoire : décrivez l'image pour qui ne la voit pas.",
    );
  }
  if (value.length > 500) throw new MediaError(422, "Le texte alternatif est limité à 500 caractères.");
  return value;
}

/**
 * Runs the pipeline, writes the files, then records the media. The same file uploaded again is the
 * same media (found by its SHA-256); its alt text is not overwritten.
 */
export async function uploadMedia(
  uploadedById: number | null,
  input: Buffer,
  meta: UploadInput,
  options: { dir?: string; io?: MediaIo } = {},
): Promise<{ media: Media; created: boolean }> {
  const alt = validateAlt(meta.alt);
  const image = await processImage(input, mediaLimits());
  const existing = await db().media.findUnique({ where: { sha256: image.sha256 } });
  await storeMediaFiles(image.key, image.files, { dir: options.dir ?? mediaDir(), io: options.io });
  if (existing) return { media: existing, created: false };
  const media = await db().media.create({
    data: {
      key: image.key,
      sha256: image.sha256,
      originalName: meta.originalName.slice(0, 255) || "image",
      alt,
      caption: meta.caption?.trim() || null,
      width: image.width,
      height: image.height,
      bytes: input.length,
      widths: image.widths.join(","),
      blurDataUrl: image.blurDataUrl,
      uploadedById,
    },
  });
  return { media, created: true };
}

export async function updateMediaText(
  user: CurrentUser,
  id: number,
  alt: string,
  caption: string | null,
): Promise<Media> {
  const media = await db().media.findUnique({ where: { id } });
  if (!media) throw new MediaError(404, "Image introuvable.");
  if (!canChangeMedia(user, media))
    throw new MediaError(403, "Seuls son auteur et les éditeurs peuvent modifier cette image.");
  return db().media.update({
    where: { id },
    data: { alt: validateAlt(alt), caption: caption?.trim() || null },
  });
}

/** Articles that use a media (as cover or in their body). */
export async function mediaUsage(id: number): Promise<{ id: number; title: string }[]> {
  const articles = await db().article.findMany({
    where: { OR: [{ coverId: id }, { media: { some: { mediaId: id } } }] },
    select: { id: true, title: true },
    orderBy: { id: "asc" },
  });
  return articles;
}

export async function deleteMedia(user: CurrentUser, id: number, dir = mediaDir()): Promise<void> {
  const media = await db().media.findUnique({ where: { id } });
  if (!media) throw new MediaError(404, "Image introuvable.");
  if (!canChangeMedia(user, media))
    throw new MediaError(403, "Seuls son auteur et les éditeurs peuvent supprimer cette image.");
  const usage = await mediaUsage(id);
  if (usage.length > 0) {
    throw new MediaError(
      409,
      `Image utilisée par ${usage.length === 1 ? "l'article" : "les articles"} ${usage.map((a) => `« ${a.title} »`).join(", ")} : retirez-la d'abord.`,
    );
  }
  await db().media.delete({ where: { id } });
  await removeMediaFiles(media.key, dir);
}

export function listMedia({ page = 1, perPage = 48, query = "" } = {}) {
  const where = query ? { OR: [{ alt: { contains: query } }, { originalName: { contains: query } }] } : {};
  return Promise.all([
    db().media.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * perPage, take: perPage }),
    db().media.count({ where }),
  ]);
}

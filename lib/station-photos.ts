import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "./data-dirs";
import { db } from "./db";
import type { StationPhoto } from "./generated/prisma/client";
import { writeFileAtomic } from "./media/files";
import { webVersions } from "./media/images";

/**
 * Photos of a station for its about page: uploaded in the admin, stored as two JPEG web versions under
 * STATION_PHOTOS_DIR/<station id>/<random key>-large.jpg|-small.jpg (metadata stripped), listed in
 * StationPhoto.
 */

export const PHOTO_SIZES = { large: 1600, small: 480 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

function photoPath(stationId: number, fileKey: string, size: PhotoSize): string {
  return path.join(dataDir("STATION_PHOTOS_DIR"), String(stationId), `${fileKey}-${size}.jpg`);
}

export function stationPhotos(stationId: number): Promise<StationPhoto[]> {
  return db().stationPhoto.findMany({ where: { stationId }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** Stores a photo (throws ImageInputError for a file that is not an acceptable picture). */
export async function addStationPhoto(stationId: number, image: Buffer, caption: string | null) {
  const versions = await webVersions(image, PHOTO_SIZES);
  const fileKey = randomBytes(12).toString("hex");
  for (const size of Object.keys(PHOTO_SIZES) as PhotoSize[]) {
    await writeFileAtomic(photoPath(stationId, fileKey, size), versions[size].data);
  }
  const last = await db().stationPhoto.findFirst({ where: { stationId }, orderBy: { position: "desc" } });
  return db().stationPhoto.create({
    data: {
      stationId,
      fileKey,
      caption,
      width: versions.large.width,
      height: versions.large.height,
      position: (last?.position ?? -1) + 1,
    },
  });
}

export async function deleteStationPhoto(photo: StationPhoto): Promise<void> {
  await db().stationPhoto.delete({ where: { id: photo.id } });
  for (const size of Object.keys(PHOTO_SIZES) as PhotoSize[]) {
    await rm(photoPath(photo.stationId, photo.fileKey, size), { force: true });
  }
}

/** <slug>.<domain>/photos/<key>-large.jpg: a station's photo (never changes once written). */
export async function stationPhotoResponse(slug: string, fileName: string): Promise<Response> {
  const match = /^([0-9a-f]{24})-(large|small)\.jpg$/.exec(fileName);
  const photo = match
    ? await db().stationPhoto.findFirst({ where: { fileKey: match[1], station: { slug, active: true } } })
    : null;
  const data = photo
    ? await readFile(photoPath(photo.stationId, photo.fileKey, match?.[2] as PhotoSize)).catch(() => null)
    : null;
  if (!data) {
    return new Response("Photo introuvable.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": "image/jpeg",
      "cache-control": "public, max-age=604800, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}

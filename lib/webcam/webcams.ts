import { createHash, randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "../db/client";
import type { Station, Webcam } from "../generated/prisma/client";
import { ApiError } from "../http/api";
import { readBody } from "../http/request";
import { IMAGE_TOO_LARGE, MAX_IMAGE_BYTES, webVersions } from "../media/images";
import { findStation } from "../stations/queries";
import { pruneWebcam, storeWebcamImage, WEBCAM_SIZES, webcamRoot } from "./storage";

export type { Webcam };

/** A fresh upload token (shown once to the station's manager) and the hash we keep. */
export function newWebcamToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashWebcamToken(token) };
}

export function hashWebcamToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function stationWebcams(stationId: number): Promise<Webcam[]> {
  return db().webcam.findMany({ where: { stationId }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** Whether a station shows a webcam: one of its own (uploads) or an outside image address. */
export async function hasWebcam(station: Pick<Station, "id" | "webcamUrl">): Promise<boolean> {
  return Boolean(station.webcamUrl) || (await db().webcam.count({ where: { stationId: station.id } })) > 0;
}

/** The image file of an upload: the raw body (image/jpeg…) or the first file of a multipart form. */
async function uploadedImage(request: Request): Promise<Buffer> {
  const body = await readBody(request, MAX_IMAGE_BYTES, IMAGE_TOO_LARGE);
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return body;
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": type } })
    .formData()
    .catch(() => null);
  const file = form && [...form.values()].find((value): value is File => value instanceof File);
  if (!file) throw new ApiError(415, "Aucun fichier image dans le formulaire envoyé.");
  return Buffer.from(await file.arrayBuffer());
}

/**
 * POST /api/v1/stations/<slug>/webcam: `Authorization: Bearer <token>` names the webcam; the body is the
 * image. Bad token → 401, too large → 413, not an image → 415; nothing is stored unless all is well.
 */
export async function receiveWebcamUpload(slug: string, request: Request, now = Date.now() / 1000) {
  const station = await findStation(slug);
  if (!station) throw new ApiError(404, "Station inconnue.");
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const webcam = token
    ? await db().webcam.findFirst({ where: { stationId: station.id, tokenHash: hashWebcamToken(token) } })
    : null;
  if (!webcam) {
    throw new ApiError(
      401,
      "Jeton de webcam absent ou invalide (en-tête « Authorization: Bearer <jeton> » attendu).",
    );
  }
  const versions = await webVersions(await uploadedImage(request), WEBCAM_SIZES);
  const takenAt = Math.floor(now);
  const archived = await storeWebcamImage(webcam, versions, takenAt);
  return {
    webcam: webcam.key,
    takenAt: new Date(takenAt * 1000).toISOString(),
    width: versions.large.width,
    height: versions.large.height,
    archived,
  };
}

export interface PruneResult {
  webcams: number;
  /** Archive days removed. */
  days: number;
  /** Folders of webcams that no longer exist, removed. */
  orphans: number;
}

/** Removes archived images past each webcam's retention, and the files of deleted webcams. */
export async function pruneWebcams(now = Date.now() / 1000): Promise<PruneResult> {
  const webcams = await db().webcam.findMany();
  let days = 0;
  for (const webcam of webcams) days += (await pruneWebcam(webcam, webcam.retentionDays, now)).days;
  const known = new Set(webcams.map((w) => `${w.stationId}/${w.id}`));
  let orphans = 0;
  for (const station of await readdir(webcamRoot()).catch(() => [] as string[])) {
    for (const id of await readdir(path.join(webcamRoot(), station)).catch(() => [] as string[])) {
      if (known.has(`${station}/${id}`)) continue;
      await rm(path.join(webcamRoot(), station, id), { recursive: true, force: true });
      orphans++;
    }
  }
  return { webcams: webcams.length, days, orphans };
}

import { createHash } from "node:crypto";
import { db } from "../db/client";
import type { MediaFile } from "../generated/prisma/client";
import { MediaError } from "./pipeline";
import { mediaDir, storeMediaFiles } from "./storage";

/**
 * Files of the media library that are not images — videos, sounds and PDFs — kept as they came
 * (no transcoding here), recognised by their content, never by their name: anything else is refused.
 * The same file twice is the same MediaFile (SHA-256).
 */

export type FileKind = MediaFile["kind"];

export interface FileType {
  kind: FileKind;
  mimeType: string;
  extension: string;
}

const ascii = (input: Buffer, start: number, end: number) => input.subarray(start, end).toString("latin1");

/** What a file is, from its first bytes, or null when it is none of the accepted kinds. */
export function sniffFile(input: Buffer): FileType | null {
  if (ascii(input, 0, 5) === "%PDF-")
    return { kind: "DOCUMENT", mimeType: "application/pdf", extension: "pdf" };
  if (input.readUInt32BE(0) === 0x1a45dfa3) {
    const head = ascii(input, 0, 64);
    // TrackType 1 (video) in the first track entries: a video; otherwise a WebM sound.
    const audioOnly =
      head.includes("webm") && !input.subarray(0, 4096).includes(Buffer.from([0x83, 0x81, 0x01]));
    return audioOnly
      ? { kind: "AUDIO", mimeType: "audio/webm", extension: "webm" }
      : { kind: "VIDEO", mimeType: "video/webm", extension: "webm" };
  }
  if (ascii(input, 4, 8) === "ftyp") {
    const brand = ascii(input, 8, 12);
    if (/^M4A|^M4B/.test(brand)) return { kind: "AUDIO", mimeType: "audio/mp4", extension: "m4a" };
    if (brand === "qt  ") return { kind: "VIDEO", mimeType: "video/quicktime", extension: "mov" };
    return { kind: "VIDEO", mimeType: "video/mp4", extension: "mp4" };
  }
  if (ascii(input, 0, 4) === "OggS") {
    const video = ascii(input, 28, 36).includes("theora");
    return video
      ? { kind: "VIDEO", mimeType: "video/ogg", extension: "ogv" }
      : { kind: "AUDIO", mimeType: "audio/ogg", extension: "ogg" };
  }
  if (ascii(input, 0, 4) === "RIFF" && ascii(input, 8, 12) === "WAVE")
    return { kind: "AUDIO", mimeType: "audio/wav", extension: "wav" };
  if (ascii(input, 0, 4) === "fLaC") return { kind: "AUDIO", mimeType: "audio/flac", extension: "flac" };
  if (ascii(input, 0, 3) === "ID3" || (input[0] === 0xff && (input[1] & 0xe0) === 0xe0))
    return { kind: "AUDIO", mimeType: "audio/mpeg", extension: "mp3" };
  return null;
}

export const FILE_EXTENSIONS = ["pdf", "webm", "m4a", "mov", "mp4", "ogv", "ogg", "wav", "flac", "mp3"];

/** Address of a stored file. */
export function fileUrl(file: Pick<MediaFile, "key" | "extension">): string {
  return `/api/media/${file.key}/file.${file.extension}`;
}

export async function storeFile(
  input: Buffer,
  meta: { originalName: string; title: string },
  dir = mediaDir(),
): Promise<{ file: MediaFile; created: boolean }> {
  if (input.length === 0) throw new MediaError(422, "Le fichier est vide.");
  const type = sniffFile(input);
  if (!type)
    throw new MediaError(
      415,
      "Type de fichier refusé : seuls les images, vidéos, sons et PDF sont acceptés.",
    );
  const sha256 = createHash("sha256").update(input).digest("hex");
  const existing = await db().mediaFile.findUnique({ where: { sha256 } });
  if (existing) return { file: existing, created: false };
  const key = sha256.slice(0, 16);
  await storeMediaFiles(key, new Map([[`file.${type.extension}`, input]]), { dir });
  const file = await db().mediaFile.create({
    data: {
      key,
      sha256,
      ...type,
      originalName: meta.originalName.slice(0, 255) || "fichier",
      title: meta.title.slice(0, 500) || meta.originalName.slice(0, 500),
      bytes: input.length,
    },
  });
  return { file, created: true };
}

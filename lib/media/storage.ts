import { randomBytes } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { dataDir } from "../config/data-dirs";
import { MediaError } from "./pipeline";

/**
 * Media files on disk under MEDIA_DIR (lib/config/data-dirs.ts): outside public/ and the build output,
 * served by app/api/media. A media's files are written into a temporary folder, then renamed into
 * place in one step: a full disk or a crash leaves no half-written media.
 */

export function mediaDir(env: Record<string, string | undefined> = process.env): string {
  return dataDir("MEDIA_DIR", env);
}

/** The I/O edge, replaceable in tests to simulate failures. */
export interface MediaIo {
  writeFile(file: string, data: Buffer): Promise<void>;
}
const realIo: MediaIo = { writeFile: (file, data) => fs.writeFile(file, data) };

const KEY = /^[a-f0-9]{16}$/;
/** Sizes of an image ("960.webp"), or a file kept as it came ("file.mp4", lib/media/recordings.ts). */
const FILE = /^(?:\d{1,5}|file)\.(avif|webp|jpg|pdf|webm|m4a|mov|mp4|ogv|ogg|wav|flac|mp3)$/;

async function exists(target: string): Promise<boolean> {
  return fs.access(/*turbopackIgnore: true*/ target).then(
    () => true,
    () => false,
  );
}

/** Writes every file of a media (all or nothing). A media already on disk is left as it is. */
export async function storeMediaFiles(
  key: string,
  files: Map<string, Buffer>,
  { dir = mediaDir(), io = realIo }: { dir?: string; io?: MediaIo } = {},
): Promise<void> {
  if (!KEY.test(key)) throw new Error(`invalid media key ${key}`);
  const target = path.join(/*turbopackIgnore: true*/ dir, key);
  if (await exists(target)) return;
  const staging = path.join(dir, ".tmp", `${key}-${randomBytes(6).toString("hex")}`);
  try {
    await fs.mkdir(/*turbopackIgnore: true*/ staging, { recursive: true });
    for (const [name, data] of files) await io.writeFile(path.join(staging, name), data);
    await fs.rename(/*turbopackIgnore: true*/ staging, target);
  } catch (error) {
    await fs.rm(/*turbopackIgnore: true*/ staging, { recursive: true, force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTEMPTY" || code === "EEXIST") return; // the same media, stored meanwhile
    throw diskFullAsMediaError(error);
  }
}

/** A full disk as the uploader's message; any other error as it is. */
function diskFullAsMediaError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOSPC" || code === "EDQUOT"
    ? new MediaError(507, "Espace disque insuffisant sur le serveur : l'image n'a pas été enregistrée.")
    : error;
}

/**
 * Adds files to a media already on disk (a width added after its upload). Each is written apart, then
 * renamed into place, so that a reader never gets half a file; files already there are kept.
 */
export async function addMediaFiles(
  key: string,
  files: Map<string, Buffer>,
  dir = mediaDir(),
): Promise<void> {
  if (!KEY.test(key)) throw new Error(`invalid media key ${key}`);
  const target = path.join(/*turbopackIgnore: true*/ dir, key);
  const staging = path.join(dir, ".tmp", `${key}-${randomBytes(6).toString("hex")}`);
  try {
    await fs.mkdir(/*turbopackIgnore: true*/ staging, { recursive: true });
    for (const [name, data] of files) {
      if (await exists(path.join(target, name))) continue;
      await fs.writeFile(/*turbopackIgnore: true*/ path.join(staging, name), data);
      await fs.rename(/*turbopackIgnore: true*/ path.join(staging, name), path.join(target, name));
    }
  } catch (error) {
    throw diskFullAsMediaError(error);
  } finally {
    await fs.rm(/*turbopackIgnore: true*/ staging, { recursive: true, force: true }).catch(() => {});
  }
}

export async function removeMediaFiles(key: string, dir = mediaDir()): Promise<void> {
  if (!KEY.test(key)) return;
  await fs.rm(/*turbopackIgnore: true*/ path.join(dir, key), { recursive: true, force: true });
}

const TYPES = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  pdf: "application/pdf",
  webm: "video/webm",
  m4a: "audio/mp4",
  mov: "video/quicktime",
  mp4: "video/mp4",
  ogv: "video/ogg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  flac: "audio/flac",
  mp3: "audio/mpeg",
} as const;

/**
 * A media file (or the byte range asked for: players seek with Range requests) as an HTTP body, or
 * null when missing; `range` is null when the asked range cannot be served.
 */
export async function openMediaFile(
  key: string,
  file: string,
  dir = mediaDir(),
  rangeHeader: string | null = null,
): Promise<{
  body: ReadableStream | null;
  size: number;
  type: string;
  range: { start: number; end: number } | null;
} | null> {
  const match = FILE.exec(file);
  if (!KEY.test(key) || !match) return null;
  const full = path.join(dir, key, file);
  const stat = await fs.stat(/*turbopackIgnore: true*/ full).catch(() => null);
  if (!stat?.isFile()) return null;
  const type = TYPES[match[1] as keyof typeof TYPES];
  let range = { start: 0, end: stat.size - 1 };
  if (rangeHeader) {
    const asked = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
    const start = asked?.[1] ? Number(asked[1]) : asked?.[2] ? stat.size - Number(asked[2]) : Number.NaN;
    const end = asked?.[1] && asked[2] ? Math.min(Number(asked[2]), stat.size - 1) : stat.size - 1;
    if (!(start >= 0 && start <= end)) return { body: null, size: stat.size, type, range: null };
    range = { start, end };
  }
  const stream = createReadStream(/*turbopackIgnore: true*/ full, range);
  return { body: Readable.toWeb(stream) as ReadableStream, size: stat.size, type, range };
}

import { randomBytes } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { MediaError } from "./pipeline";

/**
 * Media files on disk under MEDIA_DIR (default .data/media): outside public/ and the build output,
 * served by app/api/media. A media's files are written into a temporary folder, then renamed into
 * place in one step: a full disk or a crash leaves no half-written media.
 */

export function mediaDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.MEDIA_DIR || path.join(".data", "media"));
}

/** The I/O edge, replaceable in tests to simulate failures. */
export interface MediaIo {
  writeFile(file: string, data: Buffer): Promise<void>;
}
const realIo: MediaIo = { writeFile: (file, data) => fs.writeFile(file, data) };

const KEY = /^[a-f0-9]{16}$/;
const FILE = /^(\d{1,5})\.(avif|webp|jpg)$/;

export function isMediaFile(key: string, file: string): boolean {
  return KEY.test(key) && FILE.test(file);
}

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
  const target = path.join(dir, key);
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
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new MediaError(
        507,
        "Espace disque insuffisant sur le serveur : l'image n'a pas été enregistrée.",
      );
    }
    throw error;
  }
}

export async function removeMediaFiles(key: string, dir = mediaDir()): Promise<void> {
  if (!KEY.test(key)) return;
  await fs.rm(/*turbopackIgnore: true*/ path.join(dir, key), { recursive: true, force: true });
}

const TYPES = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" } as const;

/** A media file as an HTTP body, or null when missing. */
export async function openMediaFile(
  key: string,
  file: string,
  dir = mediaDir(),
): Promise<{ body: ReadableStream; size: number; type: string } | null> {
  const match = FILE.exec(file);
  if (!KEY.test(key) || !match) return null;
  const full = path.join(dir, key, file);
  const stat = await fs.stat(/*turbopackIgnore: true*/ full).catch(() => null);
  if (!stat?.isFile()) return null;
  return {
    body: Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ full)) as ReadableStream,
    size: stat.size,
    type: TYPES[match[2] as keyof typeof TYPES],
  };
}

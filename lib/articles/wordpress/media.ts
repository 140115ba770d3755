import { promises as fs } from "node:fs";
import path from "node:path";
import { db } from "../../db";
import { uploadMedia } from "../../media/library";
import { MediaError } from "../../media/pipeline";
import { sniffFile, storeFile } from "../../media/recordings";
import type { MediaInfo } from "../../media/urls";
import type { FileInfo } from "./content";
import { type DownloadOptions, download, inPool } from "./download";

/**
 * The old site's files (attachments, and every uploaded file the posts use) into the media library:
 * images through the image pipeline, videos, sounds and PDFs as files. Each comes from the local copy
 * of wp-content/uploads (`--uploads`), or is downloaded from the old site (`--fetch-media`); a file
 * already imported (same attachment of the same site, or same upload path) is not fetched again.
 */

export interface FileNeed {
  /** upload path, "2019/07/orage.jpg" (no size suffix) */
  path: string;
  /** path on the old site to download it from, "/wp-content/uploads/2019/07/orage.jpg" */
  urlPath: string;
  /** the attachment it is, if the export has it */
  attachment?: { id: number; title: string; alt: string; caption: string };
}

export interface ImportedFiles {
  mediaByUpload: Map<string, MediaInfo & { id: number }>;
  fileByUpload: Map<string, FileInfo & { id: number }>;
  mediaByAttachment: Map<number, MediaInfo & { id: number }>;
  fileByAttachment: Map<number, FileInfo & { id: number }>;
  stats: { fromUploads: number; downloaded: number; existing: number; missing: string[]; refused: string[] };
}

export interface FileSources {
  site: string;
  /** local copy of wp-content/uploads */
  uploads?: string;
  /** download settings, when --fetch-media */
  fetch?: DownloadOptions;
  progress?: (done: number, total: number) => void;
}

/**
 * Whether an upload path (taken from the export: attacker-controlled) stays inside the uploads
 * folder: relative, no "..", no NUL, no backslash.
 */
export function safeUploadPath(relative: string): boolean {
  if (!relative || relative.includes("\0") || relative.includes("\\") || path.isAbsolute(relative))
    return false;
  return relative.split("/").every((part) => part !== ".." && part !== ".");
}

/** The file of the local uploads copy for an upload path, or null when it would leave the folder. */
export function uploadsFile(root: string, relative: string): string | null {
  if (!safeUploadPath(relative)) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  return full.startsWith(base + path.sep) ? full : null;
}

/** What an earlier import made of this file, if anything. */
async function alreadyImported(site: string, need: FileNeed) {
  const prisma = db();
  if (need.attachment) {
    const record =
      (await prisma.wordpressAttachment.findUnique({
        where: { site_wpPostId: { site, wpPostId: need.attachment.id } },
        include: { media: true, file: true },
      })) ??
      // Imported before the site was recorded: claimed by this site.
      (await prisma.wordpressAttachment
        .findUnique({ where: { site_wpPostId: { site: "", wpPostId: need.attachment.id } } })
        .then((legacy) =>
          legacy
            ? prisma.wordpressAttachment.update({
                where: { id: legacy.id },
                data: { site },
                include: { media: true, file: true },
              })
            : null,
        ));
    if (record?.media || record?.file) return { media: record.media, file: record.file };
  }
  const redirect = await prisma.redirect.findUnique({
    where: { fromPath: `/wp-content/uploads/${need.path}`.toLowerCase().slice(0, 191) },
  });
  const key = /^\/api\/media\/([a-f0-9]{16})\//.exec(redirect?.toPath ?? "")?.[1];
  if (!key) return null;
  const [media, file] = await Promise.all([
    prisma.media.findUnique({ where: { key } }),
    prisma.mediaFile.findUnique({ where: { key } }),
  ]);
  return media || file ? { media, file } : null;
}

export async function importFiles(needs: FileNeed[], sources: FileSources): Promise<ImportedFiles> {
  const result: ImportedFiles = {
    mediaByUpload: new Map(),
    fileByUpload: new Map(),
    mediaByAttachment: new Map(),
    fileByAttachment: new Map(),
    stats: { fromUploads: 0, downloaded: 0, existing: 0, missing: [], refused: [] },
  };
  const { stats } = result;
  let done = 0;
  const keep = async (
    need: FileNeed,
    found: { media: (MediaInfo & { id: number }) | null; file: (FileInfo & { id: number }) | null },
  ) => {
    if (found.media) {
      result.mediaByUpload.set(need.path, found.media);
      if (need.attachment) result.mediaByAttachment.set(need.attachment.id, found.media);
    }
    if (found.file) {
      result.fileByUpload.set(need.path, found.file);
      if (need.attachment) result.fileByAttachment.set(need.attachment.id, found.file);
    }
    if (need.attachment) {
      const data = { mediaId: found.media?.id ?? null, fileId: found.file?.id ?? null };
      await db().wordpressAttachment.upsert({
        where: { site_wpPostId: { site: sources.site, wpPostId: need.attachment.id } },
        create: { site: sources.site, wpPostId: need.attachment.id, ...data },
        update: data,
      });
    }
  };
  await inPool(needs, sources.fetch?.concurrency ?? 1, async (need) => {
    try {
      if (!safeUploadPath(need.path)) {
        stats.refused.push(`${need.path} : chemin refusé (il sortirait du dossier des fichiers)`);
        return;
      }
      const earlier = await alreadyImported(sources.site, need);
      if (earlier) {
        stats.existing++;
        await keep(need, earlier);
        return;
      }
      let buffer: Buffer | null = null;
      let downloaded: string | null = null;
      const local = sources.uploads ? uploadsFile(sources.uploads, need.path) : null;
      if (local) buffer = await fs.readFile(local).catch(() => null);
      if (buffer) stats.fromUploads++;
      else if (sources.fetch) {
        try {
          downloaded = await download(need.urlPath, sources.fetch);
          buffer = await fs.readFile(downloaded);
          stats.downloaded++;
        } catch (error) {
          stats.missing.push(`${need.path} (${(error as Error).message})`);
          return;
        }
      } else {
        stats.missing.push(
          `${need.path} (${sources.uploads ? "absent du dossier --uploads" : "ni --uploads ni --fetch-media"})`,
        );
        return;
      }
      const name = path.basename(need.path);
      const title = need.attachment?.title || name;
      try {
        if (sniffFile(buffer)) {
          const { file } = await storeFile(buffer, { originalName: name, title });
          await keep(need, { media: null, file });
        } else {
          const { media } = await uploadMedia(null, buffer, {
            originalName: name,
            alt: need.attachment?.alt || need.attachment?.title || name,
            caption: need.attachment?.caption || null,
          });
          await keep(need, { media, file: null });
        }
        if (downloaded) await fs.rm(downloaded, { force: true });
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        stats.refused.push(`${need.path} : ${error.message}`);
      }
    } finally {
      sources.progress?.(++done, needs.length);
    }
  });
  return result;
}

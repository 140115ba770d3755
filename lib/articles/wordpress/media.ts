import { promises as fs } from "node:fs";
import path from "node:path";
import { inPool } from "../../async";
import { db } from "../../db/client";
import { chunks } from "../../db/sql";
import { uploadMedia } from "../../media/library";
import { MediaError } from "../../media/pipeline";
import { sniffFile, storeFile } from "../../media/recordings";
import type { MediaInfo } from "../../media/urls";
import type { FileInfo } from "./content";
import { type DownloadOptions, download } from "./download";

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

type Found = { media: (MediaInfo & { id: number }) | null; file: (FileInfo & { id: number }) | null };

/** What earlier imports made of the files needed, read in a few queries (not a few per file). */
async function earlierImports(site: string, needs: FileNeed[]) {
  const prisma = db();
  const ids = needs.flatMap((need) => (need.attachment ? [need.attachment.id] : []));
  const records = new Map<
    number,
    { id: number; site: string; mediaId: number | null; fileId: number | null }
  >();
  const byAttachment = new Map<number, Found>();
  for (const part of chunks(ids, 1000)) {
    const found = await prisma.wordpressAttachment.findMany({
      where: { site: { in: [site, ""] }, wpPostId: { in: part } },
      include: { media: true, file: true },
    });
    // This site's record first; one made before the site was recorded ("") is claimed by this site.
    for (const record of found.sort((a, b) => Number(a.site === site) - Number(b.site === site))) {
      records.set(record.wpPostId, record);
      if (record.media || record.file)
        byAttachment.set(record.wpPostId, { media: record.media, file: record.file });
    }
  }
  // Files imported without an attachment: known by the redirect of their old address.
  const redirectKey = (need: FileNeed) => `/wp-content/uploads/${need.path}`.toLowerCase().slice(0, 191);
  const keyByRedirect = new Map<string, string>();
  for (const part of chunks(needs.map(redirectKey), 1000)) {
    for (const r of await prisma.redirect.findMany({ where: { fromPath: { in: part } } })) {
      const key = /^\/api\/media\/([a-f0-9]{16})\//.exec(r.toPath)?.[1];
      if (key) keyByRedirect.set(r.fromPath, key);
    }
  }
  const keys = [...new Set(keyByRedirect.values())];
  const byKey = new Map<string, Found>();
  for (const part of chunks(keys, 1000)) {
    for (const media of await prisma.media.findMany({ where: { key: { in: part } } }))
      byKey.set(media.key, { media, file: null });
    for (const file of await prisma.mediaFile.findMany({ where: { key: { in: part } } }))
      byKey.set(file.key, { media: byKey.get(file.key)?.media ?? null, file });
  }
  return {
    records,
    find(need: FileNeed): Found | null {
      const attached = need.attachment ? byAttachment.get(need.attachment.id) : undefined;
      if (attached) return attached;
      const key = keyByRedirect.get(redirectKey(need));
      return key ? (byKey.get(key) ?? null) : null;
    },
  };
}

/**
 * Each attachment of the old site and what it became, written at once: new ones inserted, changed ones
 * updated, those made before the site was recorded claimed by it.
 */
async function recordAttachments(
  site: string,
  kept: Map<number, { mediaId: number | null; fileId: number | null }>,
  records: Map<number, { id: number; site: string; mediaId: number | null; fileId: number | null }>,
) {
  const prisma = db();
  const created: { site: string; wpPostId: number; mediaId: number | null; fileId: number | null }[] = [];
  const updates = [];
  for (const [wpPostId, data] of kept) {
    const record = records.get(wpPostId);
    if (!record) created.push({ site, wpPostId, ...data });
    else if (record.site !== site || record.mediaId !== data.mediaId || record.fileId !== data.fileId)
      updates.push(prisma.wordpressAttachment.update({ where: { id: record.id }, data: { site, ...data } }));
  }
  await prisma.$transaction([
    ...chunks(created, 1000).map((part) =>
      prisma.wordpressAttachment.createMany({ data: part, skipDuplicates: true }),
    ),
    ...updates,
  ]);
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
  const earlier = await earlierImports(sources.site, needs);
  const attachments = new Map<number, { mediaId: number | null; fileId: number | null }>();
  const keep = (need: FileNeed, found: Found) => {
    if (found.media) {
      result.mediaByUpload.set(need.path, found.media);
      if (need.attachment) result.mediaByAttachment.set(need.attachment.id, found.media);
    }
    if (found.file) {
      result.fileByUpload.set(need.path, found.file);
      if (need.attachment) result.fileByAttachment.set(need.attachment.id, found.file);
    }
    if (need.attachment)
      attachments.set(need.attachment.id, {
        mediaId: found.media?.id ?? null,
        fileId: found.file?.id ?? null,
      });
  };
  await inPool(needs, sources.fetch?.concurrency ?? 1, async (need) => {
    try {
      if (!safeUploadPath(need.path)) {
        stats.refused.push(`${need.path} : chemin refusé (il sortirait du dossier des fichiers)`);
        return;
      }
      const found = earlier.find(need);
      if (found) {
        stats.existing++;
        keep(need, found);
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
          keep(need, { media: null, file });
        } else {
          const { media } = await uploadMedia(null, buffer, {
            originalName: name,
            alt: need.attachment?.alt || need.attachment?.title || name,
            caption: need.attachment?.caption || null,
          });
          keep(need, { media, file: null });
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
  await recordAttachments(sources.site, attachments, earlier.records);
  return result;
}

import { promises as fs } from "node:fs";
import path from "node:path";
import { db } from "../db/client";
import { encodeWidths, widthsFor } from "./pipeline";
import { addMediaFiles, mediaDir } from "./storage";
import { mediaWidths } from "./urls";

/**
 * Images uploaded before a width joined TARGET_WIDTHS (720 px, December 2026) lack its files, so a phone
 * is sent the next larger one. `meteo media widths` derives them from the largest WebP stored (the
 * original is not kept; the WebP keeps transparency) and records them once their files are in place:
 * a page never lists a width whose files are missing.
 */

/** The widths an image should have and lacks, smaller than its largest stored one (never enlarged). */
export function missingWidths(media: { width: number; widths: string }): number[] {
  const stored = mediaWidths(media);
  const largest = Math.max(...stored);
  return widthsFor(media.width).filter((w) => w < largest && !stored.includes(w));
}

export interface WidthsReport {
  /** images looked at */
  images: number;
  /** images given their missing widths */
  completed: number;
  /** images whose files could not be read or written, with the reason */
  failed: { key: string; reason: string }[];
}

export async function completeMediaWidths(dir = mediaDir()): Promise<WidthsReport> {
  const images = await db().media.findMany({
    select: { id: true, key: true, width: true, widths: true },
    orderBy: { id: "asc" },
  });
  const report: WidthsReport = { images: images.length, completed: 0, failed: [] };
  for (const media of images) {
    const missing = missingWidths(media);
    if (missing.length === 0) continue;
    const stored = mediaWidths(media);
    const source = path.join(dir, media.key, `${Math.max(...stored)}.webp`);
    try {
      const files = await encodeWidths(await fs.readFile(/*turbopackIgnore: true*/ source), missing);
      await addMediaFiles(media.key, files, dir);
    } catch (error) {
      report.failed.push({ key: media.key, reason: (error as Error).message });
      continue;
    }
    const widths = [...stored, ...missing].sort((a, b) => a - b).join(",");
    await db().media.update({ where: { id: media.id }, data: { widths } });
    report.completed++;
  }
  return report;
}

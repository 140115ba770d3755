import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../data-dirs";
import { writeFileAtomic } from "../media/files";
import type { WebImage } from "../media/images";
import { DAY_PATTERN, localDay, localDayBounds, utcDay } from "../time";

/**
 * Where webcam images live: WEBCAM_DIR/<station id>/<webcam id>/
 *   latest-large.jpg, latest-small.jpg, latest.json   the newest image
 *   archive/<UTC day>/<HHMMSS>-large.jpg|-small.jpg  the first image of each UTC hour
 * UTC names make the archive immune to DST; pages show the times in the station's time zone.
 */

export const WEBCAM_SIZES = { large: 1280, small: 480 } as const;
export type WebcamSize = keyof typeof WEBCAM_SIZES;

export interface WebcamRef {
  id: number;
  stationId: number;
}

export interface LatestImage {
  /** Unix seconds the image was received. */
  takenAt: number;
  width: number;
  height: number;
}

export interface ArchivedImage {
  takenAt: number;
  /** UTC day folder and file stem, as in the URL: 2026-11-25/140512 */
  day: string;
  stem: string;
}

export function webcamRoot(): string {
  return dataDir("WEBCAM_DIR");
}

export function cameraDir(webcam: WebcamRef): string {
  return path.join(webcamRoot(), String(webcam.stationId), String(webcam.id));
}

const STEM_PATTERN = /^(\d{2})(\d{2})(\d{2})$/;

function stemOf(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 19).replace(/:/g, "");
}

function timeOf(day: string, stem: string): number {
  const [, h, m, s] = STEM_PATTERN.exec(stem) ?? [];
  return Date.parse(`${day}T${h}:${m}:${s}Z`) / 1000;
}

/**
 * Stores a new image taken at `t`: it becomes the latest one, and the archived one of its UTC hour when
 * that hour has none yet. Returns whether it was archived.
 */
export async function storeWebcamImage(
  webcam: WebcamRef,
  versions: Record<WebcamSize, WebImage>,
  t: number,
): Promise<boolean> {
  const dir = cameraDir(webcam);
  const day = utcDay(t);
  const stem = stemOf(t);
  const dayDir = path.join(dir, "archive", day);
  const hour = stem.slice(0, 2);
  const existing = await readdir(dayDir).catch(() => [] as string[]);
  const archive = !existing.some((name) => name.startsWith(hour) && name.endsWith("-large.jpg"));
  if (archive) {
    // small first: the large file is what marks the hour as archived
    await writeFileAtomic(path.join(dayDir, `${stem}-small.jpg`), versions.small.data);
    await writeFileAtomic(path.join(dayDir, `${stem}-large.jpg`), versions.large.data);
  }
  const previous = await readLatest(webcam);
  if (!previous || previous.takenAt <= t) {
    await writeFileAtomic(path.join(dir, "latest-small.jpg"), versions.small.data);
    await writeFileAtomic(path.join(dir, "latest-large.jpg"), versions.large.data);
    const latest: LatestImage = { takenAt: t, width: versions.large.width, height: versions.large.height };
    await writeFileAtomic(path.join(dir, "latest.json"), JSON.stringify(latest));
  }
  return archive;
}

export async function readLatest(webcam: WebcamRef): Promise<LatestImage | null> {
  try {
    return JSON.parse(await readFile(path.join(cameraDir(webcam), "latest.json"), "utf8")) as LatestImage;
  } catch {
    return null;
  }
}

/** UTC days that have archived images, oldest first. */
export async function archiveDays(webcam: WebcamRef): Promise<string[]> {
  const names = await readdir(path.join(cameraDir(webcam), "archive")).catch(() => [] as string[]);
  return names.filter((name) => DAY_PATTERN.test(name)).sort();
}

/** Archived images taken on local day `day` ("YYYY-MM-DD") of `timeZone`, oldest first. */
export async function archivedImages(
  webcam: WebcamRef,
  day: string,
  timeZone: string,
): Promise<ArchivedImage[]> {
  const { start: from, end: to } = localDayBounds(day, timeZone);
  const images: ArchivedImage[] = [];
  for (const folder of new Set([utcDay(from), utcDay(to - 1)])) {
    const names = await readdir(path.join(cameraDir(webcam), "archive", folder)).catch(() => [] as string[]);
    for (const name of names) {
      const stem = name.endsWith("-large.jpg") ? name.slice(0, -"-large.jpg".length) : "";
      if (!STEM_PATTERN.test(stem)) continue;
      const takenAt = timeOf(folder, stem);
      if (takenAt >= from && takenAt < to) images.push({ takenAt, day: folder, stem });
    }
  }
  return images.sort((a, b) => a.takenAt - b.takenAt);
}

/** Local days (of `timeZone`) that have archived images, newest first. */
export async function archiveLocalDays(webcam: WebcamRef, timeZone: string): Promise<string[]> {
  const days = new Set<string>();
  for (const folder of await archiveDays(webcam)) {
    for (const name of await readdir(path.join(cameraDir(webcam), "archive", folder))) {
      const stem = name.slice(0, 6);
      if (!name.endsWith("-large.jpg") || !STEM_PATTERN.test(stem)) continue;
      days.add(localDay(timeOf(folder, stem), timeZone));
    }
  }
  return [...days].sort().reverse();
}

/** The file behind an image URL, or null when the name is not one we write (no path tricks). */
export function imageFile(webcam: WebcamRef, parts: readonly string[]): string | null {
  const dir = cameraDir(webcam);
  if (parts.length === 1 && /^latest-(large|small)\.jpg$/.test(parts[0])) return path.join(dir, parts[0]);
  if (parts.length === 2 && DAY_PATTERN.test(parts[0]) && /^\d{6}-(large|small)\.jpg$/.test(parts[1]))
    return path.join(dir, "archive", parts[0], parts[1]);
  return null;
}

/** Removes archive days older than `retentionDays` before `now`, and stale temporary files. */
export async function pruneWebcam(
  webcam: WebcamRef,
  retentionDays: number,
  now: number,
): Promise<{ days: number }> {
  const oldestKept = utcDay(now - retentionDays * 86400);
  let days = 0;
  for (const day of await archiveDays(webcam)) {
    if (day >= oldestKept) continue;
    await rm(path.join(cameraDir(webcam), "archive", day), { recursive: true, force: true });
    days++;
  }
  const dir = cameraDir(webcam);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".tmp")) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs / 1000 > 3600) await rm(file, { force: true });
  }
  return { days };
}

/** Removes every file of a webcam (when it is deleted). */
export function removeWebcamFiles(webcam: WebcamRef): Promise<void> {
  return rm(cameraDir(webcam), { recursive: true, force: true });
}

import { lstat, readdir, statfs } from "node:fs/promises";
import path from "node:path";
import { formatNumber } from "../format/numbers";
import type { CheckState } from "../generated/prisma/enums";

/** Disk usage, its trend, and the sizes of the usual culprits (binlogs, relay logs, backups, media). */

export interface DiskUsage {
  path: string;
  /** Bytes usable by MariaDB and the app (used + available to unprivileged users), like df. */
  totalBytes: number;
  usedBytes: number;
}

export async function diskUsage(target: string): Promise<DiskUsage> {
  const s = await statfs(target);
  const used = (s.blocks - s.bfree) * s.bsize;
  return { path: target, usedBytes: used, totalBytes: used + s.bavail * s.bsize };
}

export function usedPercent(usage: Pick<DiskUsage, "usedBytes" | "totalBytes">): number {
  return usage.totalBytes === 0 ? 100 : (100 * usage.usedBytes) / usage.totalBytes;
}

export interface DiskSamplePoint {
  at: Date;
  usedBytes: number;
}

/** How far back the fill rate is measured. */
export const FORECAST_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Days until the disk is full at the current fill rate: a least-squares line through the samples of
 * the last week (at least two, an hour apart). Null when usage is flat or shrinking, or history is short.
 */
export function daysUntilFull(samples: DiskSamplePoint[], current: DiskUsage, now: Date): number | null {
  const recent = samples
    .filter((s) => now.getTime() - s.at.getTime() <= FORECAST_WINDOW_MS && s.at <= now)
    .concat({ at: now, usedBytes: current.usedBytes });
  const times = recent.map((s) => s.at.getTime());
  if (recent.length < 3 || Math.max(...times) - Math.min(...times) < 3600_000) return null;
  const meanT = times.reduce((a, b) => a + b, 0) / recent.length;
  const meanU = recent.reduce((a, s) => a + s.usedBytes, 0) / recent.length;
  let covariance = 0;
  let variance = 0;
  for (const s of recent) {
    covariance += (s.at.getTime() - meanT) * (s.usedBytes - meanU);
    variance += (s.at.getTime() - meanT) ** 2;
  }
  const bytesPerMs = covariance / variance;
  if (!(bytesPerMs > 0)) return null;
  return (current.totalBytes - current.usedBytes) / bytesPerMs / (24 * 3600_000);
}

export interface DiskThresholds {
  diskWarningPercent: number;
  diskCriticalPercent: number;
  diskFullWarningDays: number;
  diskFullCriticalDays: number;
}

/** The state of a filesystem: the worse of its usage threshold and its forecast. */
export function evaluateDisk(
  usage: DiskUsage,
  days: number | null,
  t: DiskThresholds,
): { state: CheckState; message: string } {
  const percent = usedPercent(usage);
  const byUsage: CheckState =
    percent >= t.diskCriticalPercent ? "CRITICAL" : percent >= t.diskWarningPercent ? "WARNING" : "OK";
  const byTrend: CheckState =
    days === null
      ? "OK"
      : days <= t.diskFullCriticalDays
        ? "CRITICAL"
        : days <= t.diskFullWarningDays
          ? "WARNING"
          : "OK";
  const rank = { OK: 0, WARNING: 1, CRITICAL: 2 } as const;
  const state = rank[byTrend] > rank[byUsage] ? byTrend : byUsage;
  const free = formatBytes(usage.totalBytes - usage.usedBytes);
  let message = `${usage.path} : ${formatNumber(percent, 0)} % utilisés (${free} libres sur ${formatBytes(usage.totalBytes)})`;
  if (days !== null) message += ` ; plein dans ${formatDays(days)} au rythme actuel`;
  return { state, message };
}

function formatDays(days: number): string {
  if (days < 1) return `${formatNumber(days * 24, 0)} h`;
  return `${formatNumber(days, days < 10 ? 1 : 0)} jours`;
}

/** "1,2 Go", "350 Mo", "12 ko" (powers of 1024, as df -h). */
export function formatBytes(bytes: number): string {
  const units = ["o", "ko", "Mo", "Go", "To"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, unit === 0 || value >= 100 ? 0 : 1)}\u00a0${units[unit]}`;
}

/** Total size of the files under `dir` (0 when it does not exist); symbolic links are not followed. */
export async function folderSize(dir: string): Promise<number> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(full);
    else if (entry.isFile()) total += (await lstat(full)).size;
  }
  return total;
}

import path from "node:path";
import { ConfigError } from "./config";

/**
 * The folders of files the platform keeps besides its database: uploaded media, webcam images, station
 * photos. One rule for all three: a setting must be an absolute path outside the build (the standalone
 * server runs from .next/standalone, and each deploy replaces the build); when unset, production
 * (NODE_ENV=production: the app and the jobs on the server) uses /var/lib/meteo06/<folder>, development
 * uses .data/<folder> of the project (the development tools run from the project root, and write these
 * absolute defaults into .env.local for the standalone server they start).
 */

export const DATA_DIRS = {
  MEDIA_DIR: "media",
  WEBCAM_DIR: "webcam",
  STATION_PHOTOS_DIR: "station-photos",
} as const;
export type DataDirSetting = keyof typeof DATA_DIRS;

export const PRODUCTION_DATA_ROOT = "/var/lib/meteo06";

/** Absolute development folders under the project root (what the preparation writes into .env.local). */
export function developmentDataDirs(projectRoot = process.cwd()): Record<DataDirSetting, string> {
  const entries = Object.entries(DATA_DIRS).map(([name, leaf]) => [
    name,
    path.join(/*turbopackIgnore: true*/ projectRoot, ".data", leaf),
  ]);
  return Object.fromEntries(entries) as Record<DataDirSetting, string>;
}

/** The problem with a data folder setting, in one line, or null when it is acceptable (or unset). */
export function dataDirProblem(name: DataDirSetting, value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (!path.isAbsolute(trimmed)) {
    return `${name} must be an absolute path such as ${path.join(PRODUCTION_DATA_ROOT, DATA_DIRS[name])} (got "${trimmed}")`;
  }
  if (path.normalize(trimmed).split(path.sep).includes(".next")) {
    return `${name} must be outside the build (.next), which every deploy replaces (got "${trimmed}")`;
  }
  return null;
}

/** The folder for `name` (throws a ConfigError naming the setting when it is not acceptable). */
export function dataDir(name: DataDirSetting, env: Record<string, string | undefined> = process.env): string {
  const problem = dataDirProblem(name, env[name]);
  if (problem) throw new ConfigError([problem]);
  const value = env[name]?.trim();
  if (value) return path.normalize(/*turbopackIgnore: true*/ value);
  return env.NODE_ENV === "production"
    ? path.join(/*turbopackIgnore: true*/ PRODUCTION_DATA_ROOT, DATA_DIRS[name])
    : developmentDataDirs()[name];
}

import { ConfigError } from "../config/settings";

/**
 * Lightning configuration, from the environment only:
 * - BLITZORTUNG_USERNAME / BLITZORTUNG_PASSWORD: the association's participant account. Without them
 *   the feature is hidden (no menu entry, pages answer 404, no station panel) and the import does nothing.
 * - BLITZORTUNG_URL: the participant feed (`last_strikes.php`).
 * - LIGHTNING_BBOX: west,south,east,north in degrees, the area imported.
 * - LIGHTNING_KEEP_DAYS: how long strikes are kept.
 * - LIGHTNING_DEMO=1: shows the feature with the demo seed's synthetic strikes (never in production).
 */

/** The import's name in JobRun (its runs are shown in the back office and watched by monitoring). */
export const IMPORT_JOB = "lightning:import";

export const DEFAULT_FEED_URL = "https://data.blitzortung.org/Data/Protected/last_strikes.php";
/** South-east France (Rhône to Italy) and the Ligurian sea down to northern Corsica. */
export const DEFAULT_BBOX = "5,42.5,10,45.5";
export const DEFAULT_HISTORY_DAYS = 731;

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface LightningSettings {
  credentials: { username: string; password: string } | null;
  feedUrl: URL;
  bbox: BoundingBox;
  historyDays: number;
  demo: boolean;
}

type Env = Record<string, string | undefined>;

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** LIGHTNING_DEMO is set: the pages show the demo seed's synthetic strikes. */
export function isDemo(env: Env = process.env): boolean {
  return ["1", "true", "yes"].includes((env.LIGHTNING_DEMO ?? "").trim().toLowerCase());
}

/** Whether visitors see lightning pages. Never throws: a page must not break on a typo in the settings. */
export function lightningEnabled(env: Env = process.env): boolean {
  return (isSet(env.BLITZORTUNG_USERNAME) && isSet(env.BLITZORTUNG_PASSWORD)) || isDemo(env);
}

export function parseBoundingBox(text: string): BoundingBox | string {
  const parts = text.split(",").map((part) => part.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === "") || numbers.some((n) => !Number.isFinite(n))) {
    return "LIGHTNING_BBOX must be four numbers: west,south,east,north (e.g. 5,42.5,10,45.5)";
  }
  const [west, south, east, north] = numbers;
  if (west < -180 || east > 180 || south < -90 || north > 90) {
    return "LIGHTNING_BBOX is out of range (longitudes -180…180, latitudes -90…90)";
  }
  if (west >= east || south >= north) {
    return "LIGHTNING_BBOX must be west,south,east,north with west < east and south < north";
  }
  return { west, south, east, north };
}

/** The full settings, for the import; a ConfigError names every problem. */
export function parseLightningSettings(env: Env): LightningSettings {
  const problems: string[] = [];
  const username = env.BLITZORTUNG_USERNAME?.trim() ?? "";
  const password = env.BLITZORTUNG_PASSWORD ?? "";
  if (isSet(username) !== isSet(password)) {
    problems.push(
      `${username ? "BLITZORTUNG_PASSWORD" : "BLITZORTUNG_USERNAME"} is missing (both or neither must be set)`,
    );
  }

  let feedUrl: URL | null = null;
  const rawUrl = env.BLITZORTUNG_URL?.trim() || DEFAULT_FEED_URL;
  if (URL.canParse(rawUrl) && /^https?:$/.test(new URL(rawUrl).protocol)) feedUrl = new URL(rawUrl);
  else problems.push(`BLITZORTUNG_URL must be an http(s) URL such as ${DEFAULT_FEED_URL}`);

  const bbox = parseBoundingBox(env.LIGHTNING_BBOX?.trim() || DEFAULT_BBOX);
  if (typeof bbox === "string") problems.push(bbox);

  const rawDays = env.LIGHTNING_KEEP_DAYS?.trim() || String(DEFAULT_HISTORY_DAYS);
  const historyDays = Number(rawDays);
  if (!/^\d+$/.test(rawDays) || historyDays < 1 || historyDays > 36600) {
    problems.push("LIGHTNING_KEEP_DAYS must be a whole number of days between 1 and 36600");
  }

  if (problems.length > 0 || !feedUrl || typeof bbox === "string") throw new ConfigError(problems);
  return {
    credentials: username ? { username, password } : null,
    feedUrl,
    bbox,
    historyDays,
    demo: isDemo(env),
  };
}

export function lightningSettings(): LightningSettings {
  return parseLightningSettings(process.env);
}

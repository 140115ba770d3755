import { formatNumber } from "../format/numbers";

/** What the media library accepts; read on the server, the byte limit also told to the uploader's page. */
export interface MediaLimits {
  maxBytes: number;
  maxPixels: number;
}

const MB = 1024 * 1024;

/** MEDIA_MAX_BYTES (default 20 MB) and MEDIA_MAX_PIXELS (default 50 megapixels), validated. */
export function mediaLimits(env: Record<string, string | undefined> = process.env): MediaLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
    return value;
  };
  return { maxBytes: read("MEDIA_MAX_BYTES", 20 * MB), maxPixels: read("MEDIA_MAX_PIXELS", 50_000_000) };
}

/**
 * The refusal of a file over `maxBytes`, in French: "Fichier trop lourd (31,2 Mo) : la limite est de
 * 20 Mo.", without the size while it is still unknown (an upload refused as it streams in). Said by the
 * server, and by the uploader's page before it sends anything.
 */
export function tooHeavyMessage(bytes: number | null, maxBytes: number): string {
  const size = bytes === null ? "" : ` (${formatNumber(bytes / MB, 1)} Mo)`;
  return `Fichier trop lourd${size} : la limite est de ${formatNumber(maxBytes / MB, 0)} Mo.`;
}

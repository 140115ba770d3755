import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { ApiError } from "../http/api";
import { type MediaLimits, tooHeavyMessage } from "./limits";

/**
 * The image pipeline of the media library: checks (size, type, scripts in SVG, decompression bombs),
 * then auto-rotation, metadata stripped (EXIF, GPS: sharp writes none unless asked), responsive widths
 * in AVIF, WebP and JPEG, and a tiny blurred placeholder. Pure apart from CPU: no file is written here.
 */

/** A refused or failed upload, with the HTTP status and the French message for the uploader. */
export class MediaError extends ApiError {
  constructor(status: number, message: string) {
    super(status, message);
    this.name = "MediaError";
  }
}

/**
 * Widths generated (never larger than the original). 720 serves an image across a phone's column (350 to
 * 380 px at a density of 1.75 to 1.9, as Lighthouse's phone), which would otherwise take the 960 one:
 * half its bytes, on the page's largest paint.
 */
export const TARGET_WIDTHS = [480, 720, 960, 1600];

export function widthsFor(width: number): number[] {
  const widths = TARGET_WIDTHS.filter((w) => w < width);
  widths.push(Math.min(width, TARGET_WIDTHS[TARGET_WIDTHS.length - 1]));
  return [...new Set(widths)];
}

export interface ProcessedImage {
  sha256: string;
  /** first 16 hex digits of the SHA-256: the media's folder name */
  key: string;
  width: number;
  height: number;
  widths: number[];
  blurDataUrl: string;
  /** file name (e.g. "960.webp") → content */
  files: Map<string, Buffer>;
}

const ACCEPTED = new Set(["jpeg", "png", "webp", "avif", "gif", "tiff", "heif", "svg"]);

function looksLikeSvg(input: Buffer): boolean {
  const head = input.subarray(0, 1024).toString("utf8").trimStart().toLowerCase();
  return (
    head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")) || head.includes("<svg")
  );
}

/** Scripts, event handlers, javascript: URLs, embedded HTML or external references in an SVG. */
export function svgHasActiveContent(text: string): boolean {
  return /<script|\son[a-z]+\s*=|javascript:|<foreignobject|<!entity|xlink:href\s*=\s*["']\s*(?!#|data:image)/i.test(
    text,
  );
}

/** The files of each width ("720.avif", "720.webp", "720.jpg") from an upright image, never enlarged. */
export async function encodeWidths(upright: Buffer, widths: number[]): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const w of widths) {
    const resized = () => sharp(upright).resize({ width: w, withoutEnlargement: true });
    files.set(`${w}.avif`, await resized().avif({ quality: 55, effort: 2 }).toBuffer());
    files.set(`${w}.webp`, await resized().webp({ quality: 80 }).toBuffer());
    files.set(
      `${w}.jpg`,
      await resized().flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer(),
    );
  }
  return files;
}

export async function processImage(input: Buffer, limits: MediaLimits): Promise<ProcessedImage> {
  if (input.length === 0) throw new MediaError(422, "Le fichier est vide.");
  if (input.length > limits.maxBytes) {
    throw new MediaError(413, tooHeavyMessage(input.length, limits.maxBytes));
  }
  if (looksLikeSvg(input) && svgHasActiveContent(input.toString("utf8"))) {
    throw new MediaError(415, "Image SVG refusée : elle contient des scripts ou des liens actifs.");
  }
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new MediaError(
      415,
      "Ce fichier n'est pas une image reconnue (JPEG, PNG, WebP, AVIF, GIF, TIFF, HEIC ou SVG).",
    );
  }
  if (!metadata.format || !ACCEPTED.has(metadata.format) || !metadata.width || !metadata.height) {
    throw new MediaError(
      415,
      "Ce fichier n'est pas une image reconnue (JPEG, PNG, WebP, AVIF, GIF, TIFF, HEIC ou SVG).",
    );
  }
  const pixels = metadata.width * metadata.height;
  if (pixels > limits.maxPixels) {
    throw new MediaError(
      413,
      `Image trop grande (${metadata.width} × ${metadata.height} pixels) : la limite est de ${(limits.maxPixels / 1e6).toFixed(0)} mégapixels.`,
    );
  }
  const source = () =>
    sharp(input, {
      limitInputPixels: limits.maxPixels,
      failOn: "error",
      density: metadata.format === "svg" ? 144 : undefined,
    }).rotate();
  let oriented: { data: Buffer; info: OutputInfo };
  try {
    // One decode, rotated upright; every size is derived from this lossless copy.
    oriented = await source().png({ compressionLevel: 0 }).toBuffer({ resolveWithObject: true });
  } catch {
    throw new MediaError(422, "Cette image est endommagée ou incomplète : elle ne peut pas être lue.");
  }
  const { width, height } = oriented.info;
  const widths = widthsFor(width);
  const files = await encodeWidths(oriented.data, widths);
  const blur = await sharp(oriented.data).resize({ width: 16 }).blur(1).webp({ quality: 40 }).toBuffer();
  const sha256 = createHash("sha256").update(input).digest("hex");
  return {
    sha256,
    key: sha256.slice(0, 16),
    width,
    height,
    widths,
    blurDataUrl: `data:image/webp;base64,${blur.toString("base64")}`,
    files,
  };
}

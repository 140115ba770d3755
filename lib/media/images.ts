import sharp, { type Metadata } from "sharp";
import { ApiError } from "../api";

/**
 * The sharp pipeline for images people send us (webcam uploads, station photos): only real JPEG, PNG or
 * WebP pictures are accepted; web versions are JPEG, turned upright, and carry no metadata (EXIF, GPS,
 * camera serial numbers are dropped).
 */

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Beyond this, decoding costs too much memory (a 10 MB file can hold a gigapixel "bomb"). */
const MAX_PIXELS = 60_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);

/** A refused image, with the HTTP status (413 or 415) and the French message to answer. */
export class ImageInputError extends ApiError {
  constructor(status: 413 | 415, message: string) {
    super(status, message);
    this.name = "ImageInputError";
  }
}

export interface WebImage {
  data: Buffer;
  width: number;
  height: number;
}

export const IMAGE_TOO_LARGE = `Image trop volumineuse : ${MAX_IMAGE_BYTES / 1024 / 1024} Mo au maximum.`;
const tooLarge = () => new ImageInputError(413, IMAGE_TOO_LARGE);
const notAnImage = () =>
  new ImageInputError(415, "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible.");

/**
 * Web versions of `input`, each fitting in a square of the given side (never enlarged), keyed like
 * `sides`. Throws ImageInputError for anything that is not an acceptable picture.
 */
export async function webVersions<K extends string>(
  input: Buffer,
  sides: Record<K, number>,
): Promise<Record<K, WebImage>> {
  if (input.length > MAX_IMAGE_BYTES) throw tooLarge();
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    throw notAnImage();
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw notAnImage();
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PIXELS) {
    throw new ImageInputError(413, "Image trop grande : 60 millions de pixels au maximum.");
  }
  const result = {} as Record<K, WebImage>;
  try {
    for (const key of Object.keys(sides) as K[]) {
      const side = sides[key];
      const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
        .autoOrient()
        .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      result[key] = { data, width: info.width, height: info.height };
    }
  } catch {
    throw notAnImage(); // truncated or corrupt data
  }
  return result;
}

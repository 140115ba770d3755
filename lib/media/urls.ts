/**
 * Addresses of media-library files and the responsive <picture> markup (pure: shared by the article
 * renderer, the cover images and the editor). Files: /api/media/<key>/<width>.<avif|webp|jpg>.
 */

export const MEDIA_FORMATS = ["avif", "webp", "jpg"] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

export interface MediaInfo {
  key: string;
  alt: string;
  width: number;
  height: number;
  /** comma-separated widths, as stored */
  widths: string;
  blurDataUrl: string;
}

export function mediaWidths(media: Pick<MediaInfo, "widths">): number[] {
  return media.widths
    .split(",")
    .map(Number)
    .filter((w) => Number.isInteger(w) && w > 0);
}

export function mediaUrl(key: string, width: number, format: MediaFormat = "jpg"): string {
  return `/api/media/${key}/${width}.${format}`;
}

/** The width closest to `wanted` (not smaller when possible). */
export function pickWidth(media: Pick<MediaInfo, "widths">, wanted: number): number {
  const widths = mediaWidths(media);
  return widths.find((w) => w >= wanted) ?? widths[widths.length - 1];
}

/**
 * `sizes` of an image across the article column: the screen less the page's padding (1rem each side), up
 * to the column's 46rem. A phone then picks no bigger file than it shows.
 */
export const COLUMN_SIZES = "(max-width: 46rem) calc(100vw - 2rem), 46rem";

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function srcset(media: MediaInfo, format: MediaFormat): string {
  return mediaWidths(media)
    .map((w) => `${mediaUrl(media.key, w, format)} ${w}w`)
    .join(", ");
}

/**
 * AVIF and WebP sources with a JPEG fallback, lazy, with the blur placeholder as background; `eager`
 * for the page's largest image (an article's cover): loaded at once and first.
 */
export function pictureHtml(media: MediaInfo, alt: string, sizes: string, eager = false): string {
  const widths = mediaWidths(media);
  const largest = widths[widths.length - 1];
  const height = Math.round((media.height * largest) / media.width);
  const fallback = mediaUrl(media.key, pickWidth(media, 960));
  return (
    `<picture>` +
    `<source type="image/avif" srcset="${srcset(media, "avif")}" sizes="${sizes}">` +
    `<source type="image/webp" srcset="${srcset(media, "webp")}" sizes="${sizes}">` +
    `<img src="${fallback}" srcset="${srcset(media, "jpg")}" sizes="${sizes}" alt="${escapeAttribute(alt)}"` +
    ` width="${largest}" height="${height}"${eager ? ' loading="eager" fetchpriority="high"' : ' loading="lazy"'} decoding="async"` +
    ` style="background:url(${media.blurDataUrl}) center/cover no-repeat">` +
    `</picture>`
  );
}

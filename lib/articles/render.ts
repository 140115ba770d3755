import { decodeHTML } from "entities";
import { COLUMN_SIZES, type MediaInfo, mediaUrl, pictureHtml } from "../media/urls";
import { htmlToText, type RemovedCounts, sanitizeAndCount } from "../security/html";
import { CHART_FIELDS, type ChartField, EMBED_KINDS, type Embed, type EmbedKind } from "./embeds";
import { type ExternalEmbed, externalPlaceholder, validEmbed } from "./external";

/**
 * Article bodies: stored as sanitised HTML (the one allow-list of lib/security/html.ts); embeds are stored as
 * placeholders `<div data-embed="station-chart" data-station="slug" data-field="outTemp"></div>` (videos
 * and posts of other sites: `<div data-embed="external" …>`, lib/articles/external.ts) and
 * images of the media library as `<img src="/api/media/<key>/<width>.jpg">`. Rendering turns the
 * placeholders into live blocks and the images into responsive <picture>s; the preview and the site
 * use the same function, so they look the same.
 */

export { CHART_FIELDS, type ChartField, EMBED_KINDS, type Embed, type EmbedKind } from "./embeds";

export type BodySegment = { html: string } | { embed: Embed } | { external: ExternalEmbed };

/**
 * Sanitises HTML from the editor or an import and keeps only well-formed embeds; `removed` (when
 * given) counts what the sanitiser took out, by kind.
 */
export function cleanArticleHtml(html: string, removed: RemovedCounts = new Map()): string {
  return sanitizeAndCount(html, removed).replace(/<div data-embed="[^"]*"[^>]*>[\s\S]*?<\/div>/g, (match) => {
    const segment = parsePlaceholder(match);
    if (!segment) return "";
    return "embed" in segment ? embedPlaceholder(segment.embed) : externalPlaceholder(segment.external);
  });
}

export function embedPlaceholder(embed: Embed): string {
  const field = embed.kind === "station-chart" ? ` data-field="${embed.field}"` : "";
  return `<div data-embed="${embed.kind}" data-station="${embed.station}"${field}></div>`;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeHTML(match[1]) : null;
}

function parsePlaceholder(tag: string): Exclude<BodySegment, { html: string }> | null {
  const kind = attribute(tag, "data-embed");
  if (kind === "external") {
    const provider = attribute(tag, "data-provider") ?? "";
    const ref = attribute(tag, "data-ref") ?? "";
    if (!validEmbed(provider, ref)) return null;
    return { external: { provider, ref, title: attribute(tag, "data-title") ?? "" } as ExternalEmbed };
  }
  const station = attribute(tag, "data-station") ?? "";
  const field = (attribute(tag, "data-field") ?? "outTemp") as ChartField;
  if (!EMBED_KINDS.includes(kind as EmbedKind) || !/^[a-z0-9-]{1,63}$/.test(station)) return null;
  if (!(field in CHART_FIELDS)) return null;
  return { embed: { kind: kind as EmbedKind, station, field } };
}

/** Splits a stored body into HTML and embeds, and upgrades media-library images to <picture>. */
export function renderBody(html: string, media: Map<string, MediaInfo>): BodySegment[] {
  const segments: BodySegment[] = [];
  const pattern = /<div data-embed="[^"]*"[^>]*><\/div>/g;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    const segment = parsePlaceholder(match[0]);
    if (!segment) continue;
    if (match.index > last) segments.push({ html: upgradeImages(html.slice(last, match.index), media) });
    segments.push(segment);
    last = match.index + match[0].length;
  }
  if (last < html.length) segments.push({ html: upgradeImages(html.slice(last), media) });
  return segments;
}

const MEDIA_IMG = /<img\s[^>]*src="\/api\/media\/([a-f0-9]{16})\/\d+\.jpg"[^>]*>/g;

function upgradeImages(html: string, media: Map<string, MediaInfo>): string {
  return html.replace(MEDIA_IMG, (tag, key: string) => {
    const info = media.get(key);
    if (!info) return tag;
    return pictureHtml(info, attribute(tag, "alt") ?? info.alt, COLUMN_SIZES);
  });
}

/** Keys of the media-library images used in a body (to record usage, and to load their sizes). */
export function mediaKeysIn(html: string): string[] {
  return [...new Set([...html.matchAll(/\/api\/media\/([a-f0-9]{16})\//g)].map((m) => m[1]))];
}

/** Plain text for search and feeds. */
export function bodyText(html: string): string {
  return htmlToText(
    html
      .replace(/<\/(p|h[2-6]|li|dt|dd|td|th|figcaption|blockquote|pre|div|summary|details)>/g, "$& ")
      .replace(/<br\s*\/?>/g, "$& "),
  );
}

/** An excerpt from the body when the author wrote none: the first ~`length` characters, on a word. */
export function autoExcerpt(html: string, length = 220): string {
  const text = bodyText(html);
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), length / 2)).replace(/[\s,;:.]+$/, "")}…`;
}

export { mediaUrl };

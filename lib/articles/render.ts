import { htmlToText, sanitizeUserHtml } from "../html";
import { type MediaInfo, mediaUrl, pictureHtml } from "../media/urls";
import { CHART_FIELDS, type ChartField, EMBED_KINDS, type Embed, type EmbedKind } from "./embeds";

/**
 * Article bodies: stored as sanitised HTML (the one allow-list of lib/html.ts); embeds are stored as
 * placeholders `<div data-embed="station-chart" data-station="slug" data-field="outTemp"></div>` and
 * images of the media library as `<img src="/api/media/<key>/<width>.jpg">`. Rendering turns the
 * placeholders into live blocks and the images into responsive <picture>s; the preview and the site
 * use the same function, so they look the same.
 */

export { CHART_FIELDS, type ChartField, EMBED_KINDS, type Embed, type EmbedKind } from "./embeds";

export type BodySegment = { html: string } | { embed: Embed };

/** Sanitises HTML from the editor or an import and keeps only well-formed embeds. */
export function cleanArticleHtml(html: string): string {
  return sanitizeUserHtml(html).replace(/<div data-embed="[^"]*"[^>]*>[\s\S]*?<\/div>/g, (match) => {
    const embed = parseEmbed(match);
    return embed ? embedPlaceholder(embed) : "";
  });
}

export function embedPlaceholder(embed: Embed): string {
  const field = embed.kind === "station-chart" ? ` data-field="${embed.field}"` : "";
  return `<div data-embed="${embed.kind}" data-station="${embed.station}"${field}></div>`;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1] : null;
}

function parseEmbed(tag: string): Embed | null {
  const kind = attribute(tag, "data-embed");
  const station = attribute(tag, "data-station") ?? "";
  const field = (attribute(tag, "data-field") ?? "outTemp") as ChartField;
  if (!EMBED_KINDS.includes(kind as EmbedKind) || !/^[a-z0-9-]{1,63}$/.test(station)) return null;
  if (!(field in CHART_FIELDS)) return null;
  return { kind: kind as EmbedKind, station, field };
}

/** Splits a stored body into HTML and embeds, and upgrades media-library images to <picture>. */
export function renderBody(html: string, media: Map<string, MediaInfo>): BodySegment[] {
  const segments: BodySegment[] = [];
  const pattern = /<div data-embed="[^"]*"[^>]*><\/div>/g;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    const embed = parseEmbed(match[0]);
    if (!embed) continue;
    if (match.index > last) segments.push({ html: upgradeImages(html.slice(last, match.index), media) });
    segments.push({ embed });
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
    return pictureHtml(info, attribute(tag, "alt") ?? info.alt, "(max-width: 46rem) 100vw, 46rem");
  });
}

/** Keys of the media-library images used in a body (to record usage, and to load their sizes). */
export function mediaKeysIn(html: string): string[] {
  return [...new Set([...html.matchAll(/\/api\/media\/([a-f0-9]{16})\//g)].map((m) => m[1]))];
}

/** Plain text for search and feeds. */
export function bodyText(html: string): string {
  return htmlToText(html.replace(/<\/(p|h[2-4]|li|td|th|figcaption|blockquote)>/g, "$& "));
}

/** An excerpt from the body when the author wrote none: the first ~`length` characters, on a word. */
export function autoExcerpt(html: string, length = 220): string {
  const text = bodyText(html);
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), length / 2)).replace(/[\s,;:.]+$/, "")}…`;
}

export { mediaUrl };

import { decodeHTML } from "entities";
import { htmlToText } from "../../html";
import { type MediaInfo, mediaUrl, pickWidth } from "../../media/urls";
import { cleanArticleHtml } from "../render";

/**
 * WordPress post content → our article HTML (pure): Gutenberg block comments dropped, classic-editor
 * paragraphs rebuilt (wpautop), [caption], [gallery] and [embed] shortcodes turned into HTML, links
 * to old permalinks and image URLs rewritten, then the one sanitiser.
 */

export interface ContentContext {
  /** old site origin, e.g. https://www.meteo06.fr (links to it are rewritten) */
  siteUrl: string;
  /** upload path ("2020/09/photo.jpg", without size suffix) → media */
  mediaByUpload: Map<string, MediaInfo>;
  /** WordPress attachment id → media (for [gallery ids=…]) */
  mediaByAttachment: Map<number, MediaInfo>;
  /** resolves an old path ("/2020/09/slug/", "/?p=12") to a new one, or null */
  resolvePath: (path: string) => string | null;
}

const BLOCK =
  "p|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|figure|figcaption|div|pre|hr|dl|section|iframe";
const STARTS_WITH_BLOCK = new RegExp(`^(<\\/?(${BLOCK})[\\s/>]|\\[(caption|gallery|embed))`, "i");

/**
 * WordPress's automatic paragraphs, for classic-editor content: blank lines separate paragraphs,
 * single line breaks become <br>, and block-level elements ([caption] included) stand on their own.
 */
export function autop(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(new RegExp(`(<(?:${BLOCK})[\\s>]|\\[(?:caption|gallery|embed)[\\s\\]])`, "gi"), "\n\n$1")
    .replace(new RegExp(`(</(?:${BLOCK})>|\\[/(?:caption|embed)\\])`, "gi"), "$1\n\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (STARTS_WITH_BLOCK.test(block) ? block : `<p>${block.replace(/\n/g, "<br>\n")}</p>`))
    .join("\n");
}

function shortcodeAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of raw.matchAll(/([a-z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/gi)) {
    attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}

function imageTag(media: MediaInfo, width: number): string {
  const src = mediaUrl(media.key, pickWidth(media, width));
  return `<img src="${src}" alt="${media.alt.replace(/"/g, "&quot;")}">`;
}

export function convertShortcodes(html: string, context: ContentContext): string {
  return (
    html
      // [caption id="attachment_12" align="aligncenter" width="300"]<img …/> Texte[/caption]
      .replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_all, _attributes: string, inner: string) => {
        const image = /(<a [^>]*>\s*)?<img [^>]*>(\s*<\/a>)?/i.exec(inner);
        const caption = inner.replace(image?.[0] ?? "", "").trim();
        return `<figure>${image?.[0] ?? ""}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
      })
      // [gallery ids="1,2,3" columns="3"]
      .replace(/\[gallery([^\]]*)\]/gi, (_all, raw: string) => {
        const ids = (shortcodeAttributes(raw).ids ?? "")
          .split(",")
          .map((id) => Number(id.trim()))
          .filter(Boolean);
        const images = ids.flatMap((id) => {
          const media = context.mediaByAttachment.get(id);
          return media ? [`<figure>${imageTag(media, 480)}</figure>`] : [];
        });
        return images.length ? `<div class="gallery">${images.join("")}</div>` : "";
      })
      // [embed]https://…[/embed]
      .replace(/\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi, (_all, url: string) => {
        const href = url.trim();
        return `<p><a href="${href}">${href}</a></p>`;
      })
      // Any other shortcode: the tags go, their content stays.
      .replace(/\[\/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?\]/gi, "")
  );
}

const UPLOAD = /^(?:https?:)?\/\/[^/]+(?:\/[^/]+)*?\/wp-content\/uploads\/(.+)$/i;

/** "2020/09/photo-300x200.jpg" → ["2020/09/photo.jpg", 300] (WordPress's resized copies). */
export function uploadPath(url: string): { path: string; width: number | null } | null {
  const match = UPLOAD.exec(url.trim());
  if (!match) return null;
  const path = decodeURIComponent(match[1].split(/[?#]/)[0]);
  const sized = /^(.*)-(\d+)x(\d+)(\.[a-z0-9]+)$/i.exec(path);
  if (sized) return { path: `${sized[1]}${sized[4]}`, width: Number(sized[2]) };
  const scaled = /^(.*)-scaled(\.[a-z0-9]+)$/i.exec(path); // WordPress 5.3+ big-image copies
  return scaled ? { path: `${scaled[1]}${scaled[2]}`, width: null } : { path, width: null };
}

/** Path (and query) of a URL on the old site, or null for another site. */
export function oldSitePath(url: string, siteUrl: string): string | null {
  const value = decodeHTML(url.trim());
  let parsed: URL;
  try {
    parsed = new URL(value, `${siteUrl}/`);
  } catch {
    return null;
  }
  const site = new URL(`${siteUrl}/`);
  const bare = (host: string) => host.replace(/^www\./, "");
  if (bare(parsed.hostname) !== bare(site.hostname)) return null;
  if (!/^https?:\/\//i.test(value) && !value.startsWith("/")) return null;
  return `${parsed.pathname}${parsed.search}`;
}

export function rewriteUrls(html: string, context: ContentContext): string {
  return html.replace(/\s(href|src)="([^"]*)"/gi, (all, attribute: string, url: string) => {
    const upload = uploadPath(decodeHTML(url));
    if (upload) {
      const media = context.mediaByUpload.get(upload.path);
      if (!media) return all;
      const width = attribute.toLowerCase() === "src" ? (upload.width ?? 960) : 1600;
      return ` ${attribute}="${mediaUrl(media.key, pickWidth(media, width))}"`;
    }
    const path = oldSitePath(url, context.siteUrl);
    if (path === null) return all;
    const target = context.resolvePath(path);
    return target ? ` ${attribute}="${target}"` : all;
  });
}

/** The whole conversion of one post's content. */
export function convertContent(content: string, context: ContentContext): string {
  const isBlockEditor = /<!--\s*wp:/.test(content);
  let html = content.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, "");
  // Removes srcset/sizes WordPress added for its own resized copies (rebuilt by our renderer).
  html = html.replace(/\s(srcset|sizes)="[^"]*"/gi, "");
  html = html.replace(/<(\/?)h1(\s|>)/gi, "<$1h2$2");
  if (!isBlockEditor) html = autop(html);
  html = convertShortcodes(html, context);
  html = rewriteUrls(html, context);
  return cleanArticleHtml(html);
}

/** A WordPress excerpt as plain text. */
export function convertExcerpt(excerpt: string): string {
  return htmlToText(excerpt).slice(0, 1000);
}

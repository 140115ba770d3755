import { decodeHTML } from "entities";
import { type MediaInfo, mediaUrl, pickWidth } from "../../media/urls";
import type { RemovedCounts } from "../../security/html";
import { htmlToText } from "../../security/html";
import { type ExternalEmbed, externalPlaceholder, PROVIDERS, recogniseEmbed } from "../external";
import { bodyText, cleanArticleHtml } from "../render";
import { CORE_SHORTCODES, replaceShortcodes, type Shortcode } from "./shortcodes";

/**
 * WordPress post content → our article HTML (pure): block comments dropped, classic-editor paragraphs
 * rebuilt (wpautop, <pre> untouched), WordPress's shortcodes, embeds, players, galleries, footnotes,
 * "more" and page breaks turned into the site's own markup, links to old permalinks and files
 * rewritten, then the one sanitiser. Everything taken out or left pointing at the old site is counted.
 */

/** A file of the media library that is not an image (lib/media/recordings.ts). */
export interface FileInfo {
  key: string;
  extension: string;
  kind: "VIDEO" | "AUDIO" | "DOCUMENT";
  title: string;
}

export interface ContentContext {
  /** old site origin, e.g. https://www.meteo06.fr (links to it are rewritten) */
  siteUrl: string;
  /** upload path ("2020/09/photo.jpg", without size suffix) → image */
  mediaByUpload: Map<string, MediaInfo>;
  /** upload path → video, sound or PDF */
  fileByUpload: Map<string, FileInfo>;
  /** WordPress attachment id → image (for [gallery ids=…]) */
  mediaByAttachment: Map<number, MediaInfo>;
  /** WordPress attachment id → video, sound or PDF ([playlist ids=…]) */
  fileByAttachment: Map<number, FileInfo>;
  /** attachment ids whose parent is this post, in WordPress's order ([gallery] without ids) */
  attachedTo: (postId: number) => number[];
  /** resolves an old path ("/2020/09/slug/", "/?p=12") to a new one, or null */
  resolvePath: (path: string) => string | null;
  /** shortcodes of the association's plugins: their tags are removed, their content kept */
  pluginShortcodes: string[];
  /** titles from the post's cached oEmbed answers (postmeta _oembed_*), by "provider:ref" */
  oembedTitles?: Map<string, string>;
}

export interface ConvertedContent {
  html: string;
  /** plain text before <!--more-->, or null */
  teaser: string | null;
  /** embeds converted, by provider name */
  embeds: Map<string, number>;
  /** elements removed, by kind */
  removed: RemovedCounts;
  /** addresses of images still on the old site */
  oldSiteImages: string[];
}

const count = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeText = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const BLOCK =
  "p|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|figure|figcaption|div|pre|hr|section|article|aside|address|details|summary|iframe|video|audio|form|fieldset|legend|noscript|style|script";
const STARTS_WITH_BLOCK = new RegExp(
  `^(<\\/?(${BLOCK})[\\s/>]|\\[(caption|wp_caption|gallery|embed|video|audio|playlist)|\\uE000)`,
  "i",
);
const SHORTCODE_BLOCK = "caption|wp_caption|gallery|embed|video|audio|playlist";

/**
 * WordPress's automatic paragraphs, for classic-editor content: blank lines separate paragraphs,
 * single line breaks become <br>, block-level elements and block shortcodes stand on their own, and
 * <pre> is left exactly as written.
 */
export function autop(text: string): string {
  const kept: string[] = [];
  const protectedText = text
    .replace(/\r\n?/g, "\n")
    .replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => `\n\n\uE000${kept.push(pre) - 1}\uE000\n\n`);
  return protectedText
    .replace(
      new RegExp(`(<(?:${BLOCK})[\\s>]|(?<!\\[)\\[(?:${SHORTCODE_BLOCK})[\\s\\]](?!\\]))`, "gi"),
      "\n\n$1",
    )
    .replace(new RegExp(`(</(?:${BLOCK})>|(?<!\\[)\\[/(?:${SHORTCODE_BLOCK})\\](?!\\]))`, "gi"), "$1\n\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (STARTS_WITH_BLOCK.test(block) ? block : `<p>${block.replace(/\n/g, "<br>\n")}</p>`))
    .join("\n")
    .replace(/\uE000(\d+)\uE000/g, (_all, i: string) => kept[Number(i)]);
}

const UPLOAD = /^(?:https?:)?\/\/[^/]+(?:\/[^/]+)*?\/wp-content\/uploads\/(.+)$/i;

/** "2020/09/photo-300x200.jpg" → ["2020/09/photo.jpg", 300] (WordPress's resized copies). */
export function uploadPath(url: string): { path: string; width: number | null } | null {
  const match = UPLOAD.exec(url.trim());
  if (!match) return null;
  let path: string;
  try {
    path = decodeURIComponent(match[1].split(/[?#]/)[0]);
  } catch {
    return null;
  }
  const sized = /^(.*)-(\d+)x(\d+)(\.[a-z0-9]+)$/i.exec(path);
  if (sized) return { path: `${sized[1]}${sized[4]}`, width: Number(sized[2]) };
  const scaled = /^(.*)-scaled(\.[a-z0-9]+)$/i.exec(path); // WordPress 5.3+ big-image copies
  return scaled ? { path: `${scaled[1]}${scaled[2]}`, width: null } : { path, width: null };
}

/** Every address of an uploaded file in some content (images, players, links, shortcodes). */
export function uploadUrlsIn(content: string): string[] {
  return [...content.matchAll(/(?:https?:)?\/\/[^\s"'<>[\]]+?\/wp-content\/uploads\/[^\s"'<>[\]]+/gi)].map(
    (m) => decodeHTML(m[0]),
  );
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

function imageTag(media: MediaInfo, width: number, alt = media.alt): string {
  return `<img src="${mediaUrl(media.key, pickWidth(media, width))}" alt="${escapeAttribute(alt)}">`;
}

const fileUrl = (file: FileInfo) => `/api/media/${file.key}/file.${file.extension}`;

const playerTag = (file: FileInfo) => (file.kind === "VIDEO" ? "video" : "audio");

/** The HTML5 player of an imported video or sound, alone (its surroundings keep their own caption). */
function mediaElement(file: FileInfo): string {
  const tag = playerTag(file);
  return `<${tag} controls preload="metadata" src="${fileUrl(file)}"></${tag}>`;
}

/** A player and its caption (the file's title), for a shortcode. */
function player(file: FileInfo): string {
  const caption = file.title ? `<figcaption>${escapeText(file.title)}</figcaption>` : "";
  return `<figure class="player player-${playerTag(file)}">${mediaElement(file)}${caption}</figure>`;
}

/** A click-to-load embed, or a link to the address when no provider is recognised. */
function embedOrLink(url: string, title: string, out: ConvertedContent, context: ContentContext): string {
  const found = recogniseEmbed(decodeHTML(url));
  if (found) {
    count(out.embeds, PROVIDERS[found.provider].name);
    const cached = context.oembedTitles?.get(`${found.provider}:${found.ref}`);
    const embed: ExternalEmbed = { ...found, title: title || cached || "" };
    return externalPlaceholder(embed);
  }
  const href = decodeHTML(url.trim());
  if (!/^https?:\/\//i.test(href)) return "";
  return `<p class="embed-link"><a href="${escapeAttribute(href)}">${escapeText(title || href)}</a></p>`;
}

function convertShortcodes(html: string, postId: number, context: ContentContext, out: ConvertedContent) {
  const playerFor = (urls: string[], kind: string): string => {
    for (const url of urls) {
      const upload = uploadPath(decodeHTML(url));
      const file = upload ? context.fileByUpload.get(upload.path) : undefined;
      if (file) return player(file);
    }
    const url = urls[0];
    if (!url) return "";
    count(out.removed, "lecteur laissé en lien (fichier non importé)");
    return `<p><a href="${escapeAttribute(decodeHTML(url))}">${kind} : ${escapeText(decodeHTML(url).split("/").pop() ?? url)}</a></p>`;
  };
  // ids="1,2,3", or the attachments of the post (or of the post id="…") in WordPress's order.
  const attachmentIds = (a: Record<string, string>) =>
    a.ids
      ? a.ids
          .split(",")
          .map((id) => Number(id.trim()))
          .filter(Boolean)
      : context.attachedTo(Number(a.id) || postId);
  const convert = (code: Shortcode): string => {
    const a = code.attributes;
    switch (code.name) {
      case "caption":
      case "wp_caption": {
        const inner = code.content ?? "";
        const image = /(<a [^>]*>\s*)?<img [^>]*>(\s*<\/a>)?/i.exec(inner);
        const caption = (a.caption ?? inner.replace(image?.[0] ?? "", "")).trim();
        const align = /^align(left|right|center|none)$/.test(a.align ?? "") ? ` class="${a.align}"` : "";
        return `<figure${align}>${image?.[0] ?? ""}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
      }
      case "gallery": {
        const ids = attachmentIds(a);
        const exclude = new Set((a.exclude ?? "").split(",").map((id) => Number(id.trim())));
        const images = ids
          .filter((id) => !exclude.has(id))
          .flatMap((id) => {
            const media = context.mediaByAttachment.get(id);
            if (!media) return [];
            const large = mediaUrl(media.key, pickWidth(media, 1600));
            return [`<figure><a href="${large}">${imageTag(media, 480)}</a></figure>`];
          });
        if (!images.length) {
          count(out.removed, "galerie sans image importée");
          return "";
        }
        const columns = Math.min(Math.max(Number(a.columns) || 3, 1), 9);
        return `<div class="gallery columns-${columns}">${images.join("")}</div>`;
      }
      case "embed":
        return embedOrLink(code.content ?? code.positional[0] ?? "", "", out, context);
      case "video":
      case "audio": {
        const keys =
          code.name === "video"
            ? ["src", "mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv"]
            : ["src", "mp3", "m4a", "ogg", "wav", "wma", "flac"];
        const urls = keys.flatMap((k) => (a[k] ? [a[k]] : []));
        if (urls.length === 0) {
          // No address: the first video or sound attached to the post, as WordPress does.
          const attached = context
            .attachedTo(postId)
            .map((id) => context.fileByAttachment.get(id))
            .find((f) => f?.kind === (code.name === "video" ? "VIDEO" : "AUDIO"));
          if (attached) return player(attached);
        }
        return playerFor(urls, code.name === "video" ? "Vidéo" : "Son");
      }
      case "playlist": {
        const ids = attachmentIds(a);
        const kind = a.type === "video" ? "VIDEO" : "AUDIO";
        const files = ids.flatMap((id) => {
          const file = context.fileByAttachment.get(id);
          return file && file.kind === kind ? [player(file)] : [];
        });
        if (!files.length) count(out.removed, "liste de lecture sans fichier importé");
        return files.length ? `<div class="playlist">${files.join("")}</div>` : "";
      }
      default:
        // A plugin's shortcode: its tags go, what it encloses stays.
        count(out.removed, `shortcode [${code.name}]`);
        return code.content ?? "";
    }
  };
  return replaceShortcodes(html, [...CORE_SHORTCODES, ...context.pluginShortcodes], convert);
}

/** <iframe>, <video>, <audio> and WordPress's embed blocks → the site's embeds and players. */
function convertElements(html: string, context: ContentContext, out: ConvertedContent): string {
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i")
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined) ?? "";
  return (
    html
      // Gutenberg embed blocks: <figure class="wp-block-embed …"><div class="wp-block-embed__wrapper">URL</div><figcaption>…
      .replace(
        /<figure\s[^>]*class="[^"]*wp-block-embed[^"]*"[^>]*>([\s\S]*?)<\/figure>/gi,
        (_all, inner: string) => {
          const wrapper =
            /<div[^>]*wp-block-embed__wrapper[^>]*>([\s\S]*?)<\/div>/i.exec(inner)?.[1] ?? inner;
          const url = /https?:\/\/[^\s<"]+/.exec(htmlToText(wrapper))?.[0] ?? "";
          const caption = htmlToText(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/i.exec(inner)?.[1] ?? "");
          return embedOrLink(url, caption, out, context);
        },
      )
      .replace(/<iframe\b([^>]*)>(?:[\s\S]*?<\/iframe>)?/gi, (_all, attributes: string) => {
        const src = decodeHTML(attr(attributes, "src"));
        const title = decodeHTML(attr(attributes, "title"));
        const found = recogniseEmbed(src.startsWith("//") ? `https:${src}` : src);
        if (found) return embedOrLink(src.startsWith("//") ? `https:${src}` : src, title, out, context);
        count(out.removed, "<iframe> d'un autre site (remplacée par un lien)");
        if (!/^(https?:)?\/\//i.test(src)) return "";
        const href = src.startsWith("//") ? `https:${src}` : src;
        let host = href;
        try {
          host = new URL(href).hostname;
        } catch {
          return "";
        }
        return `<p class="embed-link"><a href="${escapeAttribute(href)}">${escapeText(title || `Contenu externe (${host})`)}</a></p>`;
      })
      .replace(
        /<(video|audio)\b([^>]*)>([\s\S]*?)<\/\1>/gi,
        (_all, tag: string, attributes: string, inner: string) => {
          const urls = [
            attr(attributes, "src"),
            ...[...inner.matchAll(/<source\b([^>]*)>/gi)].map((m) => attr(m[1], "src")),
          ]
            .filter(Boolean)
            .map(decodeHTML);
          if (urls.some((url) => url.startsWith("/api/media/"))) return _all; // a player made above
          for (const url of urls) {
            const upload = uploadPath(url);
            const file = upload ? context.fileByUpload.get(upload.path) : undefined;
            if (file) return mediaElement(file);
          }
          if (!urls[0]) {
            count(out.removed, `<${tag.toLowerCase()}> sans fichier`);
            return "";
          }
          count(out.removed, "lecteur laissé en lien (fichier non importé)");
          const label = tag.toLowerCase() === "video" ? "Vidéo" : "Son";
          return `<a href="${escapeAttribute(urls[0])}">${label} : ${escapeText(urls[0].split("/").pop() ?? urls[0])}</a>`;
        },
      )
  );
}

/** WordPress 6.3+ footnotes: references in the text, the notes in the post's `footnotes` meta. */
function convertFootnotes(html: string, footnotesMeta: string | undefined): string {
  let notes: { id: string; content: string }[] = [];
  try {
    const parsed = JSON.parse(footnotesMeta || "[]");
    if (Array.isArray(parsed))
      notes = parsed.filter((n) => typeof n?.id === "string" && typeof n?.content === "string");
  } catch {
    notes = [];
  }
  const safeId = (id: string) => id.replace(/[^\w-]/g, "").slice(0, 60);
  let out = html
    .replace(/href="#([\w-]+)"/g, (all, id: string) =>
      notes.some((n) => safeId(n.id) === id) ? `href="#fn-${id}"` : all,
    )
    .replace(/id="([\w-]+)-link"/g, (all, id: string) =>
      notes.some((n) => safeId(n.id) === id) ? `id="fn-${id}-link"` : all,
    );
  const list = notes.length
    ? `<ol class="footnotes">${notes
        .map(
          (n) =>
            `<li id="fn-${safeId(n.id)}">${n.content} <a href="#fn-${safeId(n.id)}-link" aria-label="Revenir au texte">↩︎</a></li>`,
        )
        .join("")}</ol>`
    : "";
  if (/<!--\s*wp:footnotes\s*\/?-->/.test(out)) out = out.replace(/<!--\s*wp:footnotes\s*\/?-->/, list);
  else if (list) out += list;
  return out;
}

export function rewriteUrls(html: string, context: ContentContext, out: ConvertedContent): string {
  return html.replace(/\s(href|src)="([^"]*)"/gi, (all, attribute: string, url: string) => {
    const upload = uploadPath(decodeHTML(url));
    if (upload) {
      const media = context.mediaByUpload.get(upload.path);
      const file = context.fileByUpload.get(upload.path);
      if (file) return ` ${attribute}="${fileUrl(file)}"`;
      if (!media) {
        if (attribute.toLowerCase() === "src") out.oldSiteImages.push(decodeHTML(url));
        return all;
      }
      const width = attribute.toLowerCase() === "src" ? (upload.width ?? 960) : 1600;
      return ` ${attribute}="${mediaUrl(media.key, pickWidth(media, width))}"`;
    }
    const path = oldSitePath(url, context.siteUrl);
    if (path === null) return all;
    const target = context.resolvePath(path);
    return target ? ` ${attribute}="${target}"` : all;
  });
}

/** Bare addresses of videos and posts alone on their line become embeds (WordPress's auto-embeds). */
function convertBareUrls(html: string, context: ContentContext, out: ConvertedContent): string {
  return html.replace(/<p>\s*(https?:\/\/[^\s<"]+)\s*<\/p>/gi, (all, url: string) =>
    recogniseEmbed(decodeHTML(url)) ? embedOrLink(url, "", out, context) : all,
  );
}

/** The whole conversion of one post's content. */
export function convertContent(
  content: string,
  context: ContentContext,
  post: { id: number; meta: Record<string, string> } = { id: 0, meta: {} },
): ConvertedContent {
  const out: ConvertedContent = {
    html: "",
    teaser: null,
    embeds: new Map(),
    removed: new Map(),
    oldSiteImages: [],
  };
  const isBlockEditor = /<!--\s*wp:/.test(content);
  let html = convertFootnotes(content, post.meta.footnotes);
  // Classic editor: bare addresses on their own line are embeds too (before paragraphs hide them).
  if (!isBlockEditor) {
    html = html.replace(/^[ \t]*(https?:\/\/[^\s<"]+)[ \t]*$/gm, (line, url: string) =>
      recogniseEmbed(decodeHTML(url)) ? `<p>${url}</p>` : line,
    );
  }
  let pageNumber = 1;
  html = html
    .replace(/<!--\s*\/?wp:(?!footnotes)[\s\S]*?-->/g, "")
    .replace(/<!--nextpage-->/g, () => {
      pageNumber++;
      return `\n\n<p class="page-break" id="page-${pageNumber}">Page ${pageNumber}</p>\n\n`;
    })
    // Removes srcset/sizes WordPress added for its own resized copies (rebuilt by our renderer).
    .replace(/\s(srcset|sizes)="[^"]*"/gi, "")
    .replace(/<(\/?)h1(\s|>)/gi, "<$1h2$2")
    // Classic editor's alignment is a style; ours is a class (styles are not kept).
    .replace(
      /<(p|h[2-6]|div|td|th)(\s[^>]*?)?\sstyle="\s*text-align:\s*(left|center|right|justify);?\s*"/gi,
      (_all, tag: string, before = "", align: string) =>
        `<${tag}${before} class="has-text-align-${align.toLowerCase()}"`,
    );
  if (!isBlockEditor) html = autop(html);
  html = convertElements(html, context, out);
  html = convertShortcodes(html, post.id, context, out);
  html = convertBareUrls(html, context, out);
  html = rewriteUrls(html, context, out);
  const more = /<!--more(.*?)?-->/.exec(html);
  if (more) {
    out.teaser = bodyText(cleanArticleHtml(html.slice(0, more.index))) || null;
    html = html.replace(/(<p>\s*)?<!--more(.*?)?-->(\s*<\/p>)?/g, "");
  }
  out.html = cleanArticleHtml(html, out.removed);
  return out;
}

/** A WordPress excerpt as plain text (decoded once). */
export function convertExcerpt(excerpt: string): string {
  return htmlToText(excerpt).slice(0, 1000);
}

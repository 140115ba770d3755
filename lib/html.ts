import { decodeHTML } from "entities";
import sanitizeHtml from "sanitize-html";

/**
 * The one allow-list for HTML that people provide (articles, imports, station descriptions and
 * banners): structure and formatting only — no scripts, event handlers, styles or javascript: URLs.
 * Players (<video>, <audio>) only play files of the media library, never another site's.
 */
const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "del",
  "ins",
  "sub",
  "sup",
  "mark",
  "small",
  "abbr",
  "cite",
  "q",
  "kbd",
  "blockquote",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "a",
  "figure",
  "figcaption",
  "img",
  "picture",
  "source",
  "video",
  "audio",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "caption",
  "code",
  "pre",
  "span",
  "div",
  "details",
  "summary",
];

/** Media-library files: the only sources players may have. */
const OWN_MEDIA = /^\/api\/media\/[a-f0-9]{16}\/[\w.-]+$/;
/** Anchors the site writes itself (footnotes, page breaks): other ids could clobber the page's. */
const OWN_ID = /^(?:fn|page)-[\w-]{1,80}$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel", "target", "id"],
    img: ["src", "srcset", "sizes", "alt", "title", "width", "height", "loading"],
    source: ["src", "srcset", "type", "sizes", "media"],
    video: ["src", "controls", "preload", "width", "height", "playsinline", "loop", "muted"],
    audio: ["src", "controls", "preload", "loop"],
    ol: ["start", "reversed", "type"],
    li: ["value", "id"],
    sup: ["id"],
    p: ["id"],
    abbr: ["title"],
    details: ["open"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
    "*": ["class", "data-*"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"], source: ["http", "https"] },
  allowProtocolRelative: false,
};

export type RemovedCounts = Map<string, number>;

function sanitize(html: string, removed?: RemovedCounts): string {
  const count = (kind: string) => removed?.set(kind, (removed.get(kind) ?? 0) + 1);
  return sanitizeHtml(html, {
    ...OPTIONS,
    transformTags: {
      "*": (tagName, attribs) => {
        const name = tagName.toLowerCase();
        if (!ALLOWED_TAGS.includes(name)) count(`<${name}>`);
        const kept: Record<string, string> = {};
        for (const [attribute, value] of Object.entries(attribs)) {
          if (/^on/i.test(attribute)) count("attribut on…");
          else if (attribute === "id" && !OWN_ID.test(value)) continue;
          else if (attribute === "src" && ["video", "audio", "source"].includes(name)) {
            if (OWN_MEDIA.test(value)) kept.src = value;
            else if (name !== "source" || !attribs.srcset) count(`<${name}> d'un autre site`);
          } else kept[attribute] = value;
        }
        if (/^\s*javascript:/i.test(decodeHTML(attribs.href ?? ""))) count("lien javascript:");
        // Links opened in a new tab must not hand window.opener to the target.
        if (name === "a" && kept.target === "_blank") kept.rel = "noopener noreferrer";
        return { tagName, attribs: kept };
      },
    },
  });
}

export function sanitizeUserHtml(html: string): string {
  return sanitize(html);
}

/** The same sanitising, counting what it removes by kind ("<script>", "attribut on…"…). */
export function sanitizeAndCount(html: string, removed: RemovedCounts): string {
  return sanitize(html, removed);
}

/** Comments of the old site: text formatting and links only, links marked as the commenters'. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "a", "em", "i", "strong", "b", "blockquote", "code", "del", "q"],
    allowedAttributes: { a: ["href", "rel"] },
    allowedSchemes: ["http", "https"],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }) },
  });
}

/** Plain text of some HTML (excerpts, feeds, search): tags dropped, entities decoded once. */
export function htmlToText(html: string): string {
  return decodeHTML(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, " ")
    .trim();
}

/** Control characters XML 1.0 forbids (all but tab and line breaks). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Text and attribute values for HTML, XML and SVG documents built as strings (feeds, sitemap, widget, charts). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(FORBIDDEN, "");
}

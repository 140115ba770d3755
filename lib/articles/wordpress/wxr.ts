import { decodeHTML } from "entities";
import { SaxesParser } from "saxes";
import { UserError } from "../../errors";

/**
 * Reads a WordPress eXtended RSS export (WXR 1.0–1.2, WordPress 4 to 6) into plain objects.
 * Strict XML: a malformed or truncated file throws WxrError with its line and the reason, before
 * anything is imported.
 */

export class WxrError extends UserError {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`ligne ${line} : ${reason}`);
    this.name = "WxrError";
  }
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "", line: 1 };
  const stack: XmlElement[] = [root];
  let failure: WxrError | null = null;
  parser.on("error", (error) => {
    failure ??= new WxrError(parser.line, translate(error.message.replace(/^\d+:\d+: /, "")));
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: "",
      line: parser.line,
    };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const append = (text: string) => {
    stack[stack.length - 1].text += text;
  };
  parser.on("text", append);
  parser.on("cdata", append);
  parser.write(xml);
  if (!failure) parser.close();
  if (failure) throw failure;
  return root;
}

function translate(reason: string): string {
  const known: [RegExp, string][] = [
    [/unclosed tag: (.+)/, "balise <$1> jamais fermée (fichier tronqué ?)"],
    [/unexpected close tag/, "balise fermante inattendue"],
    [/undefined entity/, "entité inconnue (le texte devrait être en CDATA)"],
    [/unclosed cdata|unclosed CDATA/i, "section CDATA jamais fermée (fichier tronqué ?)"],
    [/text data outside of root node/, "texte après la fin du document"],
    [/document must contain a root element/, "fichier vide ou sans élément racine"],
  ];
  for (const [pattern, french] of known) if (pattern.test(reason)) return reason.replace(pattern, french);
  return `XML invalide (${reason})`;
}

const child = (element: XmlElement | undefined, name: string) =>
  element?.children.find((c) => c.name === name);
const all = (element: XmlElement | undefined, name: string) =>
  element?.children.filter((c) => c.name === name) ?? [];
const text = (element: XmlElement | undefined, name: string) => child(element, name)?.text.trim() ?? "";
/** Text that WordPress escapes as HTML (titles, names): entities decoded. */
const htmlText = (element: XmlElement | undefined, name: string) => decodeHTML(text(element, name));

export interface WxrAuthor {
  id: number;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  id: number;
  slug: string;
  name: string;
  parent: string;
}

export interface WxrComment {
  id: number;
  parent: number;
  author: string;
  authorUrl: string;
  /** ISO date (UTC) */
  date: string;
  content: string;
  /** "1" approved, "0" waiting, "spam", "trash" */
  approved: string;
  /** "" or "comment" for comments; "pingback", "trackback"… */
  type: string;
}

export interface WxrItem {
  id: number;
  line: number;
  type: string;
  status: string;
  title: string;
  slug: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  /** ISO date (UTC), or null when WordPress had none */
  date: string | null;
  modified: string | null;
  parent: number;
  menuOrder: number;
  password: string;
  sticky: boolean;
  comments: WxrComment[];
  attachmentUrl: string;
  categories: { domain: string; slug: string; name: string }[];
  meta: Record<string, string>;
}

export interface WxrExport {
  version: string;
  siteUrl: string;
  authors: WxrAuthor[];
  categories: WxrTerm[];
  tags: WxrTerm[];
  items: WxrItem[];
}

/** WXR versions this importer reads (WordPress 2.x writes 1.0, 3.x 1.1, 3.5 and later 1.2). */
export const WXR_VERSIONS = ["1.0", "1.1", "1.2"];

const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** A WordPress date as written in the export, checked: a bad one is named with its line. */
function checkedDate(element: XmlElement | undefined, name: string): string {
  const date = child(element, name);
  const value = date?.text.trim() ?? "";
  if (!value || value.startsWith("0000-00-00")) return "";
  const parts = DATE.exec(value);
  const valid =
    parts &&
    (() => {
      const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
      const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
      return (
        d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 && second < 60
      );
    })();
  if (!valid)
    throw new WxrError(date?.line ?? element?.line ?? 1, `date invalide « ${value} » dans <${name}>`);
  return value;
}

/** A date and its _gmt twin (checked in the order of the file), as an ISO date or null. */
function datePair(element: XmlElement, name: string): string | null {
  const local = checkedDate(element, name);
  return wpDate(checkedDate(element, `${name}_gmt`), local);
}

/** "2020-09-14 07:30:00" in UTC, or in Paris time when only the local date is known. */
function wpDate(gmt: string, local: string): string | null {
  if (gmt) return new Date(`${gmt.replace(" ", "T")}Z`).toISOString();
  if (!local) return null;
  const asUtc = new Date(`${local.replace(" ", "T")}Z`);
  const paris = new Date(asUtc.toLocaleString("en-US", { timeZone: "Europe/Paris" }));
  const utc = new Date(asUtc.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(asUtc.getTime() - (paris.getTime() - utc.getTime())).toISOString();
}

/** A title as plain text: WordPress titles may hold tags ("<em>") and entities, shown as text. */
function plainTitle(raw: string): string {
  return decodeHTML(raw.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

function decodeSlug(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseWxr(xml: string): WxrExport {
  const document = parseXml(xml);
  const rss = child(document, "rss");
  const channel = child(rss, "channel");
  if (!rss || !channel)
    throw new WxrError(1, "ce n'est pas un export WordPress (pas d'élément <rss><channel>)");
  const version = text(channel, "wp:wxr_version");
  if (!version) {
    throw new WxrError(channel.line, "ce n'est pas un export WordPress (wp:wxr_version absent)");
  }
  if (!WXR_VERSIONS.includes(version)) {
    throw new WxrError(
      child(channel, "wp:wxr_version")?.line ?? channel.line,
      `version WXR ${version} inconnue (versions lues : ${WXR_VERSIONS.join(", ")})`,
    );
  }
  const siteUrl = (text(channel, "wp:base_blog_url") || text(channel, "link")).replace(/\/+$/, "");

  const authors = all(channel, "wp:author").map((a) => ({
    id: Number(text(a, "wp:author_id")) || 0,
    login: text(a, "wp:author_login"),
    email: text(a, "wp:author_email").toLowerCase(),
    displayName: htmlText(a, "wp:author_display_name") || text(a, "wp:author_login"),
  }));
  const categories = all(channel, "wp:category").map((c) => ({
    id: Number(text(c, "wp:term_id")) || 0,
    slug: decodeSlug(text(c, "wp:category_nicename")),
    name: htmlText(c, "wp:cat_name"),
    parent: text(c, "wp:category_parent"),
  }));
  const tags = all(channel, "wp:tag").map((t) => ({
    id: Number(text(t, "wp:term_id")) || 0,
    slug: decodeSlug(text(t, "wp:tag_slug")),
    name: htmlText(t, "wp:tag_name"),
    parent: "",
  }));
  const items = all(channel, "item").map((item) => {
    const id = Number(text(item, "wp:post_id"));
    if (!Number.isInteger(id) || id <= 0)
      throw new WxrError(item.line, "élément <item> sans wp:post_id valide");
    return {
      id,
      line: item.line,
      type: text(item, "wp:post_type"),
      status: text(item, "wp:status"),
      title: plainTitle(text(item, "title")),
      slug: decodeSlug(text(item, "wp:post_name")),
      link: text(item, "link"),
      guid: text(item, "guid"),
      creator: text(item, "dc:creator"),
      content: child(item, "content:encoded")?.text ?? "",
      excerpt: child(item, "excerpt:encoded")?.text ?? "",
      date: datePair(item, "wp:post_date"),
      modified: datePair(item, "wp:post_modified"),
      parent: Number(text(item, "wp:post_parent")) || 0,
      menuOrder: Number(text(item, "wp:menu_order")) || 0,
      password: text(item, "wp:post_password"),
      sticky: text(item, "wp:is_sticky") === "1",
      comments: all(item, "wp:comment").map((c) => ({
        id: Number(text(c, "wp:comment_id")) || 0,
        parent: Number(text(c, "wp:comment_parent")) || 0,
        author: htmlText(c, "wp:comment_author"),
        authorUrl: text(c, "wp:comment_author_url"),
        date: datePair(c, "wp:comment_date") ?? new Date(0).toISOString(),
        content: child(c, "wp:comment_content")?.text ?? "",
        approved: text(c, "wp:comment_approved"),
        type: text(c, "wp:comment_type"),
      })),
      attachmentUrl: text(item, "wp:attachment_url"),
      categories: all(item, "category").map((c) => ({
        domain: c.attributes.domain ?? "category",
        slug: decodeSlug(c.attributes.nicename ?? ""),
        name: decodeHTML(c.text.trim()),
      })),
      meta: Object.fromEntries(
        all(item, "wp:postmeta").map((m) => [text(m, "wp:meta_key"), child(m, "wp:meta_value")?.text ?? ""]),
      ),
    };
  });
  return { version, siteUrl, authors, categories, tags, items };
}

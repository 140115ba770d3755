import { db } from "../db/client";
import { uploadPath } from "./wordpress/content";

export { isLegacyPath } from "./legacy-paths";

/**
 * Old WordPress addresses (permalinks /2020/09/slug/, /?p=123, /category/…, /feed/, attachment pages,
 * /wp-content/uploads/…) answered with a 301 to their new address. proxy.ts sends the paths that look
 * like WordPress's to app/api/legacy, which asks resolveLegacy().
 */

/** The key under which the import stores an old address: decoded, lower-case, no trailing slash. */
export function normalizeLegacyPath(pathOrUrl: string): string {
  let pathname = pathOrUrl;
  let query = "";
  try {
    const url = new URL(pathOrUrl, "http://x");
    query = [...url.searchParams]
      .filter(([key]) => ["p", "page_id", "attachment_id", "cat", "tag"].includes(key))
      .map(([key, value]) => `${key}=${value}`)
      .join("&");
    pathname = decodeURIComponent(url.pathname).replace(/^\/index\.php(?=\/|$)/, "") || "/";
  } catch {
    // keep as given
  }
  pathname = pathname.toLowerCase();
  if (pathname.length > 1) pathname = pathname.replace(/\/+$/, "");
  return (pathname + (query ? `?${query}` : "")).slice(0, 191);
}

/** Addresses that need no lookup. */
function ruleFor(pathname: string, search: URLSearchParams): string | null {
  if (/^\/(comments\/)?feed\/?$/.test(pathname) || search.get("feed")) return "/flux/rss.xml";
  if (/^\/feed\/atom\/?$/.test(pathname)) return "/flux/atom.xml";
  if (search.get("s")) return `/recherche?q=${encodeURIComponent(search.get("s")!)}`;
  const page = /^\/page\/(\d+)\/?$/.exec(pathname);
  if (page) return `/articles?page=${page[1]}`;
  if (/^\/(wp-admin|wp-login\.php)/.test(pathname)) return "/connexion";
  return null;
}

/** The new address of an old one, or null when it is unknown. */
export async function resolveLegacy(pathAndQuery: string): Promise<string | null> {
  const url = new URL(pathAndQuery, "http://x");
  const key = normalizeLegacyPath(pathAndQuery);
  const candidates = [key];
  // A category's or tag's feed goes to the address of the category (its list).
  const feed = /^(\/(?:category|tag)\/.+)\/feed(\/atom)?$/.exec(key);
  if (feed) candidates.push(feed[1]);
  // Resized copies of an uploaded image go to the image.
  const upload = uploadPath(`http://x${url.pathname}`);
  if (upload) candidates.push(normalizeLegacyPath(`/wp-content/uploads/${upload.path}`));
  // A later page of a post split with <!--nextpage--> (/slug/2/) goes to that page's anchor.
  const part = /^(.+)\/(\d{1,3})$/.exec(key);
  const parent = part && !/^\/\d{4}(\/\d{2})?$/.test(part[1]) ? part[1] : null;
  if (parent) candidates.push(parent);
  const found = await db().redirect.findMany({ where: { fromPath: { in: candidates } } });
  for (const candidate of candidates) {
    const hit = found.find((r) => r.fromPath === candidate);
    if (hit)
      return candidate === parent && Number(part?.[2]) > 1 ? `${hit.toPath}#page-${part?.[2]}` : hit.toPath;
  }
  // Date archives: /2013/, /2013/01/, /2013/01/15/ → the articles of that year or month.
  const archive = /^\/(\d{4})(?:\/(\d{2}))?(?:\/\d{2})?$/.exec(key);
  if (archive) return `/articles?mois=${archive[1]}${archive[2] ? `-${archive[2]}` : ""}`;
  const rule = ruleFor(url.pathname, url.searchParams);
  if (rule) return rule;
  // Any other address with a trailing slash: the same without it (our addresses have none).
  if (url.pathname.length > 1 && url.pathname.endsWith("/"))
    return url.pathname.replace(/\/+$/, "") + url.search;
  return null;
}

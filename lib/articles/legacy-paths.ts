/**
 * Which apex requests look like old WordPress addresses (pure and dependency-free: proxy.ts uses it
 * on every request). lib/articles/legacy.ts resolves them.
 */

const LEGACY_QUERY = /(?:^|&)(p|page_id|attachment_id|cat|tag|author|s|feed|m)=/;
const LEGACY_PATH =
  /^\/(?:\d{4}(?:\/|$)|category\/|tag\/|author\/|feed\/?$|comments\/feed|wp-content\/|wp-admin|wp-login\.php|index\.php|page\/\d+)/;

/** Whether a request on the apex looks like an old WordPress address. */
export function isLegacyPath(pathname: string, search: string): boolean {
  if (pathname === "/" || pathname === "") return LEGACY_QUERY.test(search.replace(/^\?/, ""));
  return LEGACY_PATH.test(pathname) || (pathname.endsWith("/") && !pathname.startsWith("/api/"));
}

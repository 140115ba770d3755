/**
 * Host-based routing: the apex (and www.) serves the association's site, `<slug>.<root domain>`
 * serves that station's mini-site. Pure functions, shared by proxy.ts and the pages that build links.
 */

import { isCalendarDay } from "../time";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Sub-domains that can never be station slugs. */
export const RESERVED_SLUGS = new Set([
  "www",
  "api",
  "admin",
  "mail",
  "smtp",
  "ftp",
  "static",
  "cdn",
  "assets",
  "stations",
]);

export type HostTarget = { kind: "apex" } | { kind: "station"; slug: string } | { kind: "invalid" };

/** Strips the port (and IPv6 brackets) from a Host header and lower-cases it. */
export function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(0, value.indexOf("]") + 1);
  return value.replace(/:\d+$/, "").replace(/\.$/, "");
}

export function resolveHost(host: string | null, rootDomain: string): HostTarget {
  if (!host) return { kind: "apex" };
  const name = hostName(host);
  if (name === rootDomain || name === `www.${rootDomain}`) return { kind: "apex" };
  if (!name.endsWith(`.${rootDomain}`)) return { kind: "apex" }; // an IP address or another name nginx let through
  const sub = name.slice(0, -rootDomain.length - 1);
  if (!SLUG_PATTERN.test(sub) || RESERVED_SLUGS.has(sub)) return { kind: "invalid" };
  return { kind: "station", slug: sub };
}

/** Paths served identically on every host (not rewritten into a station's site). */
export function isGlobalPath(pathname: string): boolean {
  return (
    /^\/(api|admin|connexion|_next)(\/|$)/.test(pathname) ||
    pathname === "/favicon.ico" ||
    pathname === "/robots.txt"
  );
}

/**
 * The back office and sign-in, served on the apex only: a station's site (whose pages show text its
 * owner writes) must never be same-origin with them, nor receive the session cookie.
 */
export function isBackOfficePath(pathname: string): boolean {
  return /^\/(admin|connexion|api\/admin|api\/auth)(\/|$)/.test(pathname);
}

/**
 * Apex pages are cached for every visitor under their path alone (Next's full-route cache ignores the
 * query string). The variants a query asks for are served by other routes: a section's pages and
 * filters (/selection/<section>), search results (/recherche/resultats), a month of the network's
 * climatology (/climatologie/<month>). The internal path for a request, or null when the cached page
 * answers it.
 */
export function apexVariant(pathname: string, query: URLSearchParams): string | null {
  const section = /^\/(actualites|articles|climat|previsions|vigilances)$/.exec(pathname);
  if (section && ["page", "categorie", "etiquette", "mois"].some((key) => query.has(key)))
    return `/selection/${section[1]}`;
  if (pathname === "/recherche" && query.has("q")) return "/recherche/resultats";
  const month = query.get("mois");
  if (pathname === "/climatologie" && month) return `/climatologie/${encodeURIComponent(month)}`;
  return null;
}

/**
 * A station site's day picker submits /jour?date=AAAA-MM-JJ: the page of that day, or /jour (today)
 * for anything else. Null for other addresses. (The day page itself answers a future day with a 404.)
 */
export function dayPickerTarget(pathname: string, query: URLSearchParams): string | null {
  if (pathname !== "/jour" || !query.has("date")) return null;
  const day = query.get("date")?.trim() ?? "";
  return isCalendarDay(day) ? `/jour/${day}` : "/jour";
}

/** Origin of a station's mini-site, from the apex origin: https://meteo06.fr → https://<slug>.meteo06.fr */
export function stationOrigin(slug: string, siteUrl: URL): string {
  return `${siteUrl.protocol}//${slug}.${siteUrl.host}`;
}

export function stationUrl(slug: string, siteUrl: URL, path = "/"): string {
  return `${stationOrigin(slug, siteUrl)}${path}`;
}

const SAME_SITE = "http://same-site.invalid";

/**
 * `target` as a path of this site (normalised: dot segments resolved), or null when a browser would
 * leave the site with it (`//host`, `/\host`, `/x/..//host`, a scheme…). Every redirect to an address
 * that comes from a request or from stored data goes through here.
 */
export function sitePath(target: string): string | null {
  if (!target.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(target, SAME_SITE);
  } catch {
    return null;
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== SAME_SITE || !path.startsWith("/") || /^\/[/\\]/.test(path)) return null;
  return path;
}

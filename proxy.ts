import { type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { sessionConfig } from "./lib/accounts/sessions";
import { isLegacyPath } from "./lib/articles/legacy-paths";
import { config as appConfig } from "./lib/config/settings";
import {
  apexVariant,
  dayPickerTarget,
  isBackOfficePath,
  isGlobalPath,
  resolveHost,
  SLUG_PATTERN,
  stationUrl,
} from "./lib/http/hosts";

// Each back-office request refreshes its session (a new expiry, the time of this visit): the session
// lifetimes of lib/accounts/sessions.ts are then limits of idleness.
// next-auth's "middleware inline" form, auth(request): it reads the session and answers
// NextResponse.next() with the renewed cookie (its types do not list this form for a lazy config).
const refreshSession = NextAuth(() => sessionConfig()).auth as unknown as (
  request: NextRequest,
) => Promise<Response>;

/**
 * Routes by host: `<slug>.<ROOT_DOMAIN>/<path>` is rewritten to /stations/<slug>/<path>; the apex
 * and www. serve the main site. Only routing happens here: every page and route checks access itself.
 */
export function proxy(request: NextRequest) {
  const { rootDomain, siteUrl } = appConfig();
  const target = resolveHost(request.headers.get("host"), rootDomain);
  const { pathname } = request.nextUrl;
  if (target.kind !== "apex" && isBackOfficePath(pathname)) {
    return NextResponse.redirect(new URL(pathname + request.nextUrl.search, siteUrl), 308);
  }
  if (/^\/(admin|api\/admin)(\/|$)/.test(pathname)) return refreshSession(request);
  if (isGlobalPath(pathname)) return NextResponse.next();

  if (target.kind === "apex") {
    // The internal station routes are only reachable through their sub-domain; what cannot be a
    // station's name gets the station 404 page.
    const match = /^\/stations\/([^/]+)(\/.*)?$/.exec(pathname);
    if (match && SLUG_PATTERN.test(match[1]))
      return NextResponse.redirect(stationUrl(match[1], siteUrl, match[2] ?? "/"), 308);
    if (match) {
      const missing = request.nextUrl.clone();
      missing.pathname = "/stations/_";
      return NextResponse.rewrite(missing);
    }
    // Old WordPress addresses answer with a 301 to their new address (app/api/legacy).
    if (isLegacyPath(pathname, request.nextUrl.search)) {
      const legacy = request.nextUrl.clone();
      legacy.pathname = "/api/legacy";
      legacy.search = `?from=${encodeURIComponent(pathname + request.nextUrl.search)}`;
      // Next may keep the original query on a rewrite: pass the old address in a header too.
      const headers = new Headers(request.headers);
      headers.set("x-legacy-from", pathname + request.nextUrl.search);
      return NextResponse.rewrite(legacy, { request: { headers } });
    }
    const variant = apexVariant(pathname, request.nextUrl.searchParams);
    if (variant) {
      const url = request.nextUrl.clone();
      url.pathname = variant;
      return NextResponse.rewrite(url);
    }
    return NextResponse.next();
  }

  // next.config.ts skips Next's own trailing-slash redirect (so that WordPress addresses reach the
  // legacy redirects above): do it here for the station sites.
  if (pathname.length > 1 && pathname.endsWith("/")) {
    const bare = request.nextUrl.clone();
    bare.pathname = pathname.replace(/\/+$/, "");
    return NextResponse.redirect(bare, 308);
  }
  const day = dayPickerTarget(pathname, request.nextUrl.searchParams);
  if (day) {
    const picked = request.nextUrl.clone();
    picked.pathname = day;
    picked.search = "";
    return NextResponse.redirect(picked, 307);
  }
  const url = request.nextUrl.clone();
  // An invalid sub-domain gets the station 404 page (no station can have that slug).
  const slug = target.kind === "station" ? target.slug : "_";
  url.pathname = `/stations/${slug}${pathname === "/" ? "" : pathname}`;
  return NextResponse.rewrite(url);
}

// API routes are the same on every host and never rewritten: keeping them out of the proxy also keeps
// their request bodies (media and webcam uploads) out of the proxy's body buffer. Those of the back
// office and of sign-in pass, to be sent to the apex from a station's host (not the media upload:
// without the apex's host-only cookie it is refused there anyway).
export const config = {
  matcher: ["/((?!_next/static|_next/image|api/(?!admin/|auth/)|api/admin/media$).*)"],
};

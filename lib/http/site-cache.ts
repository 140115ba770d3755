import { createHmac, timingSafeEqual } from "node:crypto";
import { UserError } from "../errors";

/**
 * The site's full-route cache seen from outside a page: what the build must not render, and how a
 * process other than the app (the `meteo` CLI: scheduled articles going live, vigilance notices
 * expiring, the WordPress import) asks the app to refresh its cached pages — POST /api/revalidation
 * with a token derived from AUTH_SECRET, which the app and the jobs read from the same settings file.
 */

/** True while `next build` renders pages: they must read neither the database nor the settings. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

function revalidationToken(authSecret: string): string {
  return createHmac("sha256", authSecret).update("meteo06 page revalidation").digest("base64url");
}

/** Whether an Authorization header carries the revalidation token of this AUTH_SECRET. */
export function isRevalidationAllowed(authorization: string | null, authSecret: string | undefined): boolean {
  if (!authSecret || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(revalidationToken(authSecret));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Asks the running app to drop its cached public pages. The app is reached at APP_URL (production:
 * its loopback port), else at SITE_URL.
 */
export async function requestRevalidation(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const base = env.APP_URL || env.SITE_URL;
  if (!base) throw new UserError("APP_URL (or SITE_URL) is missing: where does the app answer?");
  if (!env.AUTH_SECRET) throw new UserError("AUTH_SECRET is missing: the app would refuse the request");
  const url = new URL("/api/revalidation", base);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${revalidationToken(env.AUTH_SECRET)}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new UserError(`the app did not answer at ${url.origin}: ${(error as Error).message}`);
  }
  if (!response.ok)
    throw new UserError(`the app refused the revalidation (${url.origin}: HTTP ${response.status})`);
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { FRAME_ORIGINS } from "./lib/articles/external";
import { mapTiles } from "./lib/config/map-tiles";
import { ConfigError, config } from "./lib/config/settings";
import { outsideRequests } from "./lib/db/detached";
import { parseTrustedProxies, recordPeerAddresses } from "./lib/http/client-address";
import { installMicroCache } from "./lib/http/micro-cache";
import { installSecurityHeaders } from "./lib/security/responses";

// Refuse to serve with a broken configuration, and say exactly why.
if (process.env.NEXT_PHASE !== "phase-production-build") {
  try {
    config();
    parseTrustedProxies();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// Database pools work in the context of the start, captured here before any request (lib/db/detached.ts).
outsideRequests(() => undefined);

// The connection's address on every request, for the per-address login limits (lib/http/client-address.ts).
recordPeerAddresses();

// The micro-cache of anonymous pages, then the security headers and the Content-Security-Policy on
// every answer (not in `next dev`, whose tooling runs inline and eval'd scripts).
if (process.env.NEXT_PHASE !== "phase-production-build" && process.env.NODE_ENV === "production") {
  // The SRI hashes of the build's files, written by `next build` (next.config.ts experimental.sri).
  const integrity = JSON.parse(
    readFileSync(path.join(process.cwd(), ".next/server/subresource-integrity-manifest.json"), "utf8"),
  );
  // First, so that it keeps and replays what the security headers' patches send (lib/http/micro-cache.ts).
  installMicroCache();
  installSecurityHeaders(() => {
    const { siteUrl, rootDomain } = config();
    return {
      siteOrigin: siteUrl.origin,
      rootDomain,
      tilesUrl: mapTiles()?.url ?? null,
      frameOrigins: FRAME_ORIGINS,
    };
  }, integrity);
}

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  // nginx compresses in production; pages must leave Next uncompressed so that lib/security/responses.ts
  // can read the scripts they carry.
  compress: false,
  // Next would hash each cached page for its ETag on every request (a JavaScript loop over the whole
  // HTML: a tenth of the CPU time of a cached page under load); lib/security/responses.ts sets the
  // ETag of a cacheable page once per render and answers conditional requests itself.
  generateEtags: false,
  reactStrictMode: true,
  // Old WordPress permalinks end with a slash: proxy.ts answers them with a 301 (and strips the slash
  // of other addresses itself).
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["mysql2", "mariadb"],
  // Cached pages (ISR) say `s-maxage=<revalidate>, stale-while-revalidate=<expireTime − revalidate>`:
  // nginx may answer with a stale copy for a few minutes while it fetches the new one, no longer.
  expireTime: 300,
  // Rendered pages and cached data kept in memory (LRU), part of the app's bounded footprint (the heap
  // is capped by --max-old-space-size in deploy/systemd/meteo06-app.service). Next counts a page's HTML
  // in characters, and a page with any character beyond Latin-1 (’, →) takes two bytes per character:
  // 32 MB counted is about 50 MB of heap, room for some 200 station pages (≈ 150 KB counted each, HTML
  // and RSC payload), dozens of stations' home, charts and day pages. 48 MB left the app above its
  // 400 MB target after the bench's mixed load (issue 15); 32 MB was 5–10 MB smaller.
  cacheMaxMemorySize: 32 * 1024 * 1024,
  experimental: {
    // Rendered pages and cached data live in memory only: the data behind them is live and changes
    // every few minutes, and nothing cached should outlive the process (or leak between test runs).
    isrFlushToDisk: false,
    // forbidden() answers 403 with app/forbidden.tsx (station admin pages of another owner's station).
    authInterrupts: true,
    // Station photos (10 MB at most) are uploaded through server actions; the multipart overhead needs room.
    serverActions: { bodySizeLimit: "11mb" },
    // proxy.ts buffers request bodies up to this size (uploads to /api/ bypass the proxy): above the
    // server actions' limit, so that a body is never silently truncated.
    proxyClientMaxBodySize: "12mb",
    // integrity="sha256-…" on the framework's script tags: the Content-Security-Policy allows them by
    // these hashes (lib/security/csp.ts).
    sri: { algorithm: "sha256" },
    // The stylesheet stays a file (about 6 KiB gzip, cached from one page to the next), not inlined:
    // inlineCss put it in the page's <style> and twice more in the inline RSC payload (the root layout's
    // copy and global-error's), 46 KB of each page's HTML (11 to 21 KB gzipped) for the browser to parse
    // while it boots; measured with Lighthouse (issue 19), the round trip it saves did not pay for that.
    inlineCss: false,
  },
};

export default nextConfig;

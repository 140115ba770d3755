import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  reactStrictMode: true,
  // Old WordPress permalinks end with a slash: proxy.ts answers them with a 301 (and strips the slash
  // of other addresses itself).
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["mysql2", "mariadb"],
  experimental: {
    // Rendered pages and cached data live in memory only: the data behind them is live and changes
    // every few minutes, and nothing cached should outlive the process (or leak between test runs).
    isrFlushToDisk: false,
  },
};

export default nextConfig;

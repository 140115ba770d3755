import type { MetadataRoute } from "next";
import { config } from "@/lib/config/settings";

export const dynamic = "force-dynamic"; // SITE_URL is read at run time, not at build time

export default function robots(): MetadataRoute.Robots {
  const { siteUrl } = config();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/admin", "/api/admin", "/api/auth", "/connexion", "/recherche"],
    },
    sitemap: new URL("/sitemap.xml", siteUrl).toString(),
  };
}

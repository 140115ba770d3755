import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { articlePath, TYPE_SECTION } from "@/lib/articles/model";
import { publicSitemap } from "@/lib/articles/public";
import { config } from "@/lib/config/settings";
import { stationUrl } from "@/lib/http/hosts";
import { listStations } from "@/lib/stations/queries";

/** sitemap.xml of the apex: sections, published articles and pages, authors, station sites. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const { siteUrl } = config();
  const url = (path: string) => new URL(path, siteUrl).toString();
  const [articles, stations] = await Promise.all([publicSitemap(), listStations()]);
  const authors = [...new Set(articles.flatMap((a) => (a.authorId ? [a.authorId] : [])))];
  return [
    { url: url("/"), changeFrequency: "hourly", priority: 1 },
    { url: url("/articles"), changeFrequency: "hourly" },
    ...Object.values(TYPE_SECTION).map((s) => ({
      url: url(`/${s.path}`),
      changeFrequency: "daily" as const,
    })),
    ...articles.map((a) => ({ url: url(articlePath(a)), lastModified: a.updatedAt })),
    ...authors.map((id) => ({ url: url(`/auteurs/${id}`) })),
    ...stations.map((s) => ({ url: stationUrl(s.slug, siteUrl), changeFrequency: "always" as const })),
  ];
}

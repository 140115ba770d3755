import { revalidatePath, revalidateTag, unstable_cache } from "next/cache";
import { cache } from "react";
import type { Zone } from "./model";
import * as queries from "./queries";

/**
 * Cached reads for the public pages (in memory, a minute at most, dropped at once on every edit).
 * Scheduled articles appear on time: the newest scheduled time that has passed is part of each key,
 * so the first request after it reads fresh data.
 */

export const ARTICLES_TAG = "articles";
const options = { revalidate: 60, tags: [ARTICLES_TAG] };

// Once per request too (React's cache): a page asks for it from the forecast and the vigilance banner.
const scheduledTimes = cache(
  unstable_cache(async () => queries.scheduledTimes(), ["articles-scheduled"], options),
);

async function epoch(): Promise<number> {
  return queries.visibilityEpoch(await scheduledTimes(), Date.now());
}

const cachedList = unstable_cache(
  async (_epoch: number, filter: queries.ListFilter) => queries.listPublicArticles(filter),
  ["articles-list"],
  options,
);
export async function publicList(filter: queries.ListFilter) {
  return cachedList(await epoch(), filter);
}

const cachedArticle = unstable_cache(
  async (_epoch: number, slug: string) => queries.articleForDisplay({ slug }),
  ["articles-one"],
  options,
);
/** A public article by slug, or null (drafts, and scheduled articles before their time, are not public). */
export async function publicArticle(slug: string) {
  const article = await cachedArticle(await epoch(), slug);
  if (!article || !["PUBLISHED", "SCHEDULED"].includes(article.status)) return null;
  return Date.parse(article.publishedAt) <= Date.now() ? article : null;
}

const cachedVigilance = unstable_cache(
  async (_epoch: number) => queries.currentVigilance(),
  ["articles-vigilance"],
  {
    revalidate: 30,
    tags: [ARTICLES_TAG],
  },
);
export async function publicVigilance() {
  return cachedVigilance(await epoch());
}

const cachedForecast = unstable_cache(
  async (_epoch: number, zone: Zone | null, _day: string) => queries.latestForecast(zone),
  ["articles-forecast"],
  options,
);
export async function publicForecast(zone: Zone | null) {
  // The hour is in the key: days that are over drop off within the hour after midnight.
  return cachedForecast(await epoch(), zone, new Date().toISOString().slice(0, 13));
}

const cachedSearch = unstable_cache(
  async (_epoch: number, text: string, page: number) => queries.searchArticles(text, page),
  ["articles-search"],
  options,
);
export async function publicSearch(text: string, page: number) {
  return cachedSearch(await epoch(), text.trim().slice(0, 200), page);
}

const cachedFeed = unstable_cache(
  async (_epoch: number, type: queries.ListFilter["type"] | null) => queries.feedArticles(type ?? null),
  ["articles-feed"],
  options,
);
export async function publicFeed(type: queries.ListFilter["type"] | null) {
  return cachedFeed(await epoch(), type ?? null);
}

const cachedSitemap = unstable_cache(
  async (_epoch: number) => queries.sitemapArticles(),
  ["articles-sitemap"],
  options,
);
export async function publicSitemap() {
  return cachedSitemap(await epoch());
}

/**
 * After any edit of articles, vigilance or forecasts: drop the cached data and the station pages
 * (they show the banner and the forecast), so that the change shows on the next request.
 */
export function revalidateArticles(): void {
  revalidateTag(ARTICLES_TAG, { expire: 0 });
  revalidatePath("/stations/[slug]", "layout");
}

import type { Metadata } from "next";
import { SearchPage, type SearchQuery } from "@/components/articles/SearchPage";

// A query's results (proxy.ts rewrites /recherche?q=… here): rendered per request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Recherche", robots: { index: false } };

export default async function SearchResults({ searchParams }: { searchParams: Promise<SearchQuery> }) {
  return <SearchPage params={await searchParams} />;
}

import type { Metadata } from "next";
import { SearchPage } from "@/components/articles/SearchPage";

export const metadata: Metadata = { title: "Recherche", robots: { index: false } };

export default function SearchForm() {
  return <SearchPage />;
}

import type { Metadata } from "next";
import { SectionPage, type SectionProps } from "@/components/articles/SectionPage";

export const metadata: Metadata = {
  title: "Articles",
  alternates: { types: { "application/rss+xml": "/flux/rss.xml", "application/atom+xml": "/flux/atom.xml" } },
};

export default function Page({ searchParams }: SectionProps) {
  return <SectionPage type={null} searchParams={searchParams} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SectionPage, type SectionQuery, sectionMetadata } from "@/components/articles/SectionPage";
import { typeFromSection } from "@/lib/articles/model";

// A section's further pages and filters (proxy.ts rewrites /actualites?page=2 here): rendered per request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ section: string }>; searchParams: Promise<SectionQuery> };

async function sectionType(params: Props["params"]) {
  const { section } = await params;
  const type = typeFromSection(section);
  if (!type && section !== "articles") notFound();
  return type;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return sectionMetadata(await sectionType(params));
}

export default async function SectionSelection({ params, searchParams }: Props) {
  return <SectionPage type={await sectionType(params)} params={await searchParams} />;
}

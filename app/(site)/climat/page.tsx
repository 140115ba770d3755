import { SectionPage, type SectionProps, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("CLIMATE");

export default function Page({ searchParams }: SectionProps) {
  return <SectionPage type="CLIMATE" searchParams={searchParams} />;
}

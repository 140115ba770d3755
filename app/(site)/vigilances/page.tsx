import { SectionPage, type SectionProps, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("VIGILANCE");

export default function Page({ searchParams }: SectionProps) {
  return <SectionPage type="VIGILANCE" searchParams={searchParams} />;
}

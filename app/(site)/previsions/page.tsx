import { SectionPage, type SectionProps, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("FORECAST");

export default function Page({ searchParams }: SectionProps) {
  return <SectionPage type="FORECAST" searchParams={searchParams} />;
}

import { SectionPage, type SectionProps, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("NEWS");

export default function Page({ searchParams }: SectionProps) {
  return <SectionPage type="NEWS" searchParams={searchParams} />;
}

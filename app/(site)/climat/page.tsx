import { SectionPage, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("CLIMATE");

export default function Page() {
  return <SectionPage type="CLIMATE" />;
}

import { SectionPage, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("VIGILANCE");

export default function Page() {
  return <SectionPage type="VIGILANCE" />;
}

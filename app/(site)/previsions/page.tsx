import { SectionPage, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("FORECAST");

export default function Page() {
  return <SectionPage type="FORECAST" />;
}

import { SectionPage, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata("NEWS");

export default function Page() {
  return <SectionPage type="NEWS" />;
}

import { SectionPage, sectionMetadata } from "@/components/articles/SectionPage";

export const metadata = sectionMetadata(null);

export default function Page() {
  return <SectionPage type={null} />;
}

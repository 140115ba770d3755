import { VigilanceBanner } from "@/components/articles/VigilanceBanner";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <VigilanceBanner />
      <main id="contenu">{children}</main>
      <SiteFooter />
    </>
  );
}

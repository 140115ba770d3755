import { VigilanceBanner } from "@/components/articles/VigilanceBanner";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { isBuildPhase } from "@/lib/http/site-cache";

// Apex pages are the same for every visitor (nothing here reads cookies or headers): cached whole,
// rendered again at most once a minute, and at once when articles change (lib/articles/public.ts
// revalidateArticles, from the editor, the WordPress import and `meteo site refresh`). Pages whose
// query picks what they show declare `dynamic = "force-dynamic"`.
export const revalidate = 60;

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  // Rendered at run time only: the build has no database (npm test builds without one) and must not
  // bake SITE_URL in. This layout and each page without a dynamic segment that reads data render
  // nothing at build time (Next renders a page even when its layout leaves it out); `npm run build`
  // then drops those empty renders (scripts/dev/drop-build-renders.mjs).
  if (isBuildPhase()) return null;
  return (
    <>
      <SiteHeader />
      <VigilanceBanner />
      <main id="contenu" className="lazy-layout">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

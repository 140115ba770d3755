import { connection } from "next/server";
import { VigilanceBanner } from "@/components/articles/VigilanceBanner";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  // Every apex page shows the vigilance banner, read from the database: rendered per request (from
  // cached data), never at build time, when no database exists yet (install.sh builds before it migrates).
  await connection();
  return (
    <>
      <SiteHeader />
      <VigilanceBanner />
      <main id="contenu">{children}</main>
      <SiteFooter />
    </>
  );
}

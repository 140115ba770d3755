import { VigilanceBanner } from "@/components/articles/VigilanceBanner";
import { SiteFooter } from "@/components/site/SiteHeader";
import { StationBanner } from "@/components/stations/StationBanner";
import { StationHeader } from "@/components/stations/StationHeader";
import { config } from "@/lib/config/settings";
import { stationOr404 } from "@/lib/stations/mini-site";
import { hasWebcam } from "@/lib/webcam/webcams";

// Station pages are rendered on first visit and then cached (see `revalidate` in each page).
export function generateStaticParams() {
  return [];
}

export default async function StationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const station = await stationOr404((await params).slug);
  return (
    <>
      <StationHeader
        name={station.name}
        networkUrl={config().siteUrl.origin}
        hasWebcam={await hasWebcam(station)}
      />
      <VigilanceBanner />
      <main id="contenu" className="lazy-layout">
        <StationBanner station={station} />
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

import { Header, type NavItem } from "@/components/site/Header";
import { lightningEnabled } from "@/lib/lightning/settings";

/** Header of a station mini-site. Sections add their entry to NAV when they exist. */
const NAV: NavItem[] = [
  { href: "/", label: "Conditions actuelles" },
  { href: "/graphiques", label: "Graphiques" },
  { href: "/jour", label: "Journée" },
  { href: "/climatologie", label: "Climatologie" },
  { href: "/records", label: "Records" },
  { href: "/webcam", label: "Webcam" },
  { href: "/foudre", label: "Foudre", shown: lightningEnabled },
  { href: "/a-propos", label: "À propos" },
];

export function StationHeader({
  name,
  networkUrl,
  hasWebcam,
}: {
  name: string;
  networkUrl: string;
  /** "Webcam" is listed only for a station that has one. */
  hasWebcam: boolean;
}) {
  return (
    <Header
      brand={name}
      brandHref="/"
      navLabel="Navigation de la station"
      items={[
        ...NAV.filter((item) => hasWebcam || item.href !== "/webcam"),
        { href: networkUrl, label: "Réseau Météo06" },
      ]}
    />
  );
}

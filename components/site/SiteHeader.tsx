import { lightningEnabled } from "@/lib/lightning/settings";
import { Header, type NavItem } from "./Header";

/** Header of the apex site. Sections add their entry to NAV when they exist. */
const NAV: NavItem[] = [
  { href: "/", label: "Accueil" },
  { href: "/previsions", label: "Prévisions" },
  { href: "/vigilances", label: "Vigilance" },
  { href: "/climat", label: "Bilans climatiques" },
  { href: "/climatologie", label: "Climatologie" },
  { href: "/actualites", label: "Actualités" },
  { href: "/reseau", label: "Réseau" },
  { href: "/foudre", label: "Foudre", shown: lightningEnabled },
  { href: "/api", label: "Données ouvertes" },
  { href: "/recherche", label: "Recherche" },
];

export function SiteHeader() {
  return <Header brand="Météo06" brandHref="/" navLabel="Navigation principale" items={NAV} />;
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      Météo06, association de passionnés de météorologie des Alpes-Maritimes. Heures affichées : heure de
      Paris.
    </footer>
  );
}

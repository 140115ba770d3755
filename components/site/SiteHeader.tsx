import Link from "next/link";

/** Header of the apex site. Sections add their entry to NAV when they exist. */
const NAV = [
  { href: "/", label: "Accueil" },
  { href: "/api", label: "Données ouvertes" },
];

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">
          Météo06
        </Link>
        <nav aria-label="Navigation principale">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      Météo06, association de passionnés de météorologie des Alpes-Maritimes. Heures affichées : heure de
      Paris.
    </footer>
  );
}

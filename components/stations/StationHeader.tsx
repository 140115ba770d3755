import Link from "next/link";

/** Header of a station mini-site. Sections add their entry to NAV when they exist. */
const NAV = [
  { href: "/", label: "Conditions actuelles" },
  { href: "/graphiques", label: "Graphiques" },
  { href: "/jour", label: "Journée" },
];

export function StationHeader({ name, networkUrl }: { name: string; networkUrl: string }) {
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">
          {name}
        </Link>
        <nav aria-label="Navigation de la station">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
            <li>
              <a href={networkUrl}>Réseau Météo06</a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

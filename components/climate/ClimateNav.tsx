import Link from "next/link";

/** Links between a station's climatology pages. */
export function ClimateNav({ month, year }: { month: string; year: number }) {
  const links = [
    { href: `/mois/${month}`, label: "Mois" },
    { href: `/annee/${year}`, label: "Année" },
    { href: "/historique", label: "Historique" },
    { href: "/records", label: "Records" },
    { href: `/comparaison/${month}`, label: "Comparaison des moyennes" },
    { href: "/fiabilite", label: "Fiabilité" },
    { href: "/rapports", label: "Rapports NOAA" },
  ];
  return (
    <nav aria-label="Climatologie" className="subnav">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

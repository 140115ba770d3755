import { PageLink } from "@/components/site/PageLink";

/** Links between a station's climatology pages, for `month` ("YYYY-MM") and its year. */
export function ClimateNav({ month }: { month: string }) {
  const links = [
    { href: `/mois/${month}`, label: "Mois" },
    { href: `/annee/${month.slice(0, 4)}`, label: "Année" },
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
            <PageLink href={link.href}>{link.label}</PageLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { NotFound } from "@/components/site/NotFound";
import { currentMonth } from "@/lib/climate/queries";

export default function MonthNotFound() {
  return (
    <NotFound
      hint="Ce mois n'existe pas, n'est pas encore commencé, ou précède les premières données de la station (un mois s'écrit AAAA-MM, par exemple 2025-06)."
      links={[
        { href: `/mois/${currentMonth()}`, label: "Voir le mois en cours" },
        { href: "/climatologie", label: "Tous les mois de la station" },
      ]}
    />
  );
}

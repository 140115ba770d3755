import { NotFound } from "@/components/site/NotFound";

export default function DayNotFound() {
  return (
    <NotFound
      hint="Cette date n'existe pas, ou n'est pas encore arrivée (une date s'écrit AAAA-MM-JJ, par exemple 2025-06-01)."
      links={[
        { href: "/jour", label: "Voir la dernière journée" },
        { href: "/climatologie", label: "Climatologie de la station" },
      ]}
    />
  );
}

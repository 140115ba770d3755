import { NotFound } from "@/components/site/NotFound";

export default function StationNotFound() {
  return (
    <NotFound
      hint="Cette page de la station n'existe pas. Vérifiez l'adresse, ou repartez de ses pages principales."
      links={[
        { href: "/", label: "Conditions actuelles" },
        { href: "/jour", label: "La dernière journée" },
        { href: "/climatologie", label: "Climatologie" },
      ]}
    />
  );
}

import { NotFound } from "@/components/site/NotFound";

export default function SiteNotFound() {
  return (
    <NotFound
      hint="La page demandée n'existe pas, ou plus. Vérifiez l'adresse, cherchez-la, ou repartez de l'accueil."
      links={[
        { href: "/", label: "Accueil" },
        { href: "/recherche", label: "Rechercher" },
        { href: "/actualites", label: "Actualités" },
      ]}
    />
  );
}

import { NotFound } from "@/components/site/NotFound";

export default function ArticleNotFound() {
  return (
    <NotFound
      hint="Cet article n'existe pas, ou n'est plus publié. Il a peut-être changé d'adresse : cherchez-le par son titre."
      links={[
        { href: "/actualites", label: "Toutes les actualités" },
        { href: "/recherche", label: "Rechercher un article" },
      ]}
    />
  );
}

import { PageLink } from "@/components/site/PageLink";

export default function NotFound() {
  return (
    <main id="contenu">
      <h1>Page introuvable</h1>
      <p>La page demandée n'existe pas, ou plus. Vérifiez l'adresse, ou repartez de l'accueil.</p>
      <p>
        <PageLink href="/">Retour à l'accueil</PageLink>
      </p>
    </main>
  );
}

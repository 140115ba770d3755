import { PageLink } from "@/components/site/PageLink";

export default function Forbidden() {
  return (
    <main id="contenu">
      <h1>Accès refusé</h1>
      <p>
        Votre compte ne permet pas d'ouvrir cette page (un auteur, par exemple, ne modifie que ses propres
        articles non publiés : demandez à un éditeur). Si vous pensez que c'est une erreur, contactez
        l'équipe.
      </p>
      <p>
        <PageLink href="/admin">Retour à l'administration</PageLink>
      </p>
    </main>
  );
}

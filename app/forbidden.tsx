import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="contenu">
      <h1>Accès refusé</h1>
      <p>
        Votre compte ne permet pas d'ouvrir cette page. Si vous pensez que c'est une erreur, contactez
        l'équipe.
      </p>
      <p>
        <Link href="/admin">Retour à l'administration</Link>
      </p>
    </main>
  );
}

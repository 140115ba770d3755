import Link from "next/link";

/** Shown with a 401 when an action needs a signed-in user (e.g. the session expired meanwhile). */
export default function Unauthorized() {
  return (
    <main id="contenu">
      <h1>Connexion requise</h1>
      <p>Votre session a expiré ou vous n'êtes pas connecté : connectez-vous, puis recommencez.</p>
      <p>
        <Link href="/connexion">Se connecter</Link>
      </p>
    </main>
  );
}

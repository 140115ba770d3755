import { PageLink } from "@/components/site/PageLink";

/** Shown with a 401 when an action needs a signed-in user (e.g. the session expired meanwhile). */
export default function Unauthorized() {
  return (
    <main id="contenu">
      <h1>Connexion requise</h1>
      <p>Votre session a expiré ou vous n'êtes pas connecté : connectez-vous, puis recommencez.</p>
      <p>
        <PageLink href="/connexion">Se connecter</PageLink>
      </p>
    </main>
  );
}

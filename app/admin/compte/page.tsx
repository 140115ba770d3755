import { requirePageRole } from "@/lib/auth";
import { ADMIN_IDLE_SECONDS } from "@/lib/sessions";
import { ROLE_LABEL } from "@/lib/users";
import { signOutEverywhereAction } from "./actions";

/** The signed-in account: who, which rights, and ending its sessions. */
export default async function AccountPage() {
  const user = await requirePageRole("AUTHOR", "/admin/compte");
  return (
    <>
      <h1>Mon compte</h1>
      <dl className="card">
        <dt>Nom</dt>
        <dd>{user.name}</dd>
        <dt>E-mail</dt>
        <dd>{user.email}</dd>
        <dt>Rôle</dt>
        <dd>{ROLE_LABEL[user.role]}</dd>
      </dl>
      <h2>Sessions</h2>
      <p>
        Une session reste ouverte 30 jours sans activité
        {user.role === "ADMIN" && <> ({ADMIN_IDLE_SECONDS / 3600} heures pour un administrateur)</>}. Un
        nouveau mot de passe ou un changement de rôle les termine toutes.
      </p>
      <form action={signOutEverywhereAction}>
        <p>
          Un ordinateur oublié, un doute sur votre mot de passe ? Terminez toutes vos sessions, sur tous les
          appareils (celle-ci comprise) :
        </p>
        <button type="submit">Se déconnecter partout</button>
      </form>
    </>
  );
}

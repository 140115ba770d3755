import { requirePageRole } from "@/lib/auth";
import { db } from "@/lib/db";
import { listUsers, ROLE_LABEL } from "@/lib/users";
import { createUserAction, deleteUserAction, inviteUserAction, updateUserAction } from "./actions";
import { UserForm } from "./UserForm";

/** Accounts and roles, and which stations each owner manages (admins only). */
export default async function UsersPage() {
  await requirePageRole("ADMIN", "/admin/utilisateurs");
  const [users, stations] = await Promise.all([
    listUsers(),
    db().station.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return (
    <>
      <h1>Utilisateurs</h1>
      <h2>Nouveau compte</h2>
      <p className="muted">
        Le compte est créé sans mot de passe ; la personne reçoit un lien pour le choisir.
      </p>
      <UserForm action={createUserAction} stations={stations} />
      <h2>Comptes ({users.length})</h2>
      {users.map((u) => (
        <details key={u.id}>
          <summary>
            {u.name} — {u.email} — {ROLE_LABEL[u.role]}
            {u.stations.length > 0 && <> — stations : {u.stations.map((s) => s.station.name).join(", ")}</>}
            {!u.passwordHash && <strong> (mot de passe à choisir)</strong>}
            {u.disabled && <strong> (désactivé)</strong>}
          </summary>
          <UserForm
            action={updateUserAction}
            user={{
              id: u.id,
              email: u.email,
              name: u.name,
              role: u.role,
              stationIds: u.stations.map((s) => s.stationId),
              disabled: u.disabled,
            }}
            stations={stations}
            extra={[
              { label: "Envoyer une invitation", action: inviteUserAction },
              { label: "Supprimer le compte", action: deleteUserAction },
            ]}
          />
        </details>
      ))}
    </>
  );
}

"use client";

import { useActionState } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/result";

type Action = (state: ActionState, form: FormData) => Promise<ActionResult>;

/** One account's form (or the creation form), with the outcome of its server action. */
export function UserForm({
  action,
  user,
  stations,
  extra,
}: {
  action: Action;
  user?: { id: number; email: string; name: string; role: string; stationIds: number[]; disabled: boolean };
  stations: { id: number; name: string }[];
  extra?: { label: string; action: Action }[];
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="card stack user-form" data-user={user?.email ?? "new"}>
      {user && <input type="hidden" name="id" value={user.id} />}
      <label>
        E-mail
        <input name="email" type="email" defaultValue={user?.email} required />
      </label>
      <label>
        Nom
        <input name="name" defaultValue={user?.name} required />
      </label>
      <label>
        Rôle
        <select name="role" defaultValue={user?.role ?? "AUTHOR"}>
          <option value="AUTHOR">Auteur</option>
          <option value="EDITOR">Éditeur</option>
          <option value="ADMIN">Administrateur</option>
        </select>
      </label>
      {user && (
        <label>
          <input type="checkbox" name="disabled" defaultChecked={user.disabled} /> Compte désactivé (plus de
          connexion possible, sessions en cours terminées)
        </label>
      )}
      {stations.length > 0 && (
        <fieldset>
          <legend>Stations gérées</legend>
          {stations.map((s) => (
            <label key={s.id}>
              <input
                type="checkbox"
                name="stationIds"
                value={s.id}
                defaultChecked={user?.stationIds.includes(s.id)}
              />{" "}
              {s.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={pending}>
        {user ? "Enregistrer" : "Créer le compte"}
      </button>
      {extra?.map((e) => (
        <button
          key={e.label}
          type="submit"
          formAction={async (form) => void (await e.action(state, form))}
          formNoValidate
        >
          {e.label}
        </button>
      ))}
      {state?.ok === false && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state?.ok && <p role="status">{state.message}</p>}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { type LoginState, login } from "./actions";

export function LoginForm({ returnTo }: { returnTo: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, { error: null, email: "" });
  return (
    <form className="stack" action={action}>
      <input type="hidden" name="retour" value={returnTo} />
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" defaultValue={state.email} required />
      </label>
      <label>
        Mot de passe
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Connexion…" : "Se connecter"}
      </button>
    </form>
  );
}

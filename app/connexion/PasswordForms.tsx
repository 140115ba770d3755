"use client";

import { useActionState } from "react";
import { forgotPassword, type PasswordState, setNewPassword } from "./password-actions";

const initial: PasswordState = { error: null, done: null };

function Outcome({ state }: { state: PasswordState }) {
  return (
    <>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state.done && <p role="status">{state.done}</p>}
    </>
  );
}

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(forgotPassword, initial);
  return (
    <form className="stack" action={action}>
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <button type="submit" disabled={pending}>
        Recevoir un lien
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(setNewPassword, initial);
  if (state.done) {
    return (
      <p role="status">
        {state.done} <a href="/connexion">Se connecter</a>
      </p>
    );
  }
  return (
    <form className="stack" action={action}>
      <input type="hidden" name="jeton" value={token} />
      <label>
        Nouveau mot de passe (10 caractères au moins)
        <input name="password" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <label>
        Encore une fois
        <input name="confirmation" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <button type="submit" disabled={pending}>
        Enregistrer le mot de passe
      </button>
      <Outcome state={state} />
    </form>
  );
}

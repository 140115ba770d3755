"use server";

import { headers } from "next/headers";
import { ApiError } from "@/lib/api";
import { clientIp } from "@/lib/client-address";
import { MailNotConfiguredError } from "@/lib/mail";
import { requestPasswordReset, resetPassword } from "@/lib/password-tokens";
import { reserveAttempt, throttleKeys } from "@/lib/throttle";

export interface PasswordState {
  error: string | null;
  done: string | null;
}

/** Always the same answer, whether the address has an account or not. */
export async function forgotPassword(_state: PasswordState, form: FormData): Promise<PasswordState> {
  const email = String(form.get("email") ?? "")
    .trim()
    .toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { error: "Adresse e-mail invalide.", done: null };
  // Requests count against the address like failed logins: nobody can flood the SMTP server.
  const keys = throttleKeys(clientIp(await headers()), `reset:${email}`);
  if ((await reserveAttempt(keys)) > 0)
    return { error: "Trop de demandes : réessayez dans quelques minutes.", done: null };
  try {
    await requestPasswordReset(email);
  } catch (error) {
    if (error instanceof MailNotConfiguredError) {
      return { error: "L'envoi d'e-mails n'est pas configuré : contactez un administrateur.", done: null };
    }
    console.error("password reset mail:", error);
    return { error: "L'e-mail n'a pas pu être envoyé ; réessayez plus tard.", done: null };
  }
  return {
    error: null,
    done: "Si un compte existe pour cette adresse, un lien vient de lui être envoyé (valable une heure).",
  };
}

export async function setNewPassword(_state: PasswordState, form: FormData): Promise<PasswordState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirmation") ?? "")) {
    return { error: "Les deux mots de passe diffèrent.", done: null };
  }
  try {
    await resetPassword(String(form.get("jeton") ?? ""), password);
    return { error: null, done: "Mot de passe enregistré : vous pouvez vous connecter." };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, done: null };
    throw error;
  }
}

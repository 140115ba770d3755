"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";

export interface LoginState {
  error: string | null;
}

/** Only same-site relative paths are accepted as a return address (no open redirect). */
function safeReturnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/admin";
}

export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  try {
    await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirectTo: safeReturnPath(form.get("retour")),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof AuthError) return { error: "E-mail ou mot de passe incorrect." };
    throw error; // the redirect after a successful sign-in
  }
}

"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn, ThrottledSignin } from "@/lib/auth";
import { clientIp } from "@/lib/client-address";
import { sitePath } from "@/lib/hosts";
import { formatWait, throttleKeys, waitSeconds } from "@/lib/throttle";

export interface LoginState {
  error: string | null;
  /** Given back so that the form (which React resets after an action) keeps it. */
  email: string;
}

/** Only paths of this site are accepted as a return address (no open redirect). */
function safeReturnPath(value: FormDataEntryValue | null): string {
  return (typeof value === "string" && sitePath(value)) || "/admin";
}

export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: form.get("password"),
      redirectTo: safeReturnPath(form.get("retour")),
    });
    return { error: null, email };
  } catch (error) {
    // Refused because of the delay (ThrottledSignin, possibly wrapped by next-auth), or a failure
    // that starts one: either way, say how long to wait.
    const wait =
      error instanceof AuthError ? await waitSeconds(throttleKeys(clientIp(await headers()), email)) : 0;
    if (error instanceof ThrottledSignin || wait > 0) {
      return {
        error: `Trop de tentatives : réessayez dans ${formatWait(Math.max(wait, 1))}, ou utilisez « Mot de passe oublié ».`,
        email,
      };
    }
    if (error instanceof AuthError) return { error: "E-mail ou mot de passe incorrect.", email };
    throw error; // the redirect after a successful sign-in
  }
}

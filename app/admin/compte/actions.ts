"use server";

import { requireActionRole, signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/users";

/** Ends every session of the signed-in account (other browsers, a forgotten computer), then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireActionRole("AUTHOR");
  await endAllSessions(user.id);
  await signOut({ redirectTo: "/connexion" });
}

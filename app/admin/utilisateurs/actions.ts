"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, succeeded } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { requireRole } from "@/lib/auth";
import { sendInvitation } from "@/lib/password-tokens";
import { createUser, deleteUser, parseUserInput, updateUser } from "@/lib/users";

/** Admins only: every action checks the role itself (runAction answers others 401/403). */

function input(form: FormData) {
  return parseUserInput({
    email: form.get("email"),
    name: form.get("name"),
    role: form.get("role"),
    stationIds: form.getAll("stationIds"),
    disabled: form.get("disabled") === "on",
  });
}

function done(message: string): ActionResult {
  revalidatePath("/admin/utilisateurs");
  return succeeded(null, message);
}

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("ADMIN"), async () => {
    const { invited } = await createUser(input(form));
    return done(
      invited
        ? "Compte créé ; une invitation a été envoyée."
        : "Compte créé (e-mail non configuré : pas d'invitation).",
    );
  });
}

export async function updateUserAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("ADMIN"), async (actor) => {
    await updateUser(actor, Number(form.get("id")), input(form));
    return done("Compte mis à jour.");
  });
}

export async function deleteUserAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("ADMIN"), async (actor) => {
    await deleteUser(actor, Number(form.get("id")));
    return done("Compte supprimé.");
  });
}

export async function inviteUserAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("ADMIN"), async () => {
    await sendInvitation(Number(form.get("id")));
    return done("Invitation envoyée.");
  });
}

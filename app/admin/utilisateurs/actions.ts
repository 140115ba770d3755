"use server";

import { revalidatePath } from "next/cache";
import { ApiError } from "@/lib/api";
import { requireActionRole } from "@/lib/auth";
import { sendInvitation } from "@/lib/password-tokens";
import { createUser, deleteUser, parseUserInput, updateUser } from "@/lib/users";

export interface UserFormState {
  error: string | null;
  done: string | null;
}

function input(form: FormData) {
  return parseUserInput({
    email: form.get("email"),
    name: form.get("name"),
    role: form.get("role"),
    stationIds: form.getAll("stationIds"),
    disabled: form.get("disabled") === "on",
  });
}

async function run(job: () => Promise<string>): Promise<UserFormState> {
  try {
    const done = await job();
    revalidatePath("/admin/utilisateurs");
    return { error: null, done };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, done: null };
    throw error;
  }
}

/** Admins only: every action checks the role itself. */
export async function createUserAction(_state: UserFormState, form: FormData): Promise<UserFormState> {
  await requireActionRole("ADMIN");
  return run(async () => {
    const { invited } = await createUser(input(form));
    return invited
      ? "Compte créé ; une invitation a été envoyée."
      : "Compte créé (e-mail non configuré : pas d'invitation).";
  });
}

export async function updateUserAction(_state: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await requireActionRole("ADMIN");
  return run(async () => {
    await updateUser(actor, Number(form.get("id")), input(form));
    return "Compte mis à jour.";
  });
}

export async function deleteUserAction(_state: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await requireActionRole("ADMIN");
  return run(async () => {
    await deleteUser(actor, Number(form.get("id")));
    return "Compte supprimé.";
  });
}

export async function inviteUserAction(_state: UserFormState, form: FormData): Promise<UserFormState> {
  await requireActionRole("ADMIN");
  return run(async () => {
    await sendInvitation(Number(form.get("id")));
    return "Invitation envoyée.";
  });
}

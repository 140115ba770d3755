"use server";

import { revalidatePath } from "next/cache";
import { requireActionRole } from "@/lib/accounts/auth";
import { acknowledgeCheck } from "@/lib/ops/alerts";

/** An admin takes charge of a bad check: reminders stop until its state changes. */
export async function acknowledge(formData: FormData): Promise<void> {
  const user = await requireActionRole("ADMIN");
  const key = String(formData.get("key") ?? "");
  if (key) await acknowledgeCheck(key, user.name);
  revalidatePath("/admin/etat");
}

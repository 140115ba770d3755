"use server";

import { revalidatePath } from "next/cache";
import { requireActionRole } from "@/lib/accounts/auth";
import { saveCategoryTypes } from "@/lib/articles/categories";

/** Editors map each category to an article type, used by the WordPress import. */
export async function saveCategoryTypesAction(form: FormData): Promise<void> {
  await requireActionRole("EDITOR");
  await saveCategoryTypes(form);
  revalidatePath("/admin/categories");
}

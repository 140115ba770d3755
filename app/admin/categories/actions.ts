"use server";

import { revalidatePath } from "next/cache";
import { saveCategoryTypes } from "@/lib/articles/categories";
import { requireActionRole } from "@/lib/auth";

/** Editors map each category to an article type, used by the WordPress import. */
export async function saveCategoryTypesAction(form: FormData): Promise<void> {
  await requireActionRole("EDITOR");
  await saveCategoryTypes(form);
  revalidatePath("/admin/categories");
}

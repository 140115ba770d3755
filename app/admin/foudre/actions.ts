"use server";

import { revalidatePath } from "next/cache";
import { canManageStation, requireActionRole } from "@/lib/auth";
import { parseAlertRadius, saveStationAlert } from "@/lib/lightning/alerts";
import { lightningEnabled } from "@/lib/lightning/settings";

export interface AlertFormState {
  error: string | null;
  saved: boolean;
}

/** Saves a station's alert radius and whether the signed-in user receives its alerts. */
export async function saveAlert(_previous: AlertFormState, form: FormData): Promise<AlertFormState> {
  const user = await requireActionRole("AUTHOR");
  if (!lightningEnabled()) return { error: "La foudre n'est pas activée sur ce serveur.", saved: false };
  const stationId = Number(form.get("station"));
  if (!Number.isInteger(stationId) || !canManageStation(user, stationId)) {
    return { error: "Vous ne gérez pas cette station.", saved: false };
  }
  const radius = parseAlertRadius(String(form.get("rayon") ?? ""));
  if (radius !== null && typeof radius === "object") return { error: radius.error, saved: false };
  const saved = await saveStationAlert(stationId, radius, {
    userId: user.id,
    subscribed: form.get("abonne") === "on",
  });
  if (!saved) return { error: "Cette station n'existe plus.", saved: false };
  revalidatePath("/admin/foudre");
  return { error: null, saved: true };
}

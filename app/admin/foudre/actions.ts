"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, failed, succeeded } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { canManageStation, requireRole } from "@/lib/auth";
import { parseAlertRadius, saveStationAlert } from "@/lib/lightning/alerts";
import { lightningEnabled } from "@/lib/lightning/settings";

/** Saves a station's alert radius and whether the signed-in user receives its alerts. */
export async function saveAlert(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("AUTHOR"), async (user) => {
    if (!lightningEnabled()) return failed("La foudre n'est pas activée sur ce serveur.");
    const stationId = Number(form.get("station"));
    if (!Number.isInteger(stationId) || !canManageStation(user, stationId)) {
      return failed("Vous ne gérez pas cette station.");
    }
    const radius = parseAlertRadius(String(form.get("rayon") ?? ""));
    if (radius !== null && typeof radius === "object") return failed(radius.error);
    const saved = await saveStationAlert(stationId, radius, {
      userId: user.id,
      subscribed: form.get("abonne") === "on",
    });
    if (!saved) return failed("Cette station n'existe plus.");
    revalidatePath("/admin/foudre");
    return succeeded(null, "Réglages enregistrés.");
  });
}

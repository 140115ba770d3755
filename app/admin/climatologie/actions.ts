"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, failed, succeeded } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { ArchiveError } from "@/lib/archive/reader";
import { requireActionRole, requireRole } from "@/lib/auth";
import { addInvalidation, InvalidationError, removeInvalidation } from "@/lib/climate/invalidations";
import { db } from "@/lib/db";
import { localToUtc, PARIS } from "@/lib/time";

/** "2026-03-01T07:30" (a datetime-local input, Paris time) → the UTC instant, or null. */
function parisTime(value: FormDataEntryValue | null): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(String(value ?? ""));
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return new Date(localToUtc(year, month, day, hour, minute, PARIS) * 1000);
}

function refresh(slug: string) {
  revalidatePath("/admin/climatologie");
  revalidatePath(`/stations/${slug}`, "layout");
}

const UNREADABLE =
  "Les archives de la station sont illisibles pour le moment : rien n'a été modifié, réessayez plus tard.";

export async function addInvalidationAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("EDITOR"), async (user) => {
    const station = await db().station.findUnique({ where: { slug: String(form.get("station") ?? "") } });
    if (!station) return failed("Choisissez une station.");
    const from = parisTime(form.get("from"));
    const to = parisTime(form.get("to"));
    if (!from || !to) return failed("Indiquez le début et la fin (date et heure).");
    try {
      await addInvalidation(station, {
        sensor: String(form.get("sensor") ?? ""),
        from,
        to,
        reason: String(form.get("reason") ?? ""),
        createdBy: user.email,
      });
    } catch (error) {
      // An InvalidationError says itself what is wrong (runAction shows it); the archive's own words do not.
      if (error instanceof ArchiveError) return failed(UNREADABLE);
      throw error;
    }
    refresh(station.slug);
    return succeeded(
      null,
      `Invalidation enregistrée ; agrégats et climatologie de ${station.name} recalculés.`,
    );
  });
}

export async function removeInvalidationAction(form: FormData): Promise<void> {
  await requireActionRole("EDITOR");
  const id = Number(form.get("id"));
  if (!Number.isInteger(id)) return;
  try {
    const removed = await removeInvalidation(id);
    const station = await db().station.findUnique({ where: { id: removed.stationId } });
    if (station) refresh(station.slug);
  } catch (error) {
    // Already removed (a double click), or the archive is unreadable and the invalidation was kept: the
    // list shown afterwards tells which.
    if (!(error instanceof InvalidationError || error instanceof ArchiveError)) throw error;
  }
}

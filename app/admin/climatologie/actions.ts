"use server";

import { revalidatePath } from "next/cache";
import { ArchiveError } from "@/lib/archive/reader";
import { requireActionRole } from "@/lib/auth";
import { addInvalidation, InvalidationError, removeInvalidation } from "@/lib/climate/invalidations";
import { db } from "@/lib/db";
import { localToUtc, PARIS } from "@/lib/time";

export interface InvalidationState {
  error: string | null;
  done: string | null;
}

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

export async function addInvalidationAction(
  _previous: InvalidationState,
  form: FormData,
): Promise<InvalidationState> {
  const user = await requireActionRole("EDITOR");
  const station = await db().station.findUnique({ where: { slug: String(form.get("station") ?? "") } });
  if (!station) return { error: "Choisissez une station.", done: null };
  const from = parisTime(form.get("from"));
  const to = parisTime(form.get("to"));
  if (!from || !to) return { error: "Indiquez le début et la fin (date et heure).", done: null };
  try {
    await addInvalidation(station, {
      sensor: String(form.get("sensor") ?? ""),
      from,
      to,
      reason: String(form.get("reason") ?? ""),
      createdBy: user.email,
    });
  } catch (error) {
    if (error instanceof InvalidationError) return { error: error.message, done: null };
    if (error instanceof ArchiveError) return { error: UNREADABLE, done: null };
    throw error;
  }
  refresh(station.slug);
  return {
    error: null,
    done: `Invalidation enregistrée ; agrégats et climatologie de ${station.name} recalculés.`,
  };
}

const UNREADABLE =
  "Les archives de la station sont illisibles pour le moment : rien n'a été modifié, réessayez plus tard.";

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

"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, FORM_INVALID, failed, succeeded } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { formStrings, ValidationError, validateForm } from "@/lib/actions/validation";
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { ImageInputError, MAX_IMAGE_BYTES } from "@/lib/media/images";
import { confirmEpisode, dismissEpisode, setTolerance } from "@/lib/qc/decisions";
import { requireStationManager, requireStationManagerAction } from "@/lib/station-admin/access";
import {
  metadataFormValues,
  partnerLinkSchema,
  type StationFormData,
  stationMetadataSchema,
  webcamSchema,
} from "@/lib/station-admin/metadata";
import { refreshStationPages } from "@/lib/station-admin/refresh";
import { addStationPhoto, deleteStationPhoto } from "@/lib/stations/photos";
import { removeWebcamFiles } from "@/lib/webcam/storage";
import { newWebcamToken } from "@/lib/webcam/webcams";

/**
 * Server actions of the station admin (Next checks their Origin: no cross-site posts). Each one checks
 * that the signed-in user manages the station before touching anything (others get a 401 or 403, an
 * unknown station a 404). A form's result carries what its inputs show next.
 */

type Result = ActionResult<StationFormData>;
type State = ActionState<StationFormData>;

/** A form refused on one field, its inputs given back. */
function refused(field: string, message: string, values: Record<string, string>): never {
  throw new ValidationError(FORM_INVALID, { [field]: message }, values);
}

export async function saveStationMetadata(slug: string, _previous: State, form: FormData): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const data = validateForm(stationMetadataSchema, form);
    const updated = await db().station.update({ where: { id: station.id }, data });
    refreshStationPages();
    return succeeded({ values: metadataFormValues(updated) }, "Modifications enregistrées.");
  });
}

export async function addPartnerLink(slug: string, _previous: State, form: FormData): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const link = validateForm(partnerLinkSchema, form);
    const last = await db().stationPartnerLink.findFirst({
      where: { stationId: station.id },
      orderBy: { position: "desc" },
    });
    await db().stationPartnerLink.create({
      data: { stationId: station.id, ...link, position: (last?.position ?? -1) + 1 },
    });
    refreshStationPages();
    return succeeded({ values: {} }, `Partenaire « ${link.name} » ajouté.`);
  });
}

export async function deletePartnerLink(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  await db().stationPartnerLink.deleteMany({ where: { id, stationId: station.id } });
  refreshStationPages();
}

export async function uploadStationPhoto(slug: string, _previous: State, form: FormData): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const file = form.get("photo");
    const caption =
      String(form.get("caption") ?? "")
        .trim()
        .slice(0, 300) || null;
    const values = { caption: caption ?? "" };
    if (!(file instanceof File) || file.size === 0) refused("photo", "Choisissez une photo.", values);
    if (file.size > MAX_IMAGE_BYTES) refused("photo", "Photo trop volumineuse : 10 Mo au maximum.", values);
    try {
      await addStationPhoto(station.id, Buffer.from(await file.arrayBuffer()), caption);
    } catch (error) {
      if (error instanceof ImageInputError) refused("photo", error.message, values);
      throw error;
    }
    refreshStationPages();
    return succeeded({ values: {} }, "Photo ajoutée.");
  });
}

export async function deletePhoto(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  const photo = await db().stationPhoto.findFirst({ where: { id, stationId: station.id } });
  if (photo) await deleteStationPhoto(photo);
  refreshStationPages();
}

export async function createWebcam(slug: string, _previous: State, form: FormData): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const settings = validateForm(webcamSchema, form);
    if (await db().webcam.findFirst({ where: { stationId: station.id, key: settings.key } }))
      refused(
        "key",
        "Identifiant : une webcam de cette station le porte déjà.",
        formStrings(webcamSchema, form),
      );
    const { token, tokenHash } = newWebcamToken();
    const count = await db().webcam.count({ where: { stationId: station.id } });
    await db().webcam.create({ data: { stationId: station.id, ...settings, tokenHash, position: count } });
    refreshStationPages();
    return succeeded({ values: {}, token }, `Webcam « ${settings.name} » créée.`);
  });
}

/** Settings of an existing webcam (its key stays: it is in the archive's addresses). */
export async function updateWebcam(
  slug: string,
  id: number,
  _previous: State,
  form: FormData,
): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const webcam = await db().webcam.findFirst({ where: { id, stationId: station.id } });
    if (!webcam) return failed(WEBCAM_GONE);
    const submitted = { ...formStrings(webcamSchema, form), key: webcam.key };
    const { key: _key, ...settings } = validateForm(webcamSchema, submitted);
    await db().webcam.update({ where: { id }, data: settings });
    refreshStationPages();
    return succeeded({ values: submitted }, "Réglages enregistrés.");
  });
}

const WEBCAM_GONE = "Cette webcam n'existe plus.";

export async function regenerateWebcamToken(slug: string, id: number, _previous: State): Promise<Result> {
  return runAction(requireStationManager(slug), async ({ station }) => {
    const { token, tokenHash } = newWebcamToken();
    const { count } = await db().webcam.updateMany({
      where: { id, stationId: station.id },
      data: { tokenHash },
    });
    if (count === 0) return failed(WEBCAM_GONE);
    return succeeded({ values: {}, token }, "Nouveau jeton créé : l'ancien ne fonctionne plus.");
  });
}

export async function deleteWebcam(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  const webcam = await db().webcam.findFirst({ where: { id, stationId: station.id } });
  if (!webcam) return;
  await db().webcam.delete({ where: { id } });
  await removeWebcamFiles(webcam);
  refreshStationPages();
}

/** The episode a quality button names (hidden fields of its form). */
function episodeRef(form: FormData) {
  return {
    quantity: String(form.get("quantity") ?? ""),
    check: String(form.get("check") ?? ""),
    from: Number(form.get("from")),
    to: Number(form.get("to")),
  };
}

/** Confirm (an invalidation) or dismiss (real values) a run of quality flags; audited in QcDecision. */
export async function decideQualityFlags(slug: string, form: FormData): Promise<void> {
  const { user, station } = await requireStationManagerAction(slug);
  const decide = form.get("decision") === "confirm" ? confirmEpisode : dismissEpisode;
  try {
    await decide(station, episodeRef(form), user.email);
  } catch (error) {
    // Already decided (a double click), or the archive is unreadable and nothing changed: the list
    // shown afterwards tells which.
    if (!(error instanceof UserError)) throw error;
  }
  revalidatePath(`/admin/stations/${slug}/qualite`);
  refreshStationPages();
}

export async function saveQualityTolerance(
  slug: string,
  _previous: ActionState,
  form: FormData,
): Promise<ActionResult> {
  return runAction(requireStationManager(slug), async ({ user, station }) => {
    await setTolerance(station, String(form.get("check") ?? ""), Number(form.get("factor")), user.email);
    revalidatePath(`/admin/stations/${slug}/qualite`);
    return succeeded(null, "Tolérance enregistrée : elle s'applique aux prochains contrôles.");
  });
}

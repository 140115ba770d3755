"use server";

import { db } from "@/lib/db";
import { ImageInputError, MAX_IMAGE_BYTES } from "@/lib/media/images";
import { requireStationManagerAction } from "@/lib/station-admin/access";
import {
  type FormState,
  formStrings,
  metadataFormValues,
  parseForm,
  parseStationMetadata,
  partnerLinkSchema,
  stationMetadataSchema,
  webcamSchema,
} from "@/lib/station-admin/metadata";
import { refreshStationPages } from "@/lib/station-admin/refresh";
import { addStationPhoto, deleteStationPhoto } from "@/lib/station-photos";
import { removeWebcamFiles } from "@/lib/webcam/storage";
import { newWebcamToken } from "@/lib/webcam/webcams";

/**
 * Server actions of the station admin (Next checks their Origin: no cross-site posts). Each one checks
 * that the signed-in user manages the station before touching anything.
 */

export async function saveStationMetadata(
  slug: string,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const parsed = parseStationMetadata(form);
  if (parsed.errors)
    return { errors: parsed.errors, message: null, values: formStrings(stationMetadataSchema, form) };
  const updated = await db().station.update({ where: { id: station.id }, data: parsed.data });
  refreshStationPages();
  return { errors: null, message: "Modifications enregistrées.", values: metadataFormValues(updated) };
}

export async function addPartnerLink(slug: string, _previous: FormState, form: FormData): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const parsed = parseForm(partnerLinkSchema, form);
  if (parsed.errors)
    return { errors: parsed.errors, message: null, values: formStrings(partnerLinkSchema, form) };
  const last = await db().stationPartnerLink.findFirst({
    where: { stationId: station.id },
    orderBy: { position: "desc" },
  });
  await db().stationPartnerLink.create({
    data: { stationId: station.id, ...parsed.data, position: (last?.position ?? -1) + 1 },
  });
  refreshStationPages();
  return { errors: null, message: `Partenaire « ${parsed.data.name} » ajouté.`, values: {} };
}

export async function deletePartnerLink(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  await db().stationPartnerLink.deleteMany({ where: { id, stationId: station.id } });
  refreshStationPages();
}

export async function uploadStationPhoto(
  slug: string,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const file = form.get("photo");
  const caption =
    String(form.get("caption") ?? "")
      .trim()
      .slice(0, 300) || null;
  const values = { caption: caption ?? "" };
  if (!(file instanceof File) || file.size === 0) {
    return { errors: { photo: "Choisissez une photo." }, message: null, values };
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return { errors: { photo: "Photo trop volumineuse : 10 Mo au maximum." }, message: null, values };
  }
  try {
    await addStationPhoto(station.id, Buffer.from(await file.arrayBuffer()), caption);
  } catch (error) {
    if (error instanceof ImageInputError) return { errors: { photo: error.message }, message: null, values };
    throw error;
  }
  refreshStationPages();
  return { errors: null, message: "Photo ajoutée.", values: {} };
}

export async function deletePhoto(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  const photo = await db().stationPhoto.findFirst({ where: { id, stationId: station.id } });
  if (photo) await deleteStationPhoto(photo);
  refreshStationPages();
}

export async function createWebcam(slug: string, _previous: FormState, form: FormData): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const parsed = parseForm(webcamSchema, form);
  const values = formStrings(webcamSchema, form);
  if (parsed.errors) return { errors: parsed.errors, message: null, values };
  if (await db().webcam.findFirst({ where: { stationId: station.id, key: parsed.data.key } })) {
    return {
      errors: { key: "Identifiant : une webcam de cette station le porte déjà." },
      message: null,
      values,
    };
  }
  const { token, tokenHash } = newWebcamToken();
  const count = await db().webcam.count({ where: { stationId: station.id } });
  await db().webcam.create({ data: { stationId: station.id, ...parsed.data, tokenHash, position: count } });
  refreshStationPages();
  return { errors: null, message: `Webcam « ${parsed.data.name} » créée.`, values: {}, token };
}

/** Settings of an existing webcam (its key stays: it is in the archive's addresses). */
export async function updateWebcam(
  slug: string,
  id: number,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const webcam = await db().webcam.findFirst({ where: { id, stationId: station.id } });
  if (!webcam) return { errors: { form: "Cette webcam n'existe plus." }, message: null, values: {} };
  const submitted = { ...formStrings(webcamSchema, form), key: webcam.key };
  const parsed = parseForm(webcamSchema, submitted);
  if (parsed.errors) return { errors: parsed.errors, message: null, values: submitted };
  const { key: _key, ...settings } = parsed.data;
  await db().webcam.update({ where: { id }, data: settings });
  refreshStationPages();
  return { errors: null, message: "Réglages enregistrés.", values: submitted };
}

export async function regenerateWebcamToken(
  slug: string,
  id: number,
  _previous: FormState,
): Promise<FormState> {
  const { station } = await requireStationManagerAction(slug);
  const { token, tokenHash } = newWebcamToken();
  const { count } = await db().webcam.updateMany({
    where: { id, stationId: station.id },
    data: { tokenHash },
  });
  if (count === 0) return { errors: { form: "Cette webcam n'existe plus." }, message: null, values: {} };
  return { errors: null, message: "Nouveau jeton créé : l'ancien ne fonctionne plus.", values: {}, token };
}

export async function deleteWebcam(slug: string, id: number): Promise<void> {
  const { station } = await requireStationManagerAction(slug);
  const webcam = await db().webcam.findFirst({ where: { id, stationId: station.id } });
  if (!webcam) return;
  await db().webcam.delete({ where: { id } });
  await removeWebcamFiles(webcam);
  refreshStationPages();
}

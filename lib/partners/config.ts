import { z } from "zod";
import { db } from "../db";
import type { Partner } from "../generated/prisma/enums";
import { clearHealth, type Feed, findFeed, openCredentials, sealCredentials } from "./feeds";
import { partnerSecretKey, SECRET_KEY_VARIABLE } from "./secrets";

/** Creating and editing feeds (admin forms): validation with French messages, credentials sealed. */

export const MISSING_KEY_MESSAGE = `La variable d'environnement ${SECRET_KEY_VARIABLE} n'est pas définie sur le serveur : les identifiants des partenaires ne peuvent pas être chiffrés, ils ne sont donc pas enregistrés.`;

/** True when credentials can be stored (the key is set and well-formed). */
export function canStoreCredentials(): boolean {
  try {
    return partnerSecretKey() !== null;
  } catch {
    return false;
  }
}

const PARTNER_ID: Record<Partner, { pattern: RegExp; message: string }> = {
  // It becomes part of a file name on the partner's server.
  STATIC: {
    pattern: /^[A-Za-z0-9_-]{1,64}$/,
    message: "L'identifiant StatIC ne peut contenir que des lettres, des chiffres, « - » et « _ ».",
  },
  ROMMA: { pattern: /^\d{1,12}$/, message: "L'identifiant ROMMA est un nombre." },
};

/** An endpoint override, or null for the partner's own address; a French message when invalid. */
export function parseEndpoint(
  partner: Partner,
  value: string,
): { endpoint: string | null } | { error: string } {
  const text = value.trim();
  if (text === "") return { endpoint: null };
  const schemes = partner === "STATIC" ? ["ftp:"] : ["http:", "https:"];
  const example =
    partner === "STATIC" ? "ftp://ftp.exemple.fr:21/dossier" : "https://www.exemple.fr/donnees.php";
  if (!URL.canParse(text)) return { error: `Adresse invalide : attendu une adresse comme ${example}.` };
  const url = new URL(text);
  if (!schemes.includes(url.protocol) || url.hostname === "") {
    return { error: `Adresse invalide : attendu une adresse comme ${example}.` };
  }
  if (url.username || url.password) {
    return { error: "L'adresse ne doit pas contenir d'identifiants : utilisez les champs prévus." };
  }
  if (text.length > 500) return { error: "Adresse trop longue (500 caractères au plus)." };
  return { endpoint: url.toString() };
}

export const feedFormSchema = z.object({
  /** 0 when editing (the station of a feed never changes). */
  stationId: z.coerce.number().int().min(0, { message: "Choisissez une station." }),
  partner: z.enum(["STATIC", "ROMMA"], { error: "Choisissez un partenaire." }),
  enabled: z.boolean(),
  partnerStationId: z
    .string()
    .trim()
    .min(1, { message: "L'identifiant chez le partenaire est obligatoire." }),
  username: z.string().trim().max(191, { message: "Identifiant trop long." }),
  password: z.string().max(191, { message: "Mot de passe trop long." }),
  clearCredentials: z.boolean(),
  endpoint: z.string(),
});
export type FeedForm = z.infer<typeof feedFormSchema>;

export type SaveResult = { ok: true; feed: Feed } | { ok: false; errors: string[] };

/** Creates (no `id`) or updates a feed from the admin form. Credentials typed empty are kept. */
export async function saveFeed(form: FeedForm, id?: number): Promise<SaveResult> {
  const existing = id === undefined ? null : await findFeed(id);
  if (id !== undefined && !existing) return { ok: false, errors: ["Ce flux n'existe plus."] };
  const partner = existing?.partner ?? form.partner;
  const stationId = existing?.stationId ?? form.stationId;
  const errors: string[] = [];

  if (!PARTNER_ID[partner].pattern.test(form.partnerStationId)) errors.push(PARTNER_ID[partner].message);
  const endpoint = parseEndpoint(partner, form.endpoint);
  if ("error" in endpoint) errors.push(endpoint.error);
  if (!existing) {
    const station = stationId > 0 ? await db().station.findUnique({ where: { id: stationId } }) : null;
    if (!station) errors.push(stationId > 0 ? "Cette station n'existe pas." : "Choisissez une station.");
    const duplicate = await db().partnerFeed.findUnique({
      where: { stationId_partner: { stationId, partner } },
    });
    if (duplicate) errors.push("Cette station a déjà un flux vers ce partenaire : modifiez-le.");
  }

  // Credentials go only where they were typed for: a new address needs them typed again (else an
  // admin session could point the feed at its own server and receive the stored password).
  const moved = existing !== null && !("error" in endpoint) && existing.endpoint !== endpoint.endpoint;
  let credentials = moved ? null : (existing?.credentials ?? null);
  const typed = form.password !== "" || (partner === "STATIC" && form.username !== "");
  const retype = moved && existing.credentials !== null && !typed && !form.clearCredentials;
  if (form.clearCredentials) {
    credentials = null;
  } else if (retype) {
    errors.push("L'adresse a changé : saisissez à nouveau les identifiants pour cette adresse.");
  } else if (typed) {
    if (!canStoreCredentials()) {
      errors.push(MISSING_KEY_MESSAGE);
    } else {
      let previous: { username: string; password: string } | null = null;
      try {
        previous = existing && !moved ? openCredentials(existing) : null;
      } catch {
        previous = null; // unreadable (key changed): the admin types both again
      }
      const username = partner === "STATIC" ? form.username || previous?.username || "" : "";
      const password = form.password || previous?.password || "";
      if (partner === "STATIC" && username === "") errors.push("Le nom d'utilisateur FTP est obligatoire.");
      if (password === "") errors.push("Le mot de passe est obligatoire.");
      if (username !== "" || partner === "ROMMA")
        credentials = sealCredentials(stationId, partner, { username, password });
    }
  }
  if (form.enabled && credentials === null && !retype) {
    errors.push("Renseignez les identifiants avant d'activer le flux.");
  }
  if (errors.length > 0 || "error" in endpoint) return { ok: false, errors };

  const data = {
    enabled: form.enabled,
    partnerStationId: form.partnerStationId,
    credentials,
    endpoint: endpoint.endpoint,
    // A feed switched on or off starts a fresh failing period.
    ...(existing && existing.enabled !== form.enabled ? { failingSince: null } : {}),
  };
  const saved = existing
    ? await db().partnerFeed.update({ where: { id: existing.id }, data, include: { station: true } })
    : await db().partnerFeed.create({ data: { ...data, stationId, partner }, include: { station: true } });
  if (existing?.enabled && !saved.enabled) {
    await clearHealth(saved, "flux désactivé");
  }
  return { ok: true, feed: saved };
}

/** Deletes a feed and its audit log; its health check goes back to OK. */
export async function deleteFeed(id: number): Promise<void> {
  const feed = await findFeed(id);
  if (!feed) return;
  await db().partnerFeed.delete({ where: { id } });
  await clearHealth(feed, "flux supprimé");
}

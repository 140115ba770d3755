import { z } from "zod";
import { ApiError } from "./api";
import type { CurrentUser } from "./auth";
import { db } from "./db";
import { mailConfigured } from "./mail";
import { sendInvitation } from "./password-tokens";
import { END_SESSIONS } from "./sessions";

/** Back-office accounts, managed by admins: roles and station ownership (StationAccess). */

export const ROLES = ["ADMIN", "EDITOR", "AUTHOR"] as const;
export const ROLE_LABEL = { ADMIN: "Administrateur", EDITOR: "Éditeur", AUTHOR: "Auteur" } as const;

export const userInputSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "Adresse e-mail invalide" }).max(191),
  name: z
    .string()
    .trim()
    .min(1, { message: "Le nom est obligatoire" })
    .max(120, { message: "Nom trop long" }),
  role: z.enum(ROLES, { error: "Rôle inconnu" }),
  stationIds: z.array(z.coerce.number().int().positive()).max(200).default([]),
  /** A disabled account cannot sign in; its sessions end. */
  disabled: z.boolean().default(false),
});
export type UserInput = z.infer<typeof userInputSchema>;

export function parseUserInput(raw: unknown): UserInput {
  const result = userInputSchema.safeParse(raw);
  if (!result.success) throw new ApiError(422, result.error.issues.map((i) => i.message).join(" ; "));
  return result.data;
}

export function listUsers() {
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    include: { stations: { include: { station: { select: { id: true, slug: true, name: true } } } } },
  });
}

async function checkStations(ids: number[]) {
  const found = await db().station.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new ApiError(422, "Station inconnue dans la liste.");
}

/** Creates an account without a password and e-mails it an invitation (when e-mail is configured). */
export async function createUser(input: UserInput): Promise<{ id: number; invited: boolean }> {
  if (await db().user.findUnique({ where: { email: input.email } })) {
    throw new ApiError(409, `Un compte existe déjà pour ${input.email}.`);
  }
  await checkStations(input.stationIds);
  const user = await db().user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      stations: { create: [...new Set(input.stationIds)].map((stationId) => ({ stationId })) },
    },
  });
  const invited = mailConfigured();
  if (invited) await sendInvitation(user.id);
  return { id: user.id, invited };
}

async function assertNotLastAdmin(id: number) {
  const admins = await db().user.count({ where: { role: "ADMIN", disabled: false, id: { not: id } } });
  if (admins === 0) throw new ApiError(409, "Il doit rester au moins un administrateur.");
}

export async function updateUser(actor: CurrentUser, id: number, input: UserInput): Promise<void> {
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw new ApiError(404, "Compte introuvable.");
  if (user.role === "ADMIN" && (input.role !== "ADMIN" || input.disabled)) {
    if (actor.id === id)
      throw new ApiError(409, "Vous ne pouvez pas retirer vos propres droits d'administrateur.");
    await assertNotLastAdmin(id);
  }
  if (input.disabled && actor.id === id)
    throw new ApiError(409, "Vous ne pouvez pas désactiver votre propre compte.");
  // New rights or a disabled account: the sessions begun with the old ones end.
  const endSessions = input.role !== user.role || (input.disabled && !user.disabled);
  const clash = await db().user.findFirst({ where: { email: input.email, id: { not: id } } });
  if (clash) throw new ApiError(409, `Un compte existe déjà pour ${input.email}.`);
  await checkStations(input.stationIds);
  await db().$transaction([
    db().user.update({
      where: { id },
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        disabled: input.disabled,
        ...(endSessions ? END_SESSIONS : {}),
      },
    }),
    db().stationAccess.deleteMany({ where: { userId: id } }),
    db().stationAccess.createMany({
      data: [...new Set(input.stationIds)].map((stationId) => ({ userId: id, stationId })),
    }),
  ]);
}

export async function deleteUser(actor: CurrentUser, id: number): Promise<void> {
  if (actor.id === id) throw new ApiError(409, "Vous ne pouvez pas supprimer votre propre compte.");
  const user = await db().user.findUnique({ where: { id } });
  if (!user) throw new ApiError(404, "Compte introuvable.");
  if (user.role === "ADMIN") await assertNotLastAdmin(id);
  await db().user.delete({ where: { id } }); // articles keep their text, without author
}

/** Ends every session of an account, this one included ("sign out everywhere"). */
export async function endAllSessions(userId: number): Promise<void> {
  await db().user.update({ where: { id: userId }, data: END_SESSIONS });
}

import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "./api";
import { config } from "./config";
import { db } from "./db";
import { sendMail } from "./mail";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";
import { END_SESSIONS } from "./sessions";
import { clearThrottle, throttleKeys } from "./throttle";

/**
 * Password links sent by e-mail: "forgotten password" (valid one hour) and invitations of accounts
 * created without a password (by an admin, or imported from WordPress; valid a week). Only the
 * SHA-256 of a token is stored; a token works once.
 */

export const RESET_TTL_HOURS = 1;
export const INVITE_TTL_HOURS = 7 * 24;
const MAX_RESETS_PER_HOUR = 3;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createPasswordToken(
  userId: number,
  ttlHours: number,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().passwordToken.create({
    data: { userId, tokenHash: digest(token), expiresAt: new Date(now.getTime() + ttlHours * 3600_000) },
  });
  return token;
}

export function passwordLink(token: string): string {
  return new URL(`/connexion/nouveau-mot-de-passe?jeton=${token}`, config().siteUrl).toString();
}

/**
 * Sends a reset link if the address belongs to an account. The answer never tells whether it does;
 * a few requests per hour at most, so that nobody can flood a mailbox.
 */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) return;
  const recent = await db().passwordToken.count({
    where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - 3600_000) } },
  });
  if (recent >= MAX_RESETS_PER_HOUR) return;
  const token = await createPasswordToken(user.id, RESET_TTL_HOURS, now);
  await sendMail({
    to: user.email,
    subject: "Météo06 : choisir un nouveau mot de passe",
    text:
      `Bonjour ${user.name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :\n\n` +
      `${passwordLink(token)}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n\nL'équipe Météo06`,
  });
}

/** Invites an account to choose its password (accounts created without one). */
export async function sendInvitation(userId: number): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const token = await createPasswordToken(user.id, INVITE_TTL_HOURS);
  await sendMail({
    to: user.email,
    subject: "Météo06 : votre compte vous attend",
    text:
      `Bonjour ${user.name},\n\nUn compte a été ouvert pour vous sur le nouveau site de Météo06. Choisissez votre mot de passe ` +
      `avec ce lien (valable 7 jours) :\n\n${passwordLink(token)}\n\nVotre identifiant est votre adresse e-mail : ${user.email}\n\nL'équipe Météo06`,
  });
}

/** Whether a token is still usable (to show the form or an explanation). */
export async function tokenIsValid(token: string, now = new Date()): Promise<boolean> {
  const row = await db().passwordToken.findUnique({ where: { tokenHash: digest(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > now);
}

/** Sets the password of a token's account; every other link of that account stops working. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ApiError(422, `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`);
  }
  if (password.length > 1024) throw new ApiError(422, "Mot de passe trop long.");
  const row = await db().passwordToken.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: true },
  });
  if (!row || row.usedAt || row.expiresAt <= now) {
    throw new ApiError(410, "Ce lien a expiré ou a déjà servi : demandez-en un nouveau.");
  }
  const passwordHash = await hashPassword(password);
  await db().$transaction([
    // A new password ends every session: whoever knew the old one is signed out.
    db().user.update({ where: { id: row.userId }, data: { passwordHash, ...END_SESSIONS } }),
    db().passwordToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } }),
  ]);
  await clearThrottle(throttleKeys(null, row.user.email));
  return row.user.email;
}

import { forbidden, notFound, redirect, unauthorized } from "next/navigation";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { ApiError } from "./api";
import { clientIp } from "./client-address";
import { db } from "./db";
import { ForbiddenError } from "./errors";
import type { Role } from "./generated/prisma/enums";
import { verifyPassword } from "./passwords";
import { hasRole } from "./roles";
import { sessionConfig } from "./sessions";
import { reserveAttempt, settleSuccess, throttleKeys } from "./throttle";

export { ForbiddenError };

/**
 * next-auth (Auth.js v5): e-mail + password, JWT sessions in a host-only cookie on the apex (the back
 * office is served there only: proxy.ts; sessions and their ending: lib/sessions.ts). The session only
 * proves who the user is; roles are re-read from the database by currentUser() so that a demoted or
 * deleted account loses access at once.
 */

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

/** Too many recent failures for this account or address: the login form says how long to wait. */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...sessionConfig(),
  providers: [
    Credentials({
      credentials: { email: { label: "E-mail" }, password: { label: "Mot de passe", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const keys = throttleKeys(clientIp(request.headers), parsed.data.email);
        // Counted before the password is checked: parallel guesses cannot overtake the limit.
        if ((await reserveAttempt(keys)) > 0) throw new ThrottledSignin();
        const user = await db().user.findUnique({ where: { email: parsed.data.email } });
        // The same argon2 work whether the account exists or not (verifyPassword of null).
        const valid = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
        if (!valid || !user || user.disabled) return null;
        await settleSuccess(keys);
        return {
          id: String(user.id),
          email: user.email,
          name: user.name,
          role: user.role,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
}));

export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Ids of the stations this user owns (StationAccess). */
  stationIds: number[];
}

/**
 * The signed-in user, fresh from the database, or null: also when the account is disabled or its
 * sessions were ended since this one began. Read once per request (React's cache).
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id)) return null;
  const user = await db().user.findUnique({
    where: { id },
    include: { stations: { select: { stationId: true } } },
  });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    stationIds: user.stations.map((s) => s.stationId),
  };
});

export { hasRole };

/** Editors and admins manage every station; owners manage theirs. */
export function canManageStation(user: CurrentUser | null, stationId: number): boolean {
  return hasRole(user, "EDITOR") || user?.stationIds.includes(stationId) === true;
}

/** For pages: the user with at least `role`; a redirect to the login page, or a 403 page. */
export async function requirePageRole(role: Role, returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user, role)) forbidden(); // app/forbidden.tsx, with a 403
  return user;
}

/** For server actions and route handlers: the user with at least `role`, or ForbiddenError. */
export async function requireRole(role: Role): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw ForbiddenError.signInRequired();
  if (!hasRole(user, role)) throw new ForbiddenError();
  return user;
}

/**
 * For server actions: runs an access check (requireRole, requireStationManager…) and turns its refusal
 * into Next's unauthorized() / forbidden() / notFound() (authInterrupts). A direct call then gets a
 * 401, 403 or 404, and the page shows app/unauthorized.tsx or app/forbidden.tsx — a ForbiddenError
 * thrown out of an action would be an opaque 500.
 */
export async function guardAction<T>(check: Promise<T>): Promise<T> {
  try {
    return await check;
  } catch (error) {
    if (error instanceof ForbiddenError) {
      if (error.status === 401) unauthorized();
      forbidden();
    }
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

/** For server actions: the user with at least `role`, or a 401 / 403 (guardAction). */
export function requireActionRole(role: Role): Promise<CurrentUser> {
  return guardAction(requireRole(role));
}

import type { DefaultSession, NextAuthConfig } from "next-auth";
import { config } from "./config";
import type { Role } from "./generated/prisma/enums";

/**
 * Sessions (next-auth JWTs in a host-only cookie on the apex) and how they end. Free of database and
 * password code, so that proxy.ts can refresh a session on every back-office request.
 *
 * - A session carries its account's `sessionVersion`; currentUser() (lib/auth.ts) refuses it once the
 *   account's number has moved on: sign out everywhere, password reset, role change, account disabled.
 * - It ends after a time without use: 30 days, 2 hours for an administrator. Each back-office request
 *   refreshes it (proxy.ts), which is what makes the limit one of idleness.
 */

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
export const ADMIN_IDLE_SECONDS = 2 * 3600;

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The account's session version when this session began. */
    sessionVersion: number;
  }
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    sessionVersion?: number;
    /** Unix seconds of the last request that refreshed the session. */
    seenAt?: number;
  }
}

/** Part of a User update that ends every session of the account. */
export const END_SESSIONS = { sessionVersion: { increment: 1 } } as const;

export function idleLimitSeconds(role: Role | undefined): number {
  return role === "ADMIN" ? ADMIN_IDLE_SECONDS : SESSION_MAX_AGE_SECONDS;
}

/** Cookie, lifetime and callbacks of the sessions (lib/auth.ts adds the sign-in provider). */
export function sessionConfig(): NextAuthConfig {
  const secure = config().siteUrl.protocol === "https:";
  // Host-only (no Domain): the apex's alone, never sent to a station's sub-domain. Over HTTPS the
  // __Host- prefix makes browsers refuse any cookie of that name set otherwise (e.g. by a sub-domain).
  const prefix = secure ? "__Host-" : "";
  return {
    trustHost: true,
    providers: [],
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/connexion" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: `${prefix}meteo06.session`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    callbacks: {
      jwt({ token, user }) {
        const now = Math.floor(Date.now() / 1000);
        if (user) return { ...token, role: user.role, sessionVersion: user.sessionVersion, seenAt: now };
        // Idle too long (the role in the token is the current one: a role change ends the session).
        if (typeof token.seenAt !== "number" || now - token.seenAt > idleLimitSeconds(token.role))
          return null;
        return { ...token, seenAt: now };
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = token.sessionVersion ?? -1;
        return session;
      },
    },
  };
}

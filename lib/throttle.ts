import { db } from "./db";

/**
 * Login throttling, per IP address and per account: after a few failures each new attempt must wait,
 * the wait doubling up to a ceiling. Nothing is ever locked for good: the delay never exceeds
 * MAX_DELAY, failures are forgotten after a quiet day, and a successful login or a password reset
 * clears the account. An attacker hammering an account slows it down; the owner gets in at worst
 * MAX_DELAY later, or at once through the e-mail link.
 */

export const FREE_FAILURES = 5;
export const BASE_DELAY_SECONDS = 2;
export const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** Seconds to wait after `failures` consecutive failures (0 for the first few). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}

export function throttleKeys(ip: string | null, email: string): string[] {
  return [`account:${email.trim().toLowerCase()}`.slice(0, 191), ...(ip ? [`ip:${ip}`.slice(0, 191)] : [])];
}

/** Seconds before another attempt is allowed for these keys (0: go ahead). */
export async function waitSeconds(keys: string[], now = new Date()): Promise<number> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys } } });
  const waits = rows.map((row) =>
    row.blockedUntil && now.getTime() - row.lastFailureAt.getTime() < FORGET_AFTER_MS
      ? Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000)
      : 0,
  );
  return Math.max(0, ...waits);
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const row = await db().loginThrottle.findUnique({ where: { key } });
    const fresh = row && now.getTime() - row.lastFailureAt.getTime() < FORGET_AFTER_MS;
    const failures = (fresh ? row.failures : 0) + 1;
    const delay = delayAfter(failures);
    const data = {
      failures,
      lastFailureAt: now,
      blockedUntil: delay ? new Date(now.getTime() + delay * 1000) : null,
    };
    await db().loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
}

export async function clearThrottle(keys: string[]): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: { in: keys } } });
}

/**
 * The client's address: the last X-Forwarded-For hop (the one nginx adds), else X-Real-IP.
 * Behind the production nginx both are set by nginx itself, not by the client.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return headers.get("x-real-ip")?.trim() || null;
}

/** "2 min 30 s", "45 s": the wait in words. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}

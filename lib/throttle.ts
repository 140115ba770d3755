import { db } from "./db";
import { Prisma } from "./generated/prisma/client";

/**
 * Login throttling, per IP address and per account: after a few failures each new attempt must wait,
 * the wait doubling up to a ceiling. Nothing is ever locked for good: the delay never exceeds
 * MAX_DELAY, failures are forgotten after a quiet day, and a successful login or a password reset
 * clears the account. An attacker hammering an account slows it down; the owner gets in at worst
 * MAX_DELAY later, or at once through the e-mail link.
 *
 * An attempt is reserved before the password is checked (reserveAttempt): it counts as a failure
 * until it succeeds, so parallel guesses cannot all pass the check before any of them is recorded.
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

interface ThrottleRow {
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

const isFresh = (row: ThrottleRow, now: Date) =>
  now.getTime() - row.lastFailureAt.getTime() < FORGET_AFTER_MS;

function secondsLeft(row: ThrottleRow, now: Date): number {
  if (!row.blockedUntil || !isFresh(row, now)) return 0;
  return Math.max(0, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** The row after one more failure at `now`. */
function afterFailure(row: ThrottleRow, now: Date): Omit<ThrottleRow, "key"> {
  const failures = (isFresh(row, now) ? row.failures : 0) + 1;
  const delay = delayAfter(failures);
  return {
    failures,
    lastFailureAt: now,
    blockedUntil: delay ? new Date(now.getTime() + delay * 1000) : null,
  };
}

/** Seconds before another attempt is allowed for these keys (0: go ahead). */
export async function waitSeconds(keys: string[], now = new Date()): Promise<number> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys } } });
  return Math.max(0, ...rows.map((row) => secondsLeft(row, now)));
}

/**
 * Reserves an attempt for these keys, atomically (row locks, taken in one order): either no key makes
 * it wait, and the attempt is counted as a failure on every key at once (0 is returned), or nothing
 * changes and the wait in seconds is returned.
 */
export async function reserveAttempt(keys: string[], now = new Date()): Promise<number> {
  const sorted = [...new Set(keys)].sort();
  // Each row exists before it is locked: of parallel first attempts, one inserts, the others find it.
  for (const key of sorted) {
    await db().$executeRaw`INSERT INTO LoginThrottle (\`key\`, failures, lastFailureAt)
      VALUES (${key}, 0, ${now}) ON DUPLICATE KEY UPDATE \`key\` = \`key\``;
  }
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<ThrottleRow[]>`SELECT \`key\`, failures, lastFailureAt, blockedUntil
        FROM LoginThrottle WHERE \`key\` IN (${Prisma.join(sorted)}) ORDER BY \`key\` FOR UPDATE`;
      const wait = Math.max(0, ...rows.map((row) => secondsLeft(row, now)));
      if (wait > 0) return wait;
      for (const row of rows) {
        await tx.loginThrottle.update({ where: { key: row.key }, data: afterFailure(row, now) });
      }
      return 0;
    },
    // Parallel attempts queue on the row locks: room to wait on a busy server.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/**
 * A reserved attempt that succeeded: the account starts afresh; the address gets its reserved
 * failure back (a shared address where people sign in often is not slowed down by their successes).
 */
export async function settleSuccess(keys: string[]): Promise<void> {
  const [account, ...addresses] = keys;
  await clearThrottle([account]);
  for (const key of addresses) {
    await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<ThrottleRow[]>`SELECT \`key\`, failures, lastFailureAt, blockedUntil
        FROM LoginThrottle WHERE \`key\` = ${key} FOR UPDATE`;
      if (!row) return;
      const failures = Math.max(0, row.failures - 1);
      const delay = delayAfter(failures);
      await tx.loginThrottle.update({
        where: { key },
        data: {
          failures,
          blockedUntil: delay ? new Date(row.lastFailureAt.getTime() + delay * 1000) : null,
        },
      });
    });
  }
}

export async function clearThrottle(keys: string[]): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: { in: keys } } });
}

/** "2 min 30 s", "45 s": the wait in words. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}

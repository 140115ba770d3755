import { db } from "../db";
import type { CheckState } from "../generated/prisma/enums";

export type { CheckState };

/**
 * The one place where anything reports its health. Monitors (disk, replication, backups), partner
 * feeds and other jobs call recordCheck() each time they look; a state change is kept as a CheckEvent.
 * Notification (e-mail / webhook on each change, daily reminder while bad, acknowledgement) is the
 * operations layer's job and hangs off the transitions returned here.
 */

export interface CheckTransition {
  key: string;
  from: CheckState;
  to: CheckState;
  message: string;
}

/** Records the current state of `key`; returns the transition when the state changed, else null. */
export async function recordCheck(
  key: string,
  state: CheckState,
  message: string,
  at = new Date(),
): Promise<CheckTransition | null> {
  const previous = await db().check.findUnique({ where: { key } });
  if (!previous) {
    const created = await db().check.create({ data: { key, state, message, since: at, checkedAt: at } });
    if (state === "OK") return null;
    await db().checkEvent.create({ data: { checkId: created.id, from: "OK", to: state, message, at } });
    return { key, from: "OK", to: state, message };
  }
  if (previous.state === state) {
    await db().check.update({ where: { id: previous.id }, data: { message, checkedAt: at } });
    return null;
  }
  await db().$transaction([
    db().check.update({
      where: { id: previous.id },
      data: { state, message, since: at, checkedAt: at, acknowledgedAt: null, acknowledgedBy: null },
    }),
    db().checkEvent.create({ data: { checkId: previous.id, from: previous.state, to: state, message, at } }),
  ]);
  return { key, from: previous.state, to: state, message };
}

export function listChecks() {
  return db().check.findMany({ orderBy: [{ state: "desc" }, { key: "asc" }] });
}

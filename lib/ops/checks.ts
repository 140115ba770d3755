import { db } from "../db/client";
import type { CheckState } from "../generated/prisma/enums";
import { notifyChange } from "./alerts";

export type { CheckState };

/**
 * The one place where anything reports its health. Monitors (disk, replication, backups), partner
 * feeds and other jobs call recordCheck() each time they look; a state change is kept as a CheckEvent.
 * Every transition is announced at once by e-mail / webhook (lib/ops/alerts.ts); a delivery failure
 * is logged and retried by the monitor, it never fails the caller. Reminders and acknowledgements
 * live in lib/ops/alerts.ts too.
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
    return announce({ key, from: "OK", to: state, message }, at);
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
  return announce({ key, from: previous.state, to: state, message }, at);
}

async function announce(transition: CheckTransition, at: Date): Promise<CheckTransition> {
  try {
    await notifyChange(transition.key, transition.from, at);
  } catch (error) {
    // Never let alerting break the job that reports: the monitor retries pending alerts.
    console.error(`alert ${transition.key} not delivered:`, (error as Error).message);
  }
  return transition;
}

export function listChecks() {
  return db().check.findMany({ orderBy: [{ state: "desc" }, { key: "asc" }] });
}

import { db } from "../db/client";
import type { CheckState } from "../generated/prisma/enums";

/** What the admin status page and /api/health read: checks, their history, job runs. */

export interface HealthSummary {
  status: "ok" | "warning" | "critical" | "down";
  database: "ok" | "unreachable";
  checks: Record<CheckState, number>;
  /** Minutes since the monitor last started (null: never ran). */
  monitorMinutesAgo: number | null;
}

/** For an outside uptime monitor: states and counts only, never a message, host name or path. */
export async function healthSummary(now = new Date()): Promise<HealthSummary> {
  const checks: Record<CheckState, number> = { OK: 0, WARNING: 0, CRITICAL: 0 };
  try {
    for (const group of await db().check.groupBy({ by: ["state"], _count: { _all: true } })) {
      checks[group.state] = group._count._all;
    }
    const monitor = await db().jobRun.findFirst({
      where: { name: "monitor" },
      orderBy: { startedAt: "desc" },
    });
    const monitorMinutesAgo = monitor
      ? Math.floor((now.getTime() - monitor.startedAt.getTime()) / 60_000)
      : null;
    const status = checks.CRITICAL > 0 ? "critical" : checks.WARNING > 0 ? "warning" : "ok";
    return { status, database: "ok", checks, monitorMinutesAgo };
  } catch (error) {
    console.error("health: app database unreachable:", (error as Error).message);
    return { status: "down", database: "unreachable", checks, monitorMinutesAgo: null };
  }
}

export function statusPageData() {
  return Promise.all([
    db().check.findMany({
      orderBy: [{ state: "desc" }, { key: "asc" }],
      include: { events: { orderBy: { at: "desc" }, take: 10 } },
    }),
    db().jobRun.findMany({ orderBy: { startedAt: "desc" }, take: 60 }),
  ]);
}

import { db } from "../db/client";

/**
 * Every scheduled job (aggregates, climatology, partner feeds, monitoring, backups…) runs through
 * runJob so that its runs are recorded in JobRun: the admin status page and the monitor read them.
 */
export async function runJob<T>(
  name: string,
  job: () => Promise<{ result: T; message?: string }>,
): Promise<T> {
  const run = await db().jobRun.create({ data: { name } });
  try {
    const { result, message } = await job();
    await db().jobRun.update({
      where: { id: run.id },
      data: { status: "SUCCESS", finishedAt: new Date(), message },
    });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db().jobRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), message },
    });
    throw error;
  }
}

/** The newest successful run of a job, for "last run" displays and staleness checks. */
export function lastSuccessfulRun(name: string) {
  return db().jobRun.findFirst({ where: { name, status: "SUCCESS" }, orderBy: { startedAt: "desc" } });
}

import { db } from "../db/client";
import { requestRevalidation } from "../http/site-cache";
import { lastSuccessfulRun, runJob } from "../ops/jobs";
import { timedChanges } from "./queries";

/**
 * `meteo site refresh`, every minute (lib/ops/schedule.ts): when a scheduled article went live or a
 * vigilance notice started or ended since the last run, the app drops its cached pages, so that no
 * visitor sees the change more than a minute late. A run that finds nothing sends nothing.
 */
export const SITE_REFRESH_JOB = "site:refresh";

/** The first run looks back this far. */
const FIRST_LOOK_BACK_MS = 3_600_000;
/** Runs of this job kept in JobRun (one a minute): a day, enough for the status page and the monitor. */
const KEEP_RUNS_MS = 86_400_000;

export async function refreshTimedPages(now = new Date()): Promise<{ changes: number }> {
  return runJob(SITE_REFRESH_JOB, async () => {
    const last = await lastSuccessfulRun(SITE_REFRESH_JOB);
    const since = last?.startedAt ?? new Date(now.getTime() - FIRST_LOOK_BACK_MS);
    const changes = await timedChanges(since, now);
    if (changes > 0) await requestRevalidation();
    await db().jobRun.deleteMany({
      where: { name: SITE_REFRESH_JOB, startedAt: { lt: new Date(now.getTime() - KEEP_RUNS_MS) } },
    });
    return {
      result: { changes },
      message: changes > 0 ? `${changes} change(s): pages refreshed` : "nothing went live or expired",
    };
  });
}

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { RowDataPacket } from "mysql2/promise";
import { ArchiveError, archives } from "../archive/reader";
import { freshness } from "../conditions/freshness";
import { db } from "../db";
import type { CheckState } from "../generated/prisma/enums";
import { formatDuration } from "../time";
import { type DeliveryResult, deliverPendingAlerts } from "./alerts";
import { recordCheck } from "./checks";
import { daysUntilFull, diskUsage, evaluateDisk, folderSize, formatBytes } from "./disk";
import { checkReplication, describeConnection, openReplica, readStatuses } from "./replication";
import { SCHEDULE, type ScheduledJob } from "./schedule";
import { opsSettings } from "./settings";

/**
 * `meteo monitor`: every health check of the server, each recorded with recordCheck (which mails
 * state changes), then the retry / reminder sweep of alerts. One check failing to run never stops the
 * others: it is recorded CRITICAL with its error, and the run ends with a non-zero exit.
 */

export interface CheckOutcome {
  key: string;
  state: CheckState;
  message: string;
}

export interface MonitorReport {
  outcomes: CheckOutcome[];
  /** Checks that could not run, and alerts that could not be delivered. */
  errors: string[];
  deliveries: DeliveryResult[];
}

const STUCK_JOB_MS = 2 * 3600_000;
const SAMPLE_RETENTION_MS = 30 * 24 * 3600_000;

type Run = { status: "RUNNING" | "SUCCESS" | "FAILED"; startedAt: Date; message: string | null };

/**
 * The health of one job from its runs: its last run failed, is stuck, or (for a scheduled job) it has
 * not succeeded for three periods.
 */
export function evaluateJob(
  last: Run,
  lastSuccess: Run | null,
  scheduled: Pick<ScheduledJob, "periodMinutes"> | undefined,
  now: Date,
): { state: CheckState; message: string } {
  const age = (t: Date) => formatDuration((now.getTime() - t.getTime()) / 1000);
  const success = lastSuccess ? `dernier succès il y a ${age(lastSuccess.startedAt)}` : "aucun succès";
  if (last.status === "FAILED") {
    return {
      state: "WARNING",
      message: `dernier passage en échec il y a ${age(last.startedAt)} : ${last.message ?? "sans message"} (${success})`,
    };
  }
  if (last.status === "RUNNING") {
    const stuck = now.getTime() - last.startedAt.getTime() > STUCK_JOB_MS;
    return {
      state: stuck ? "WARNING" : "OK",
      message: `en cours depuis ${age(last.startedAt)}${stuck ? " : bloqué ?" : ""} (${success})`,
    };
  }
  const overdue = 3 * (scheduled?.periodMinutes ?? 0) * 60_000;
  if (scheduled && (!lastSuccess || now.getTime() - lastSuccess.startedAt.getTime() > overdue)) {
    return {
      state: "WARNING",
      message: `ne tourne plus (attendu toutes les ${formatDuration(scheduled.periodMinutes * 60)}) ; ${success}`,
    };
  }
  return { state: "OK", message: success };
}

/** systemd's word for a unit's state: active, failed, inactive, activating… */
async function unitState(unit: string): Promise<string> {
  const { stdout } = await promisify(execFile)("systemctl", ["is-active", unit]).catch(
    (error: { stdout?: string; code?: unknown }) => {
      if (typeof error.stdout === "string" && error.stdout.trim()) return { stdout: error.stdout };
      throw new Error(`systemctl is-active ${unit}: ${String(error.code)}`);
    },
  );
  return stdout.trim();
}

export async function runMonitor(now = new Date()): Promise<MonitorReport> {
  const settings = opsSettings();
  const outcomes: CheckOutcome[] = [];
  const errors: string[] = [];
  const record = async (key: string, state: CheckState, message: string) => {
    await recordCheck(key, state, message, now);
    outcomes.push({ key, state, message });
  };
  /** Runs one group of checks; its failure becomes a CRITICAL check of its own. */
  const guard = async (key: string, what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const message = `${what} impossible : ${(error as Error).message}`;
      errors.push(`${key}: ${(error as Error).message}`);
      await record(key, "CRITICAL", message);
    }
  };

  for (const target of settings.diskPaths) {
    await guard(`disk:${target}`, `mesure du disque ${target}`, async () => {
      const usage = await diskUsage(target);
      const samples = await db().diskSample.findMany({
        where: { path: target, at: { gte: new Date(now.getTime() - 7 * 86400_000), lte: now } },
        orderBy: { at: "asc" },
      });
      const days = daysUntilFull(
        samples.map((s) => ({ at: s.at, usedBytes: Number(s.usedBytes) })),
        usage,
        now,
      );
      await db().diskSample.create({
        data: {
          path: target,
          usedBytes: BigInt(usage.usedBytes),
          totalBytes: BigInt(usage.totalBytes),
          at: now,
        },
      });
      const { state, message } = evaluateDisk(usage, days, settings);
      await record(`disk:${target}`, state, message);
    });
  }
  await db().diskSample.deleteMany({ where: { at: { lt: new Date(now.getTime() - SAMPLE_RETENTION_MS) } } });

  await guard("service:mariadb", "connexion à MariaDB", async () => {
    await db().$queryRawUnsafe("SELECT 1");
    await record("service:mariadb", "OK", "la base de l'application répond");
  });

  if (settings.appUrl) {
    const appUrl = settings.appUrl;
    await guard("service:app", "appel de l'application", async () => {
      const started = Date.now();
      const response = await fetch(appUrl, { signal: AbortSignal.timeout(10_000) });
      const elapsed = Date.now() - started;
      await record(
        "service:app",
        response.ok ? "OK" : "CRITICAL",
        response.ok
          ? `l'application répond (${elapsed} ms)`
          : `l'application répond HTTP ${response.status} à ${appUrl}`,
      );
    });
  }

  for (const unit of settings.services) {
    await guard(`service:${unit}`, `état du service ${unit}`, async () => {
      const state = await unitState(unit);
      await record(
        `service:${unit}`,
        state === "active" ? "OK" : "WARNING",
        state === "active"
          ? `${unit} est démarré`
          : `${unit} n'est pas démarré (${state}) : voir journalctl -u ${unit}`,
      );
    });
  }

  // A backup counts once restic has stored it: the job records its success only then (the job runs as
  // root, its files are not the monitor's to read).
  await guard("backup:age", "lecture des sauvegardes", async () => {
    const latest = await db().jobRun.findFirst({
      where: { name: "backup:run", status: "SUCCESS" },
      orderBy: { startedAt: "desc" },
    });
    if (!latest) {
      await record("backup:age", "CRITICAL", "aucune sauvegarde réussie (meteo backup run)");
      return;
    }
    const ageHours = (now.getTime() - latest.startedAt.getTime()) / 3600_000;
    await record(
      "backup:age",
      ageHours > settings.backupMaxAgeHours ? "CRITICAL" : "OK",
      `dernière sauvegarde il y a ${formatDuration(ageHours * 3600)} (${latest.message ?? "sans détail"})`,
    );
  });

  await guard("jobs", "lecture des tâches", async () => {
    const names = await db().jobRun.findMany({
      where: { startedAt: { gte: new Date(now.getTime() - 30 * 86400_000) } },
      distinct: ["name"],
      select: { name: true },
    });
    for (const { name } of names) {
      const last = await db().jobRun.findFirstOrThrow({ where: { name }, orderBy: { startedAt: "desc" } });
      const lastSuccess = await db().jobRun.findFirst({
        where: { name, status: "SUCCESS" },
        orderBy: { startedAt: "desc" },
      });
      const { state, message } = evaluateJob(
        last,
        lastSuccess,
        SCHEDULE.find((job) => job.job === name),
        now,
      );
      await record(`job:${name}`, state, message);
    }
  });

  const stations = await db().station.findMany({ where: { active: true }, orderBy: { slug: "asc" } });
  const newest = new Map<string, number | null>();
  for (const station of stations) {
    await guard(`station:${station.slug}`, "lecture de l'archive", async () => {
      try {
        const t = await archives().newestDateTime(station.archiveDatabase);
        newest.set(station.slug, t);
        const { ageSeconds: age, offline: stale } = freshness(
          t,
          station.offlineThresholdMinutes,
          now.getTime() / 1000,
        );
        await record(
          `station:${station.slug}`,
          stale ? "WARNING" : "OK",
          age === null
            ? `${station.archiveDatabase} est vide`
            : `dernier relevé il y a ${formatDuration(age)}${stale ? ` (seuil ${station.offlineThresholdMinutes} min)` : ""}`,
        );
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        await record(`station:${station.slug}`, "CRITICAL", `archive illisible : ${error.message}`);
      }
    });
  }

  const sizes: string[] = [];
  await guard("replication", "lecture de la réplication", async () => {
    const replica = await openReplica(settings.replicationDatabaseUrl);
    try {
      const reports = await checkReplication(replica, {
        repair: true,
        now: now.getTime() / 1000,
        log: (line) => console.log(`replication ${line}`),
        freshness: async (connection) => {
          const station = stations.find((s) => s.replicationConnection === connection);
          return station ? { station: station.slug, newest: newest.get(station.slug) ?? null } : null;
        },
      });
      for (const report of reports) {
        const { state, message } = describeConnection(report);
        await record(`replication:${report.status.connection}`, state, message);
      }
      await record(
        "replication",
        "OK",
        reports.length === 0 ? "aucune connexion de réplication" : `${reports.length} connexion(s) lue(s)`,
      );
      const relay = (await readStatuses(replica)).reduce((sum, s) => sum + s.relayLogSpace, 0);
      sizes.push(`journaux de relais ${formatBytes(relay)}`);
      const binlogs = await replica
        .query<RowDataPacket[]>("SHOW BINARY LOGS")
        .then(([rows]) => formatBytes(rows.reduce((sum, r) => sum + Number(r.File_size), 0)))
        .catch((error) => ((error as { errno?: number }).errno === 1381 ? "désactivés" : "illisibles"));
      sizes.push(`binlogs ${binlogs}`);
    } finally {
      await replica.end();
    }
  });

  await guard("storage", "mesure des dossiers", async () => {
    sizes.push(`sauvegardes ${formatBytes(await folderSize(settings.backupDir))}`);
    const { MEDIA_DIR, WEBCAM_DIR, STATION_PHOTOS_DIR } = settings.dataDirs;
    sizes.push(`médias ${formatBytes(await folderSize(MEDIA_DIR))}`);
    sizes.push(`webcams ${formatBytes(await folderSize(WEBCAM_DIR))}`);
    sizes.push(`photos des stations ${formatBytes(await folderSize(STATION_PHOTOS_DIR))}`);
    await record("storage", "OK", sizes.join(" · "));
  });

  const deliveries = await deliverPendingAlerts(now);
  const failed = deliveries.filter((d) => d.errors.length > 0);
  for (const d of failed) errors.push(`alert ${d.key} not delivered: ${d.errors.join("; ")}`);
  const noChannel = settings.alertEmails.length === 0 && settings.alertWebhookUrl === null;
  await record(
    "alerts",
    failed.length > 0 ? "CRITICAL" : noChannel ? "WARNING" : "OK",
    failed.length > 0
      ? `${failed.length} alerte(s) non envoyée(s) : ${failed[0].errors.join("; ")}`
      : noChannel
        ? "aucun destinataire d'alerte : renseigner ALERT_EMAILS ou ALERT_WEBHOOK_URL"
        : `alertes envoyées à ${[...settings.alertEmails, ...(settings.alertWebhookUrl ? ["webhook"] : [])].join(", ")}`,
  );
  return { outcomes, errors, deliveries };
}

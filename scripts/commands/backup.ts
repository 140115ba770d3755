import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { config, databaseName } from "../../lib/config";
import { runJob } from "../../lib/jobs";
import { latestBackup, restoreSite, restoreTest, runBackup, shareWithOwner } from "../../lib/ops/backup";
import { recordCheck } from "../../lib/ops/checks";
import { formatBytes } from "../../lib/ops/disk";
import { RETENTION, type Repository, repositoryOpens, restic, snapshots, TAG } from "../../lib/ops/restic";
import { type OpsSettings, opsSettings } from "../../lib/ops/settings";
import { formatParis } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

/** The restic repository of the settings; a clear error when it is not configured or not readable. */
function repository(settings: OpsSettings, { mustExist = true } = {}): Repository {
  if (!settings.backupRepository) {
    throw new CliError(
      "BACKUP_REPOSITORY is missing: the restic repository on the backup host (e.g. sftp:backup@backup-host:/srv/meteo06)",
    );
  }
  if (mustExist && !existsSync(settings.backupPasswordFile)) {
    throw new CliError(
      `the backup password file ${settings.backupPasswordFile} is missing (BACKUP_PASSWORD_FILE): \`meteo backup init\` on a new repository, or put the password from the association's password manager there (deploy/README.md, section 5)`,
    );
  }
  return {
    repository: settings.backupRepository,
    passwordFile: settings.backupPasswordFile,
    cacheDir: path.join(settings.backupDir, ".restic-cache"),
  };
}

/**
 * Runs `work` as a recorded job whose outcome is also the check `key` (an alert when it fails); what it
 * leaves in the backup folder stays readable by the service user.
 */
async function checked<T>(
  key: string,
  backupDir: string,
  work: () => Promise<{ result: T; ok: string; message: string; failed?: string }>,
): Promise<T> {
  return runJob(key, async () => {
    try {
      const done = await work();
      await recordCheck(key, done.failed ? "CRITICAL" : "OK", done.failed ?? done.ok);
      return { result: done.result, message: done.message };
    } catch (error) {
      await recordCheck(key, "CRITICAL", `échec : ${(error as Error).message}`);
      throw error;
    } finally {
      await shareWithOwner(backupDir).catch(() => {});
    }
  });
}

/** On a server booted with systemd, the site and its jobs stop during a restore. */
const SITE_UNITS = ["meteo06-app.service", "meteo06-*.timer"];
const systemdSite = existsSync("/run/systemd/system")
  ? {
      stop: async () => void execFileSync("systemctl", ["stop", ...SITE_UNITS], { stdio: "inherit" }),
      start: async () => void execFileSync("systemctl", ["start", ...SITE_UNITS], { stdio: "inherit" }),
    }
  : undefined;

export function register(program: Command) {
  const backup = program
    .command("backup")
    .description("encrypted backups (restic) of the databases, data folders and settings");

  backup
    .command("init")
    .description("create the restic repository and its password (printed once: keep it off this server)")
    .action(
      action(async () => {
        const settings = opsSettings();
        const repo = repository(settings, { mustExist: false });
        let password: string | null = null;
        if (!existsSync(repo.passwordFile)) {
          password = randomBytes(24).toString("base64url");
          await mkdir(path.dirname(repo.passwordFile), { recursive: true });
          await writeFile(repo.passwordFile, `${password}\n`, { mode: 0o600, flag: "wx" });
          await chmod(repo.passwordFile, 0o600);
        }
        if (await repositoryOpens(repo)) {
          console.log(
            `repository ${repo.repository} already initialised; its password is in ${repo.passwordFile}`,
          );
        } else {
          await restic(repo, ["init"]);
          console.log(`repository ${repo.repository} created`);
        }
        if (password) {
          console.log(`
The backup password (also in ${repo.passwordFile}, readable by root only):

    ${password}

Store it NOW in the association's password manager, with the repository address
(${repo.repository}). It is shown only this once. Without it no backup can ever be
restored: if this server is lost, so is its copy of the password.`);
        }
        await shareWithOwner(settings.backupDir).catch(() => {});
      }),
    );

  backup
    .command("run")
    .description("dump the databases, then store them with the data folders and the settings in restic")
    .action(
      action(async () => {
        const prisma = await appDatabase();
        const settings = opsSettings();
        const repo = repository(settings);
        const stations = await prisma.station.findMany({ orderBy: { slug: "asc" } });
        const targets = [
          { database: databaseName(config().databaseUrl) },
          ...stations.map((s) => ({ database: s.archiveDatabase, connection: s.replicationConnection })),
        ];
        const entry = await checked("backup:run", settings.backupDir, async () => {
          const result = await runBackup({
            dir: settings.backupDir,
            repo,
            databaseUrl: settings.backupDatabaseUrl,
            targets,
            settingsFile: settings.settingsFile,
            folders: settings.dataDirs,
            criticalPercent: settings.diskCriticalPercent,
            log: (line) => console.log(line),
          });
          const summary = `${result.manifest.databases.length} bases, ${Object.keys(result.manifest.folders).length} dossiers, réglages ${result.manifest.settingsSource ? "inclus" : "absents"}`;
          return {
            result,
            ok: `sauvegarde ${result.id} (instantané ${result.snapshot?.slice(0, 8)}) : ${summary}`,
            message: `${result.id}, snapshot ${result.snapshot?.slice(0, 8)}`,
          };
        });
        console.log(
          `backup ${entry.id} stored as snapshot ${entry.snapshot?.slice(0, 8)} (dumps ${formatBytes(entry.bytes)})`,
        );
      }),
    );

  backup
    .command("list")
    .description("snapshots in the repository, newest first")
    .action(
      action(async () => {
        const settings = opsSettings();
        const list = await snapshots(repository(settings));
        if (list.length === 0) console.log(`No backup yet in ${settings.backupRepository}.`);
        printTable(
          list.reverse().map((s) => ({
            snapshot: s.short_id,
            date: formatParis(Date.parse(s.time) / 1000),
            host: s.hostname,
          })),
        );
        const latest = await latestBackup(settings.backupDir);
        if (latest) console.log(`Newest dumps on this server: ${latest.dir} (${latest.id})`);
        await shareWithOwner(settings.backupDir).catch(() => {});
      }),
    );

  backup
    .command("restore-test")
    .description(
      "restore a snapshot from the repository, verify its checksums, load its dumps into scratch databases",
    )
    .option("--snapshot <id>", "snapshot to test (default: the newest)")
    .option("--scratch-prefix <prefix>", "name prefix of the scratch databases", "meteo06_restoretest_")
    .action(
      action(async (options: { snapshot?: string; scratchPrefix: string }) => {
        await appDatabase();
        const settings = opsSettings();
        const repo = repository(settings);
        const report = await checked("backup:restore-test", settings.backupDir, async () => {
          const result = await restoreTest({
            repo,
            workDir: settings.backupDir,
            databaseUrl: settings.backupDatabaseUrl,
            snapshot: options.snapshot,
            scratchPrefix: options.scratchPrefix,
            log: (line) => console.log(line),
          });
          const problems = [
            ...result.problems,
            ...result.databases.flatMap((d) => d.problems.map((p) => `${d.database}: ${p}`)),
          ];
          return {
            result,
            ok: `restauration de ${result.id} vérifiée : sommes de contrôle justes, ${result.databases.length} bases identiques`,
            failed: result.ok
              ? undefined
              : `restauration de ${result.id} différente : ${problems.join(" ; ")}`,
            message: result.ok ? "identical" : problems.join("; "),
          };
        });
        console.log(
          report.ok ? `backup ${report.id}: restore test passed` : `backup ${report.id}: restore test FAILED`,
        );
        if (!report.ok) process.exitCode = 1;
      }),
    );

  backup
    .command("prune")
    .description("restic retention (7 daily, 4 weekly, 12 monthly snapshots), then check the repository")
    .action(
      action(async () => {
        await appDatabase();
        const settings = opsSettings();
        const repo = repository(settings);
        const output = await checked("backup:prune", settings.backupDir, async () => {
          const forget = await restic(repo, [
            "forget",
            "--tag",
            TAG,
            "--group-by",
            "",
            ...RETENTION,
            "--prune",
          ]);
          const check = await restic(repo, ["check"]);
          const kept = (await snapshots(repo)).length;
          return {
            result: `${forget.stdout}${check.stdout}`,
            ok: `dépôt vérifié (restic check), ${kept} instantanés gardés`,
            message: `${kept} snapshots kept, repository checked`,
          };
        });
        console.log(output.trim());
      }),
    );

  backup
    .command("restore")
    .description(
      "restore the site from a snapshot: checksums verified before anything on this server changes",
    )
    .option("--snapshot <id>", "snapshot to restore", "latest")
    .option(
      "--database-url <url>",
      "account that drops, creates and loads the databases",
      "mysql://root@localhost/?socket=/run/mysqld/mysqld.sock",
    )
    .action(
      action(async (options: { snapshot: string; databaseUrl: string }) => {
        const settings = opsSettings();
        const entry = await restoreSite({
          repo: repository(settings),
          snapshot: options.snapshot,
          workDir: settings.backupDir,
          databaseUrl: options.databaseUrl,
          folders: settings.dataDirs,
          settingsFile: settings.settingsFile,
          site: systemdSite,
          log: (line) => console.log(line),
        }).finally(() => shareWithOwner(settings.backupDir).catch(() => {}));
        console.log(
          `restored backup ${entry.id} of ${entry.manifest.host} (snapshot ${entry.snapshot?.slice(0, 8)})`,
        );
      }),
    );
}

import type { Command } from "commander";
import { config, databaseName } from "../../lib/config";
import { runJob } from "../../lib/jobs";
import { copyOffsite, listBackups, pruneBackups, restoreTest, runBackup } from "../../lib/ops/backup";
import { recordCheck } from "../../lib/ops/checks";
import { formatBytes } from "../../lib/ops/disk";
import { opsSettings } from "../../lib/ops/settings";
import { formatParis } from "../../lib/time";
import { action, appDatabase, printTable } from "../cli-runtime";

/** Mirrors the backups off-site when BACKUP_OFFSITE is set; the result is a check of its own. */
async function offsite(dir: string, destination: string | null): Promise<void> {
  if (!destination) return;
  try {
    await copyOffsite(dir, destination);
    await recordCheck("backup:offsite", "OK", `copie hors site à jour (${destination})`);
    console.log(`off-site copy: ${destination} up to date`);
  } catch (error) {
    await recordCheck(
      "backup:offsite",
      "CRITICAL",
      `copie hors site impossible : ${(error as Error).message}`,
    );
    throw error;
  }
}

export function register(program: Command) {
  const backup = program
    .command("backup")
    .description("backups of the app database and the station archives");

  backup
    .command("run")
    .description("dump the app database and every station archive (consistent, compressed, checksummed)")
    .action(
      action(async () => {
        const prisma = await appDatabase();
        const settings = opsSettings();
        const stations = await prisma.station.findMany({ orderBy: { slug: "asc" } });
        const targets = [
          { database: databaseName(config().databaseUrl) },
          ...stations.map((s) => ({ database: s.archiveDatabase, connection: s.replicationConnection })),
        ];
        const entry = await runJob("backup:run", async () => {
          try {
            const result = await runBackup({
              dir: settings.backupDir,
              databaseUrl: settings.backupDatabaseUrl,
              targets,
              criticalPercent: settings.diskCriticalPercent,
              log: (line) => console.log(line),
            });
            await recordCheck(
              "backup:run",
              "OK",
              `sauvegarde ${result.id} : ${result.manifest.databases.length} bases, ${formatBytes(result.bytes)}`,
            );
            return { result, message: `${result.id}, ${formatBytes(result.bytes)}` };
          } catch (error) {
            await recordCheck(
              "backup:run",
              "CRITICAL",
              `sauvegarde refusée ou échouée : ${(error as Error).message}`,
            );
            throw error;
          }
        });
        console.log(`backup ${entry.id} written to ${entry.dir} (${formatBytes(entry.bytes)})`);
        await offsite(settings.backupDir, settings.backupOffsite);
      }),
    );

  backup
    .command("list")
    .description("complete backups, newest first")
    .action(
      action(async () => {
        const backups = await listBackups(opsSettings().backupDir);
        if (backups.length === 0) console.log(`No backup yet in ${opsSettings().backupDir}.`);
        printTable(
          backups.map((b) => ({
            backup: b.id,
            date: formatParis(b.date.getTime() / 1000),
            databases: b.manifest.databases.length,
            size: formatBytes(b.bytes),
          })),
        );
      }),
    );

  backup
    .command("restore-test")
    .description("load a backup into a scratch database and compare row counts and checksums")
    .option("--backup <id>", "backup to test (default: the newest)")
    .option("--scratch-prefix <prefix>", "name prefix of the scratch database", "meteo06_restoretest_")
    .action(
      action(async (options: { backup?: string; scratchPrefix: string }) => {
        await appDatabase();
        const settings = opsSettings();
        const report = await runJob("backup:restore-test", async () => {
          try {
            const result = await restoreTest({
              dir: settings.backupDir,
              databaseUrl: settings.backupDatabaseUrl,
              id: options.backup,
              scratchPrefix: options.scratchPrefix,
              log: (line) => console.log(line),
            });
            const problems = result.databases.flatMap((d) => d.problems.map((p) => `${d.database}: ${p}`));
            await recordCheck(
              "backup:restore-test",
              result.ok ? "OK" : "CRITICAL",
              result.ok
                ? `restauration de ${result.id} vérifiée : ${result.databases.length} bases identiques`
                : `restauration de ${result.id} différente : ${problems.join(" ; ")}`,
            );
            return { result, message: result.ok ? "identical" : problems.join("; ") };
          } catch (error) {
            await recordCheck(
              "backup:restore-test",
              "CRITICAL",
              `test de restauration impossible : ${(error as Error).message}`,
            );
            throw error;
          }
        });
        console.log(
          report.ok ? `backup ${report.id}: restore test passed` : `backup ${report.id}: restore test FAILED`,
        );
        if (!report.ok) process.exitCode = 1;
      }),
    );

  backup
    .command("prune")
    .description("keep 7 daily, 4 weekly and 12 monthly backups; mirror the result off-site")
    .action(
      action(async () => {
        await appDatabase();
        const settings = opsSettings();
        const result = await runJob("backup:prune", async () => {
          const pruned = await pruneBackups(settings.backupDir);
          return { result: pruned, message: `${pruned.kept.length} kept, ${pruned.removed.length} removed` };
        });
        for (const id of result.removed) console.log(`removed ${id}`);
        console.log(`${result.kept.length} backups kept, ${result.removed.length} removed`);
        await offsite(settings.backupDir, settings.backupOffsite);
      }),
    );
}

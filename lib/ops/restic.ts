import { spawn } from "node:child_process";
import { OpsError } from "./errors";

/**
 * restic, the tool that keeps the backups: encrypted before they leave the server, deduplicated, checked,
 * and thinned out by its own retention rules. The repository is BACKUP_REPOSITORY (sftp:… or rest:… to
 * the backup host, a local folder in tests); its password lives in a root-only file on the server and in
 * the association's password manager, nowhere else.
 */

export interface Repository {
  repository: string;
  passwordFile: string;
  /** restic's local cache (speeds up remote repositories); under the backup folder, writable by the job. */
  cacheDir: string;
}

/** Retention: 7 daily, 4 weekly, 12 monthly snapshots (the newest of each day, ISO week, month). */
export const RETENTION = ["--keep-daily", "7", "--keep-weekly", "4", "--keep-monthly", "12"];
/** Every snapshot of the platform carries this tag; retention treats them as one series, whatever the host. */
export const TAG = "meteo06";

export interface ResticResult {
  stdout: string;
  stderr: string;
}

/** Runs restic on the repository; rejects with an OpsError carrying restic's last error line. */
export function restic(repo: Repository, args: string[]): Promise<ResticResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("restic", args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        RESTIC_REPOSITORY: repo.repository,
        RESTIC_PASSWORD_FILE: repo.passwordFile,
        RESTIC_CACHE_DIR: repo.cacheDir,
        RESTIC_PROGRESS_FPS: "0.016",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) =>
      reject(
        new OpsError(
          `restic could not start (${(error as NodeJS.ErrnoException).code}): install it with \`apt-get install restic\``,
        ),
      ),
    );
    child.on("close", (code) => {
      if (code === 0) return resolve({ stdout, stderr });
      const lines = stderr.trim().split("\n").filter(Boolean);
      const message = lines.findLast((line) => /fatal|error/i.test(line)) ?? lines.at(-1) ?? `exit ${code}`;
      reject(new OpsError(`restic ${args[0]} failed: ${message.replace(/^Fatal: /, "")}`));
    });
  });
}

/** Whether the repository exists and opens with the password. */
export async function repositoryOpens(repo: Repository): Promise<boolean> {
  return restic(repo, ["cat", "config"]).then(
    () => true,
    () => false,
  );
}

export interface Snapshot {
  id: string;
  short_id: string;
  time: string;
  hostname: string;
  paths: string[];
  tags?: string[];
}

/** The platform's snapshots, oldest first. */
export async function snapshots(repo: Repository): Promise<Snapshot[]> {
  const { stdout } = await restic(repo, ["snapshots", "--json", "--tag", TAG]);
  return JSON.parse(stdout) as Snapshot[];
}

/** One snapshot of `paths`; returns its id. */
export async function backupPaths(repo: Repository, paths: string[], exclude: string[] = []) {
  const args = ["backup", "--json", "--tag", TAG, ...exclude.flatMap((e) => ["--exclude", e]), ...paths];
  const { stdout } = await restic(repo, args);
  const summary = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { message_type?: string; snapshot_id?: string })
    .find((message) => message.message_type === "summary");
  if (!summary?.snapshot_id) throw new OpsError("restic backup did not report a snapshot");
  return summary.snapshot_id;
}

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import {
  chmod,
  copyFile,
  cp,
  lchown,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { connectionOptions } from "../config";
import type { DataDirSetting } from "../data-dirs";
import { parseEnvFile, setEnvFileValue } from "../env-file";
import { diskUsage, formatBytes, usedPercent } from "./disk";
import { OpsError } from "./errors";
import { backupPaths, type Repository, restic, TAG } from "./restic";

/**
 * Nightly backups of everything a restore needs: one consistent, compressed mariadb-dump per database
 * (the app database and every station archive), the server's settings and secrets file, and the data
 * folders (media, webcam images, station photos), with a manifest and a SHA256SUMS of every file. The
 * dumps are prepared in BACKUP_DIR/latest, then restic stores that folder and the data folders as one
 * encrypted snapshot in BACKUP_REPOSITORY (the backup host); retention, integrity checks and restores go
 * through restic. A restore verifies every checksum before it changes anything on the server.
 */

export interface TableFingerprint {
  rows: number;
  checksum: string;
}

export interface DatabaseBackup {
  database: string;
  file: string;
  bytes: number;
  sha256: string;
  tables: Record<string, TableFingerprint>;
  /** Replication position of the station's connection when its archive was dumped. */
  replication?: {
    connection: string;
    gtidSlavePos: string;
    relayMasterLogFile: string;
    execMasterLogPos: number;
  };
}

export interface Manifest {
  id: string;
  host: string;
  startedAt: string;
  finishedAt: string;
  databases: DatabaseBackup[];
  /** Where the settings file came from (saved as settings.env), or null when there was none. */
  settingsSource: string | null;
  /** The data folders saved in the snapshot, by setting, with their path on the server. */
  folders: Partial<Record<DataDirSetting, string>>;
}

export interface BackupEntry {
  id: string;
  dir: string;
  date: Date;
  manifest: Manifest;
  /** Size of the dumps. */
  bytes: number;
  /** The restic snapshot holding this backup (set once stored). */
  snapshot?: string;
}

const MANIFEST = "manifest.json";
const SUMS = "SHA256SUMS";
const SETTINGS = "settings.env";
/** The folder where each run prepares its dumps (a constant path: restic compares it with the last run). */
const LATEST = "latest";
/** Temporary files of the app's atomic writes, never worth saving. */
const EXCLUDED = [".tmp", "*.tmp"];
/** Files that change while the site runs (a webcam's newest image): saved, not checksummed. */
const VOLATILE = /^latest[-.]/;

/** "2026-11-26T021507Z": the run's UTC start, sortable and safe in file names. */
export function backupId(date: Date): string {
  const [day, time] = date.toISOString().split("T");
  return `${day}T${time.slice(0, 8).replaceAll(":", "")}Z`;
}

function idDate(id: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id);
  return new Date(m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z` : Number.NaN);
}

async function readManifest(folder: string): Promise<BackupEntry | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(folder, MANIFEST), "utf8")) as Manifest;
    const bytes = manifest.databases.reduce((sum, d) => sum + d.bytes, 0);
    return { id: manifest.id, dir: folder, date: idDate(manifest.id), manifest, bytes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The newest complete run prepared on this server (its dumps stay in BACKUP_DIR/latest), or null. */
export function latestBackup(dir: string): Promise<BackupEntry | null> {
  return readManifest(path.join(dir, LATEST));
}

/** Client options file for mariadb-dump / mariadb (keeps the password off the command line). */
async function clientOptions(url: string): Promise<{ args: string[]; cleanup: () => Promise<void> }> {
  const o = connectionOptions(url);
  const dir = await mkdtemp(path.join(tmpdir(), "meteo06-"));
  const file = path.join(dir, "client.cnf");
  const lines = ["[client]", `user=${o.user}`, `password=${o.password}`];
  if (o.socketPath) lines.push(`socket=${o.socketPath}`);
  else lines.push(`host=${o.host}`, `port=${o.port}`, "protocol=tcp");
  await writeFile(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return {
    args: [`--defaults-extra-file=${file}`],
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Spawns a client program; `exited` rejects with its last error line. */
function run(command: string, args: string[], pipes: { stdin?: boolean; stdout?: boolean } = {}) {
  const child = spawn(command, args, {
    stdio: [pipes.stdin ? "pipe" : "ignore", pipes.stdout ? "pipe" : "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve, reject) => {
    child.on("error", (error) =>
      reject(
        new OpsError(
          `${command} could not start (${(error as NodeJS.ErrnoException).code}): is it installed?`,
        ),
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new OpsError(`${command} failed (${code}): ${stderr.trim().split("\n").at(-1)}`)),
    );
  });
  return { child, exited };
}

async function baseTables(connection: Connection, database: string): Promise<string[]> {
  const [rows] = await connection.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [database],
  );
  return rows.map((r) => String(r.name));
}

/** Row count and CHECKSUM TABLE of every table of `database`. */
export async function fingerprint(connection: Connection, database: string, tables?: string[]) {
  const result: Record<string, TableFingerprint> = {};
  for (const table of tables ?? (await baseTables(connection, database))) {
    const [[count]] = await connection.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM ??.??", [
      database,
      table,
    ]);
    const [[sum]] = await connection.query<RowDataPacket[]>("CHECKSUM TABLE ??.??", [database, table]);
    result[table] = { rows: Number(count.n), checksum: String(sum.Checksum) };
  }
  return result;
}

export interface BackupTarget {
  database: string;
  /** Replication connection feeding this archive, if any (its position is recorded). */
  connection?: string | null;
}

export interface BackupOptions {
  /** Local folder where the dumps are prepared (BACKUP_DIR); the newest run stays there. */
  dir: string;
  repo: Repository;
  databaseUrl: string;
  targets: BackupTarget[];
  /** The server's settings and secrets file, saved with the backup (skipped when absent). */
  settingsFile: string;
  /** Data folders saved with the backup (skipped when absent). */
  folders: Partial<Record<DataDirSetting, string>>;
  /** Refuse to start when the backup would push the disk past this usage. */
  criticalPercent: number;
  now?: Date;
  log?: (line: string) => void;
}

/** Estimated size of the next backup: the last one plus a margin, or a third of the raw data. */
async function estimateBytes(options: BackupOptions, connection: Connection): Promise<number> {
  const last = await latestBackup(options.dir);
  if (last) return Math.ceil(last.bytes * 1.25);
  const [[row]] = await connection.query<RowDataPacket[]>(
    "SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?)",
    [options.targets.map((t) => t.database)],
  );
  return Math.ceil(Number(row.bytes) / 3);
}

/** Throws when the backup could fill the disk (checked before anything is written). */
export async function assertRoomFor(dir: string, bytes: number, criticalPercent: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const usage = await diskUsage(dir);
  const after = { ...usage, usedBytes: usage.usedBytes + bytes };
  if (usedPercent(after) >= criticalPercent) {
    throw new OpsError(
      `not enough space for a backup in ${dir}: about ${formatBytes(bytes)} needed, ${formatBytes(usage.totalBytes - usage.usedBytes)} free, and the disk must stay below ${criticalPercent} % (free space: the backups themselves are kept by restic in BACKUP_REPOSITORY)`,
    );
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

async function dumpDatabase(
  connection: Connection,
  target: BackupTarget,
  folder: string,
  client: string[],
): Promise<DatabaseBackup> {
  const { database } = target;
  const tables = await baseTables(connection, database);
  let replication: DatabaseBackup["replication"];
  // Nothing may change the database between the fingerprint and mariadb-dump's snapshot: readers go on,
  // writers (the app, or this station's replication thread) wait for the dump of this one database.
  if (tables.length > 0) {
    await connection.query(
      `LOCK TABLES ${tables.map(() => "??.?? READ").join(", ")}`,
      tables.flatMap((t) => [database, t]),
    );
  }
  try {
    if (target.connection) {
      const [[status]] = await connection.query<RowDataPacket[]>(
        `SHOW SLAVE ${mysql.escape(target.connection)} STATUS`,
      );
      const [[gtid]] = await connection.query<RowDataPacket[]>("SELECT @@gtid_slave_pos AS pos");
      replication = {
        connection: target.connection,
        gtidSlavePos: String(gtid.pos),
        relayMasterLogFile: String(status?.Relay_Master_Log_File ?? ""),
        execMasterLogPos: Number(status?.Exec_Master_Log_Pos ?? 0),
      };
    }
    const tablesFingerprint = await fingerprint(connection, database, tables);
    const file = `${database}.sql.gz`;
    const dump = run(
      "mariadb-dump",
      [
        ...client,
        "--single-transaction",
        "--skip-lock-tables",
        "--hex-blob",
        "--no-tablespaces",
        "--triggers",
        "--default-character-set=utf8mb4",
        database,
      ],
      { stdout: true },
    );
    const hash = createHash("sha256");
    const out = createWriteStream(path.join(folder, file), { mode: 0o600 });
    const gzip = createGzip({ level: 6 });
    gzip.on("data", (chunk) => hash.update(chunk));
    await Promise.all([pipeline(dump.child.stdout!, gzip, out), dump.exited]);
    const { size } = await stat(path.join(folder, file));
    return {
      database,
      file,
      bytes: size,
      sha256: hash.digest("hex"),
      tables: tablesFingerprint,
      replication,
    };
  } finally {
    if (tables.length > 0) await connection.query("UNLOCK TABLES");
  }
}

export async function openServer(url: string): Promise<Connection> {
  const { database: _database, ...options } = connectionOptions(url);
  try {
    return await mysql.createConnection({ ...options, connectTimeout: 5000, multipleStatements: false });
  } catch (error) {
    throw new OpsError(
      `cannot reach the database server at ${options.socketPath ?? `${options.host}:${options.port}`} as ${options.user} (${(error as { code?: string }).code}); check BACKUP_DATABASE_URL`,
    );
  }
}

/** Every regular file under `dir` (absolute paths), without the app's temporary files. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith(".tmp"))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).includes(".tmp"))
    .sort();
}

/** SHA256SUMS lines (`sha256sum -c` format) for `files`, with paths relative to /, as restored. */
async function checksumLines(files: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const file of files) lines.push(`${await sha256(file)}  ${path.relative("/", file)}`);
  return lines;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * One backup run: free-space check, one dump per database, the settings file, the manifest and the
 * checksums in BACKUP_DIR/latest, then one restic snapshot of that folder and of the data folders.
 */
export async function runBackup(options: BackupOptions): Promise<BackupEntry> {
  const now = options.now ?? new Date();
  const connection = await openServer(options.databaseUrl);
  const client = await clientOptions(options.databaseUrl);
  const id = backupId(now);
  const final = path.join(options.dir, LATEST);
  const partial = `${final}.partial`;
  try {
    const [existing] = await connection.query<RowDataPacket[]>(
      "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)",
      [options.targets.map((t) => t.database)],
    );
    const present = new Set(existing.map((r) => String(r.name)));
    const targets = options.targets.filter((t) => {
      if (!present.has(t.database)) options.log?.(`skipped ${t.database}: no such database`);
      return present.has(t.database);
    });
    await assertRoomFor(
      options.dir,
      await estimateBytes({ ...options, targets }, connection),
      options.criticalPercent,
    );
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true, mode: 0o700 });
    const databases: DatabaseBackup[] = [];
    for (const target of targets) {
      const backup = await dumpDatabase(connection, target, partial, client.args);
      options.log?.(
        `${target.database}: ${Object.keys(backup.tables).length} tables, ${formatBytes(backup.bytes)}`,
      );
      databases.push(backup);
    }
    let settingsSource: string | null = null;
    if (await exists(options.settingsFile)) {
      await copyFile(options.settingsFile, path.join(partial, SETTINGS));
      await chmod(path.join(partial, SETTINGS), 0o600);
      settingsSource = options.settingsFile;
      options.log?.(`settings: ${options.settingsFile}`);
    } else options.log?.(`settings: ${options.settingsFile} absent, not saved`);
    const folders: Manifest["folders"] = {};
    for (const [name, folder] of Object.entries(options.folders) as [DataDirSetting, string][]) {
      if (await exists(folder)) folders[name] = folder;
      else options.log?.(`${name}: ${folder} absent, not saved`);
    }
    const manifest: Manifest = {
      id,
      host: hostname(),
      startedAt: now.toISOString(),
      finishedAt: new Date().toISOString(),
      databases,
      settingsSource,
      folders,
    };
    await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rm(final, { recursive: true, force: true });
    await rename(partial, final);

    // Checksums of everything restored later, taken at its final path; webcams' newest images change
    // every minute and are saved without one.
    const files = [...(await filesUnder(final))];
    for (const folder of Object.values(folders)) {
      files.push(...(await filesUnder(folder)).filter((f) => !VOLATILE.test(path.basename(f))));
    }
    const sums = await checksumLines(files);
    await writeFile(path.join(final, SUMS), `${sums.join("\n")}\n`, { mode: 0o600 });
    options.log?.(`${sums.length} files checksummed`);

    const snapshot = await backupPaths(options.repo, [final, ...Object.values(folders)], EXCLUDED);
    options.log?.(`snapshot ${snapshot.slice(0, 8)} stored in ${options.repo.repository}`);
    const bytes = databases.reduce((s, d) => s + d.bytes, 0);
    return { id, dir: final, date: idDate(id), manifest, bytes, snapshot };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await client.cleanup();
    await connection.end();
  }
}

/** A snapshot restored into a work folder, with the problems its checksums revealed. */
export interface FetchedBackup {
  /** The work folder: the snapshot's files under their original absolute paths. */
  root: string;
  entry: BackupEntry;
  problems: string[];
  cleanup(): Promise<void>;
}

/**
 * Restores a snapshot ("latest" or an id) into a work folder under `workDir` and checks every file
 * against SHA256SUMS. Nothing outside the work folder is touched.
 */
export async function fetchBackup(
  repo: Repository,
  snapshot: string,
  workDir: string,
): Promise<FetchedBackup> {
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const root = await mkdtemp(path.join(workDir, "restore-"));
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    const problems: string[] = [];
    await restic(repo, ["restore", snapshot, "--tag", TAG, "--target", root, "--verify"]).catch((error) =>
      problems.push((error as Error).message),
    );
    const [info] = JSON.parse(
      (await restic(repo, ["snapshots", "--json", "--tag", TAG, snapshot])).stdout,
    ) as { paths: string[]; id: string }[];
    if (!info) throw new OpsError(`no snapshot ${snapshot} in ${repo.repository}`);
    let entry: BackupEntry | null = null;
    for (const p of info.paths) entry ??= await readManifest(path.join(root, p)).catch(() => null);
    if (!entry)
      throw new OpsError(
        `snapshot ${info.id.slice(0, 8)} has no readable ${MANIFEST}, so nothing on this server was changed: ${problems.join("; ")}`,
      );
    entry.snapshot = info.id;
    const sums = await readFile(path.join(entry.dir, SUMS), "utf8").catch(() => null);
    if (sums === null) problems.push(`${SUMS} is missing`);
    for (const line of (sums ?? "").split("\n").filter(Boolean)) {
      const [, expected, file] = /^([0-9a-f]{64}) {2}(.+)$/.exec(line) ?? [];
      if (!file) {
        problems.push(`${SUMS}: unreadable line "${line.slice(0, 40)}"`);
        continue;
      }
      const actual = await sha256(path.join(root, file)).catch(() => null);
      if (actual === null) problems.push(`/${file}: missing`);
      else if (actual !== expected)
        problems.push(`/${file}: SHA-256 ${actual.slice(0, 12)}… instead of ${expected.slice(0, 12)}…`);
    }
    return { root, entry, problems, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Loads a dump into `database` (which must exist and be empty) and compares it with the manifest. */
async function loadAndCompare(
  connection: Connection,
  client: string[],
  file: string,
  database: string,
  db: DatabaseBackup,
): Promise<string[]> {
  const problems: string[] = [];
  const load = run("mariadb", [...client, "--default-character-set=utf8mb4", database], { stdin: true });
  await Promise.all([pipeline(createReadStream(file), createGunzip(), load.child.stdin!), load.exited]).catch(
    (error) => problems.push(`${db.file} does not load: ${(error as Error).message}`),
  );
  const restored = await fingerprint(connection, database);
  for (const [table, expected] of Object.entries(db.tables)) {
    const got = restored[table];
    if (!got) problems.push(`${table}: missing after restore`);
    else if (got.rows !== expected.rows)
      problems.push(`${table}: ${got.rows} rows instead of ${expected.rows}`);
    else if (got.checksum !== expected.checksum)
      problems.push(`${table}: checksum ${got.checksum} instead of ${expected.checksum}`);
  }
  for (const table of Object.keys(restored)) {
    if (!(table in db.tables)) problems.push(`${table}: unexpected table`);
  }
  return problems;
}

export interface RestoreReport {
  id: string;
  snapshot: string;
  /** Problems found before any database was loaded (checksums, restic). */
  problems: string[];
  databases: { database: string; problems: string[] }[];
  ok: boolean;
}

/**
 * The weekly proof that the backups are real: restores the newest snapshot (or `snapshot`) from the
 * repository into a work folder, checks every file against SHA256SUMS, loads each dump into a scratch
 * database (`scratchPrefix` + random) and compares every table's row count and checksum with the
 * manifest. The work folder and the scratch databases are removed afterwards.
 */
export async function restoreTest(options: {
  repo: Repository;
  workDir: string;
  databaseUrl: string;
  snapshot?: string;
  scratchPrefix: string;
  log?: (line: string) => void;
}): Promise<RestoreReport> {
  const fetched = await fetchBackup(options.repo, options.snapshot ?? "latest", options.workDir);
  const { entry } = fetched;
  const report: RestoreReport = {
    id: entry.id,
    snapshot: entry.snapshot ?? "",
    problems: fetched.problems,
    databases: [],
    ok: fetched.problems.length === 0,
  };
  for (const problem of fetched.problems) options.log?.(problem);
  const connection = await openServer(options.databaseUrl);
  const client = await clientOptions(options.databaseUrl);
  try {
    for (const db of entry.manifest.databases) {
      const scratch = `${options.scratchPrefix}${randomBytes(4).toString("hex")}`.slice(0, 64);
      await connection.query("CREATE DATABASE ?? CHARACTER SET utf8mb4", [scratch]);
      let problems: string[];
      try {
        problems = await loadAndCompare(connection, client.args, path.join(entry.dir, db.file), scratch, db);
      } finally {
        await connection.query("DROP DATABASE IF EXISTS ??", [scratch]);
      }
      options.log?.(`${db.database}: ${problems.length === 0 ? "identical" : problems.join("; ")}`);
      report.databases.push({ database: db.database, problems });
      if (problems.length > 0) report.ok = false;
    }
  } finally {
    await client.cleanup();
    await connection.end();
    await fetched.cleanup();
  }
  return report;
}

/** Settings that belong to the server itself (its own database accounts), kept when restoring settings. */
const SERVER_OWN_SETTINGS =
  /^(DB_PASSWORD_\w+|DATABASE_URL|ARCHIVE_DATABASE_URL|BACKUP_DATABASE_URL|REPLICATION_DATABASE_URL)$/;

/**
 * Gives everything under `dir` to `dir`'s owner when running as root: the backup jobs run as root, the
 * app and the monitor (the service user) must keep reading what they own (data folders, the backup
 * folder's sizes). Modes are kept (the dumps and settings stay 0600).
 */
export async function shareWithOwner(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const owner = await stat(dir);
  for (const name of await readdir(dir, { recursive: true })) {
    await lchown(path.join(dir, name), owner.uid, owner.gid);
  }
}

/**
 * Replaces the contents of `target` with those of `source`, owned by `target`'s owner (a folder made
 * here belongs to its parent's owner: /var/lib/meteo06 is the service user's).
 */
async function replaceFolder(source: string, target: string): Promise<number> {
  if (!(await exists(target))) {
    await mkdir(target, { recursive: true });
    const parent = await stat(path.dirname(target));
    if (process.getuid?.() === 0) await lchown(target, parent.uid, parent.gid);
  }
  for (const name of await readdir(target)) {
    await rm(path.join(target, name), { recursive: true, force: true });
  }
  await cp(source, target, { recursive: true, preserveTimestamps: true });
  await shareWithOwner(target);
  return (await filesUnder(target)).length;
}

export interface RestoreSiteOptions {
  repo: Repository;
  snapshot: string;
  workDir: string;
  /** An account that may drop, create and load the databases (root on the server). */
  databaseUrl: string;
  /** This server's data folders, by setting. */
  folders: Record<DataDirSetting, string>;
  /** This server's settings file: the backed-up settings replace its values, except its own accounts. */
  settingsFile: string;
  /** Stops the site before the first change, starts it again at the end. */
  site?: { stop(): Promise<void>; start(): Promise<void> };
  log?: (line: string) => void;
}

/**
 * Restores the site from a snapshot: fetched and verified first (any checksum problem stops here, with
 * nothing changed on the server), then the site stopped, every database replaced and compared with the
 * manifest, the data folders replaced, the settings restored, and the site started again.
 */
export async function restoreSite(options: RestoreSiteOptions): Promise<BackupEntry> {
  const log = options.log ?? (() => {});
  const fetched = await fetchBackup(options.repo, options.snapshot, options.workDir);
  const { entry, root } = fetched;
  try {
    if (fetched.problems.length > 0) {
      throw new OpsError(
        `backup ${entry.id} (snapshot ${entry.snapshot?.slice(0, 8)}) fails its checksums, so nothing on this server was changed: ${fetched.problems.slice(0, 5).join("; ")}${fetched.problems.length > 5 ? `; and ${fetched.problems.length - 5} more` : ""}`,
      );
    }
    log(`backup ${entry.id} from ${entry.manifest.host}: every checksum verified`);
    await options.site?.stop();
    const connection = await openServer(options.databaseUrl);
    const client = await clientOptions(options.databaseUrl);
    const problems: string[] = [];
    try {
      for (const db of entry.manifest.databases) {
        await connection.query("DROP DATABASE IF EXISTS ??", [db.database]);
        await connection.query("CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", [
          db.database,
        ]);
        const found = await loadAndCompare(
          connection,
          client.args,
          path.join(entry.dir, db.file),
          db.database,
          db,
        );
        log(`${db.database}: ${found.length === 0 ? "restored, identical to the backup" : found.join("; ")}`);
        if (db.replication?.gtidSlavePos) {
          const { connection: name, gtidSlavePos, relayMasterLogFile, execMasterLogPos } = db.replication;
          log(
            `${db.database}: replication ${name} at GTID ${gtidSlavePos} (${relayMasterLogFile}:${execMasterLogPos})`,
          );
        }
        problems.push(...found.map((p) => `${db.database}: ${p}`));
      }
    } finally {
      await client.cleanup();
      await connection.end();
    }
    for (const [name, source] of Object.entries(entry.manifest.folders) as [DataDirSetting, string][]) {
      const count = await replaceFolder(path.join(root, source), options.folders[name]);
      log(`${name}: ${count} files restored into ${options.folders[name]}`);
    }
    if (entry.manifest.settingsSource) {
      const saved = parseEnvFile(await readFile(path.join(entry.dir, SETTINGS), "utf8")).values;
      let text = await readFile(options.settingsFile, "utf8").catch(() => "");
      const restored = Object.entries(saved).filter(([key]) => !SERVER_OWN_SETTINGS.test(key));
      for (const [key, value] of restored) text = setEnvFileValue(text, key, value);
      await writeFile(options.settingsFile, text);
      log(
        `settings: ${restored.length} restored into ${options.settingsFile} (this server's database accounts kept)`,
      );
    }
    await options.site?.start();
    if (problems.length > 0)
      throw new OpsError(`restored, but different from the backup: ${problems.join("; ")}`);
    return entry;
  } finally {
    await fetched.cleanup();
  }
}

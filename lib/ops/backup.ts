import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { connectionOptions } from "../config";
import { zonedParts } from "../time";
import { diskUsage, formatBytes, usedPercent } from "./disk";
import { OpsError } from "./errors";

/**
 * Nightly backups: one consistent, compressed, checksummed mariadb-dump per database (the app database
 * and every station archive) in a folder per run with a manifest, rotation 7 daily / 4 weekly /
 * 12 monthly, an rsync copy off-site, and a restore test that loads a backup into a scratch database
 * and compares every table's row count and checksum with the figures taken at backup time.
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
  startedAt: string;
  finishedAt: string;
  databases: DatabaseBackup[];
}

export interface BackupEntry {
  id: string;
  dir: string;
  date: Date;
  manifest: Manifest;
  bytes: number;
}

const MANIFEST = "manifest.json";
const ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{6}Z$/;

/** "2026-11-26T021507Z": the run's UTC start, sortable and safe in file names. */
export function backupId(date: Date): string {
  const [day, time] = date.toISOString().split("T");
  return `${day}T${time.slice(0, 8).replaceAll(":", "")}Z`;
}

function idDate(id: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id);
  return new Date(m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z` : Number.NaN);
}

/** Complete backups (with a manifest), newest first. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: BackupEntry[] = [];
  for (const id of names.filter((n) => ID_PATTERN.test(n))) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, id, MANIFEST), "utf8")) as Manifest;
      const bytes = manifest.databases.reduce((sum, d) => sum + d.bytes, 0);
      entries.push({ id, dir: path.join(dir, id), date: idDate(id), manifest, bytes });
    } catch {
      // no manifest: an interrupted run, removed by prune
    }
  }
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime());
}

/**
 * Rotation: the newest backup of each of the 7 most recent days, of the 4 most recent ISO weeks and of
 * the 12 most recent months (Paris calendar) are kept; everything else goes.
 */
export function retainedBackups(dates: Date[]): Set<number> {
  const keep = new Set<number>();
  const sorted = [...dates].sort((a, b) => b.getTime() - a.getTime());
  const bucketKeep = (bucket: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const d of sorted) {
      const key = bucket(d);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      keep.add(d.getTime());
    }
  };
  const parts = (d: Date) => zonedParts(d.getTime() / 1000);
  bucketKeep((d) => {
    const p = parts(d);
    return `${p.year}-${p.month}-${p.day}`;
  }, 7);
  bucketKeep((d) => isoWeek(parts(d)), 4);
  bucketKeep((d) => {
    const p = parts(d);
    return `${p.year}-${p.month}`;
  }, 12);
  return keep;
}

function isoWeek(p: { year: number; month: number; day: number }): string {
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3); // the week's Thursday
  const january4 = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      ((date.getTime() - january4.getTime()) / 86400_000 - 3 + ((january4.getUTCDay() + 6) % 7)) / 7,
    );
  return `${date.getUTCFullYear()}-W${week}`;
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
  dir: string;
  databaseUrl: string;
  targets: BackupTarget[];
  /** Refuse to start when the backup would push the disk past this usage. */
  criticalPercent: number;
  now?: Date;
  log?: (line: string) => void;
}

/** Estimated size of the next backup: the last one plus a margin, or a third of the raw data. */
async function estimateBytes(options: BackupOptions, connection: Connection): Promise<number> {
  const [last] = await listBackups(options.dir);
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
      `not enough space for a backup in ${dir}: about ${formatBytes(bytes)} needed, ${formatBytes(usage.totalBytes - usage.usedBytes)} free, and the disk must stay below ${criticalPercent} % (prune old backups or free space)`,
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

/** One backup run: free-space check, one dump per database, manifest last (a folder without one is incomplete). */
export async function runBackup(options: BackupOptions): Promise<BackupEntry> {
  const now = options.now ?? new Date();
  const connection = await openServer(options.databaseUrl);
  const client = await clientOptions(options.databaseUrl);
  const id = backupId(now);
  const partial = path.join(options.dir, `${id}.partial`);
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
    await mkdir(partial, { recursive: true, mode: 0o700 });
    const databases: DatabaseBackup[] = [];
    for (const target of targets) {
      const backup = await dumpDatabase(connection, target, partial, client.args);
      options.log?.(
        `${target.database}: ${Object.keys(backup.tables).length} tables, ${formatBytes(backup.bytes)}`,
      );
      databases.push(backup);
    }
    const manifest: Manifest = {
      id,
      startedAt: now.toISOString(),
      finishedAt: new Date().toISOString(),
      databases,
    };
    await writeFile(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const final = path.join(options.dir, id);
    await rename(partial, final);
    return { id, dir: final, date: idDate(id), manifest, bytes: databases.reduce((s, d) => s + d.bytes, 0) };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await client.cleanup();
    await connection.end();
  }
}

export interface RestoreReport {
  id: string;
  databases: { database: string; problems: string[] }[];
  ok: boolean;
}

/**
 * Loads each dump of a backup into a scratch database (`scratchPrefix` + random) and compares every
 * table's row count and checksum with the manifest; the scratch database is dropped afterwards.
 */
export async function restoreTest(options: {
  dir: string;
  databaseUrl: string;
  id?: string;
  scratchPrefix: string;
  log?: (line: string) => void;
}): Promise<RestoreReport> {
  const backups = await listBackups(options.dir);
  const backup = options.id ? backups.find((b) => b.id === options.id) : backups[0];
  if (!backup) {
    throw new OpsError(
      options.id
        ? `no complete backup named ${options.id} in ${options.dir}`
        : `no backup yet in ${options.dir}`,
    );
  }
  const connection = await openServer(options.databaseUrl);
  const client = await clientOptions(options.databaseUrl);
  const report: RestoreReport = { id: backup.id, databases: [], ok: true };
  try {
    for (const db of backup.manifest.databases) {
      const problems: string[] = [];
      const file = path.join(backup.dir, db.file);
      const actual = await sha256(file).catch((error) => `unreadable (${(error as Error).message})`);
      if (actual !== db.sha256)
        problems.push(`${db.file}: SHA-256 ${actual.slice(0, 12)}… instead of ${db.sha256.slice(0, 12)}…`);
      const scratch = `${options.scratchPrefix}${randomBytes(4).toString("hex")}`.slice(0, 64);
      await connection.query("CREATE DATABASE ?? CHARACTER SET utf8mb4", [scratch]);
      try {
        const load = run("mariadb", [...client.args, "--default-character-set=utf8mb4", scratch], {
          stdin: true,
        });
        await Promise.all([
          pipeline(createReadStream(file), createGunzip(), load.child.stdin!),
          load.exited,
        ]).catch((error) => problems.push(`${db.file} does not load: ${(error as Error).message}`));
        const restored = await fingerprint(connection, scratch);
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
  }
  return report;
}

/** Removes backups the rotation no longer keeps, and incomplete runs older than a day. */
export async function pruneBackups(
  dir: string,
  now = new Date(),
): Promise<{ kept: string[]; removed: string[] }> {
  const backups = await listBackups(dir);
  const keep = retainedBackups(backups.map((b) => b.date));
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.date.getTime())) continue;
    await rm(b.dir, { recursive: true, force: true });
    removed.push(b.id);
  }
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const incomplete =
      name.endsWith(".partial") || (ID_PATTERN.test(name) && !backups.some((b) => b.id === name));
    if (incomplete && now.getTime() - idDate(name.replace(".partial", "")).getTime() > 86400_000) {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return { kept: backups.filter((b) => keep.has(b.date.getTime())).map((b) => b.id), removed };
}

/** Mirrors the backup folder to BACKUP_OFFSITE with rsync (over SSH for host:path destinations). */
export async function copyOffsite(dir: string, destination: string): Promise<void> {
  const sync = run("rsync", [
    "-a",
    "--delete",
    "--exclude=*.partial",
    "-e",
    "ssh -o BatchMode=yes -o ConnectTimeout=20",
    `${dir.replace(/\/$/, "")}/`,
    destination,
  ]);
  await sync.exited;
}

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { connectionOptions } from "../../lib/config/settings";
import { ensureDebianProgram, findBinary } from "./apt";

/**
 * MariaDB for development and tests: the local server when one answers, otherwise a private
 * instance under .data/ started from the system's mariadbd. Tests also use startPrivateMariadb()
 * for extra servers (e.g. a replication primary playing a station's Raspberry Pi).
 */

export async function serverAnswers(url: string, timeoutMs = 3000): Promise<boolean> {
  const { database: _database, ...options } = connectionOptions(url);
  try {
    const connection = await mysql.createConnection({ ...options, connectTimeout: timeoutMs });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/** Makes sure mariadbd exists, installing Debian's mariadb-server when we are root. */
export function ensureMariadbInstalled(): { mariadbd: string; installDb: string } {
  const mariadbd = ensureDebianProgram("mariadbd", "mariadb-server", "no MariaDB server answers");
  const installDb = findBinary("mariadb-install-db") ?? findBinary("mysql_install_db");
  if (!installDb) throw new Error("mariadb-install-db is missing: reinstall mariadb-server");
  return { mariadbd, installDb };
}

export interface PrivateMariadb {
  dir: string;
  port: number;
  socket: string;
  /** root over TCP, no password, no database */
  url: string;
  pid: number;
}

export interface PrivateMariadbOptions {
  dir: string;
  port: number;
  /** Extra mariadbd options, e.g. ["--server-id=2", "--log-bin=pi"]. */
  args?: string[];
  /** Keep running after this process exits (the demo's database); tests stop theirs. */
  detached?: boolean;
  /**
   * Option files read instead of none (e.g. the production settings of deploy/mariadb), in this
   * order; the options above and `args` still win.
   */
  configFiles?: string[];
}

export async function startPrivateMariadb({
  dir,
  port,
  args = [],
  detached = false,
  configFiles = [],
}: PrivateMariadbOptions): Promise<PrivateMariadb> {
  const { mariadbd, installDb } = ensureMariadbInstalled();
  const absolute = path.resolve(dir);
  const dataDir = path.join(absolute, "data");
  const socket = path.join(absolute, "mariadb.sock");
  const url = `mysql://root@127.0.0.1:${port}/`;
  mkdirSync(absolute, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (!existsSync(path.join(dataDir, "mysql"))) {
    execFileSync(
      installDb,
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        ...(asRoot ? ["--user=root"] : []),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  }
  const log = openSync(path.join(absolute, "mariadb.log"), "a");
  const child = spawn(
    mariadbd,
    [
      ...defaultsOptions(absolute, configFiles),
      `--datadir=${dataDir}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--socket=${socket}`,
      `--pid-file=${path.join(absolute, "mariadb.pid")}`,
      "--innodb-buffer-pool-size=128M",
      ...(asRoot ? ["--user=root"] : []),
      ...args,
    ],
    { detached, stdio: ["ignore", log, log] },
  );
  if (detached) child.unref();
  const deadline = Date.now() + 60_000;
  while (!(await serverAnswers(url, 1000))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = readFileSync(path.join(absolute, "mariadb.log"), "utf8").split("\n").slice(-15).join("\n");
      throw new Error(`The private MariaDB in ${absolute} did not start:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { dir: absolute, port, socket, url, pid: child.pid ?? 0 };
}

/** `--no-defaults`, or one option file that !includes the given ones (mariadbd reads one file). */
function defaultsOptions(dir: string, configFiles: string[]): string[] {
  if (configFiles.length === 0) return ["--no-defaults"];
  const file = path.join(dir, "defaults.cnf");
  writeFileSync(file, configFiles.map((f) => `!include ${path.resolve(f)}\n`).join(""));
  return [`--defaults-file=${file}`];
}

/** Stops a private instance cleanly (SIGTERM) and waits for it to exit. */
export async function stopPrivateMariadb(
  instance: Pick<PrivateMariadb, "pid">,
  signal: NodeJS.Signals = "SIGTERM",
) {
  try {
    process.kill(instance.pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(instance.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

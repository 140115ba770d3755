import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { connectionOptions } from "../config/settings";
import type { CheckState } from "../generated/prisma/enums";
import { formatDuration } from "../time";
import { OpsError } from "./errors";

/**
 * MariaDB multi-source replication (one named connection per station's Pi): status read from
 * SHOW ALL SLAVES STATUS by column name, a diagnosis per connection, and the one repair that is safe
 * to do automatically: a corrupted relay log, re-fetched from the Pi (GTID: from gtid_slave_pos;
 * file/position: from Relay_Master_Log_File / Exec_Master_Log_Pos). Any other failure is reported
 * with its error text, never "repaired" blindly.
 */

export const CONNECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface ReplicationStatus {
  connection: string;
  masterHost: string;
  ioRunning: string;
  sqlRunning: string;
  lastIoErrno: number;
  lastIoError: string;
  lastSqlErrno: number;
  lastSqlError: string;
  masterLogFile: string;
  readMasterLogPos: number;
  relayMasterLogFile: string;
  execMasterLogPos: number;
  /** 0 when idle: not a freshness measure (the newest archive row is). */
  secondsBehindMaster: number | null;
  usingGtid: "No" | "Slave_Pos" | "Current_Pos";
  gtidIoPos: string;
  relayLogSpace: number;
  rewriteDb: string;
}

/** One row of SHOW ALL SLAVES STATUS, read by column name (the column order changes between versions). */
export function parseStatusRow(row: Record<string, unknown>): ReplicationStatus {
  const text = (name: string) => (row[name] == null ? "" : String(row[name]));
  const int = (name: string) => (row[name] == null ? 0 : Number(row[name]));
  return {
    connection: text("Connection_name"),
    masterHost: text("Master_Host"),
    ioRunning: text("Slave_IO_Running"),
    sqlRunning: text("Slave_SQL_Running"),
    lastIoErrno: int("Last_IO_Errno"),
    lastIoError: text("Last_IO_Error"),
    lastSqlErrno: int("Last_SQL_Errno"),
    lastSqlError: text("Last_SQL_Error"),
    masterLogFile: text("Master_Log_File"),
    readMasterLogPos: int("Read_Master_Log_Pos"),
    relayMasterLogFile: text("Relay_Master_Log_File"),
    execMasterLogPos: int("Exec_Master_Log_Pos"),
    secondsBehindMaster: row.Seconds_Behind_Master == null ? null : Number(row.Seconds_Behind_Master),
    usingGtid: (text("Using_Gtid") || "No") as ReplicationStatus["usingGtid"],
    gtidIoPos: text("Gtid_IO_Pos"),
    relayLogSpace: int("Relay_Log_Space"),
    rewriteDb: text("Replicate_Rewrite_DB"),
  };
}

/** ER_SLAVE_RELAY_LOG_READ_FAILURE ("Relay log read failure: Could not parse relay log event entry") */
const RELAY_LOG_READ_FAILURE = 1594;
/** ER_SLAVE_RELAY_LOG_WRITE_FAILURE */
const RELAY_LOG_WRITE_FAILURE = 1595;

export type Problem =
  | "none"
  | "relay-log-corrupt"
  | "master-unreachable"
  | "io-error"
  | "sql-error"
  | "stopped";

export interface Diagnosis {
  state: CheckState;
  problem: Problem;
  /** French, for the alert and the status page, with MariaDB's own error text. */
  summary: string;
}

export function diagnose(s: ReplicationStatus): Diagnosis {
  if (
    s.lastSqlErrno === RELAY_LOG_READ_FAILURE ||
    s.lastIoErrno === RELAY_LOG_WRITE_FAILURE ||
    /relay log (read|write) failure/i.test(s.lastSqlError)
  ) {
    return {
      state: "CRITICAL",
      problem: "relay-log-corrupt",
      summary: `journal de relais corrompu (${s.lastSqlErrno || s.lastIoErrno}: ${firstSentence(s.lastSqlError || s.lastIoError)})`,
    };
  }
  if (s.sqlRunning !== "Yes" && s.lastSqlErrno !== 0) {
    return {
      state: "CRITICAL",
      problem: "sql-error",
      summary: `application des événements arrêtée, erreur ${s.lastSqlErrno}: ${s.lastSqlError}`,
    };
  }
  if (s.ioRunning === "Connecting" || (s.ioRunning !== "Yes" && s.lastIoErrno === 2003)) {
    return {
      state: "WARNING",
      problem: "master-unreachable",
      summary: `le Pi ne répond pas (${s.masterHost})${s.lastIoErrno ? `, erreur ${s.lastIoErrno}: ${s.lastIoError}` : ""} ; nouvel essai automatique`,
    };
  }
  if (s.ioRunning !== "Yes" && s.lastIoErrno !== 0) {
    return {
      state: "CRITICAL",
      problem: "io-error",
      summary: `lecture depuis le Pi arrêtée, erreur ${s.lastIoErrno}: ${s.lastIoError}`,
    };
  }
  if (s.ioRunning !== "Yes" || s.sqlRunning !== "Yes") {
    return {
      state: "CRITICAL",
      problem: "stopped",
      summary: `réplication arrêtée (IO ${s.ioRunning || "No"}, SQL ${s.sqlRunning || "No"}) : START SLAVE '${s.connection}'`,
    };
  }
  return { state: "OK", problem: "none", summary: "réplication en marche" };
}

function firstSentence(text: string): string {
  const end = text.indexOf(". ");
  return end > 0 ? text.slice(0, end) : text;
}

/** "gtid 11-11-600" or "pi-bin.000003:4711": where the connection stands. */
export function position(s: ReplicationStatus): string {
  return s.usingGtid !== "No" && s.gtidIoPos
    ? `gtid ${s.gtidIoPos}`
    : `${s.relayMasterLogFile}:${s.execMasterLogPos}`;
}

const quoteName = (name: string) => mysql.escape(assertConnectionName(name));

export function assertConnectionName(name: string): string {
  if (!CONNECTION_NAME.test(name)) {
    throw new OpsError(`"${name}" is not a valid replication connection name (letters, digits, _ and -)`);
  }
  return name;
}

/**
 * The statements that make a connection fetch again, from the Pi, everything it has not applied
 * (the relay logs are thrown away by CHANGE MASTER / RESET SLAVE). `s` is read after STOP SLAVE.
 */
export function repairStatements(s: ReplicationStatus): string[] {
  const name = quoteName(s.connection);
  if (s.usingGtid !== "No") {
    return [
      `STOP SLAVE ${name}`,
      `CHANGE MASTER ${name} TO MASTER_USE_GTID=slave_pos`,
      `START SLAVE ${name}`,
    ];
  }
  if (!s.relayMasterLogFile)
    throw new OpsError(`connection ${s.connection} has no executed position to restart from`);
  return [
    `STOP SLAVE ${name}`,
    `RESET SLAVE ${name}`,
    `CHANGE MASTER ${name} TO MASTER_LOG_FILE=${mysql.escape(s.relayMasterLogFile)}, MASTER_LOG_POS=${Number(s.execMasterLogPos)}`,
    `START SLAVE ${name}`,
  ];
}

/** A connection to the replica with the monitor account, and explanations for the usual failures. */
export async function openReplica(url: string): Promise<Connection> {
  const { database: _database, ...options } = connectionOptions(url);
  try {
    return await mysql.createConnection({ ...options, connectTimeout: 5000 });
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new OpsError(
      `cannot reach the replica at ${options.socketPath ?? `${options.host}:${options.port}`} as ${options.user} (${code}); check REPLICATION_DATABASE_URL`,
    );
  }
}

function explainPrivileges(error: unknown, user: string, needed: string): never {
  const errno = (error as { errno?: number }).errno;
  if (errno === 1227 || errno === 1142 || errno === 1044) {
    throw new OpsError(
      `the account ${user} may not ${needed}: GRANT ${needed.startsWith("read") ? "SLAVE MONITOR" : "REPLICATION SLAVE ADMIN"} ON *.* TO it (see deploy/README.md)`,
    );
  }
  throw error;
}

async function currentUser(connection: Connection): Promise<string> {
  const [[row]] = await connection.query<RowDataPacket[]>("SELECT CURRENT_USER() AS user");
  return String(row.user);
}

export async function readStatuses(connection: Connection): Promise<ReplicationStatus[]> {
  try {
    const [rows] = await connection.query<RowDataPacket[]>("SHOW ALL SLAVES STATUS");
    return rows.map(parseStatusRow).sort((a, b) => a.connection.localeCompare(b.connection));
  } catch (error) {
    explainPrivileges(error, await currentUser(connection), "read SHOW ALL SLAVES STATUS");
  }
}

export async function readStatus(connection: Connection, name: string): Promise<ReplicationStatus> {
  assertConnectionName(name);
  const all = await readStatuses(connection);
  const found = all.find((s) => s.connection === name);
  if (!found) {
    const known = all.map((s) => s.connection).join(", ") || "none";
    throw new OpsError(`unknown replication connection "${name}" (known: ${known})`);
  }
  return found;
}

export interface RepairReport {
  connection: string;
  /** What was wrong before, in French. */
  before: Diagnosis;
  statements: string[];
  after: Diagnosis;
}

/**
 * Repairs a corrupted relay log: stop, re-point the connection at what was applied, start, then
 * wait (up to `settleMs`) for both threads to run again and report the new diagnosis.
 */
export async function repairRelayLog(
  connection: Connection,
  name: string,
  settleMs = 10_000,
): Promise<RepairReport> {
  const before = diagnose(await readStatus(connection, name));
  const quoted = quoteName(name);
  try {
    await connection.query(`STOP SLAVE ${quoted}`);
  } catch (error) {
    explainPrivileges(error, await currentUser(connection), "stop and restart replication");
  }
  const stopped = await readStatus(connection, name);
  const statements = repairStatements(stopped);
  for (const statement of statements.slice(1)) await connection.query(statement);
  const deadline = Date.now() + settleMs;
  let after = diagnose(await readStatus(connection, name));
  while (after.problem !== "none" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = diagnose(await readStatus(connection, name));
  }
  return { connection: name, before, statements, after };
}

export interface ConnectionReport {
  status: ReplicationStatus;
  diagnosis: Diagnosis;
  repair: RepairReport | null;
  /** Age of the station's newest archive row, in seconds (null: unknown station or empty archive). */
  newestAgeSeconds: number | null;
  station: string | null;
}

/** The check message of one connection: diagnosis, position, freshness, and any repair done. */
export function describeConnection(r: ConnectionReport): { state: CheckState; message: string } {
  const diagnosis = r.repair ? r.repair.after : r.diagnosis;
  const parts = [`${r.status.connection} : ${diagnosis.summary}`, position(r.status)];
  if (r.newestAgeSeconds !== null) parts.push(`dernier relevé il y a ${formatDuration(r.newestAgeSeconds)}`);
  if (r.repair) {
    parts.push(
      r.repair.after.problem === "none"
        ? `réparé automatiquement (${r.repair.before.summary})`
        : `réparation tentée sans succès (${r.repair.before.summary})`,
    );
  }
  return { state: diagnosis.state, message: parts.join(" · ") };
}

export interface CheckOptions {
  /** Repair corrupted relay logs (the monitor and `replication check` do). */
  repair: boolean;
  /** Newest archive dateTime of the station replicated by a connection, or null. */
  freshness?: (connection: string) => Promise<{ station: string; newest: number | null } | null>;
  log?: (line: string) => void;
  now?: number;
}

export async function checkReplication(
  connection: Connection,
  options: CheckOptions,
): Promise<ConnectionReport[]> {
  const now = options.now ?? Date.now() / 1000;
  const reports: ConnectionReport[] = [];
  for (const initial of await readStatuses(connection)) {
    let status = initial;
    const diagnosis = diagnose(status);
    let repair: RepairReport | null = null;
    if (options.repair && diagnosis.problem === "relay-log-corrupt") {
      options.log?.(`${status.connection}: ${diagnosis.summary}; repairing`);
      repair = await repairRelayLog(connection, status.connection);
      for (const statement of repair.statements) options.log?.(`${status.connection}:   ${statement}`);
      options.log?.(`${status.connection}: after repair: ${repair.after.summary}`);
      status = await readStatus(connection, status.connection);
    }
    const fresh = await options.freshness?.(status.connection);
    reports.push({
      status,
      diagnosis,
      repair,
      station: fresh?.station ?? null,
      newestAgeSeconds: fresh?.newest == null ? null : Math.max(0, now - fresh.newest),
    });
  }
  return reports;
}

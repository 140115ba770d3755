import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stationLink, wireguardKeys } from "@/lib/ops/station-link";
import { type PrivateMariadb, startPrivateMariadb, stopPrivateMariadb } from "@/scripts/dev/mariadb";
import { freePort } from "../helpers/app";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/**
 * Replication for real, on private MariaDB instances (never the shared server, which other tests use
 * at the same time and which must not be killed or reconfigured): two "Pis" (primaries writing WeeWX
 * archives; one with GTID, one old-style file/position) and a "server" replica started with the very
 * option file deploy/install.sh installs, plus the per-station lines `replication add-station` prints.
 */

const root = mkdtempSync(path.join(tmpdir(), "m06-replication-"));
const CREATE_ARCHIVE =
  "CREATE TABLE archive (dateTime INT NOT NULL PRIMARY KEY, usUnits INT NOT NULL, `interval` INT NOT NULL, outTemp DOUBLE, barometer DOUBLE) ENGINE=InnoDB";

interface Pi {
  name: string;
  slug: string;
  gtid: boolean;
  instance: PrivateMariadb;
  port: number;
  db: Connection;
  rows: number;
}

let dbs: TestDatabases;
let replicaPort: number;
let replicaOptions: Parameters<typeof startPrivateMariadb>[0];
let replica: PrivateMariadb;
let server: Connection;
const pis: Record<"pessicart" | "colmiane", Pi> = {} as never;

const connect = (port: number) =>
  mysql.createConnection({ host: "127.0.0.1", port, user: "root", multipleStatements: true });

function env(user = "root") {
  const replicaUrl = `mysql://${user}@127.0.0.1:${replicaPort}/`;
  return { DATABASE_URL: dbs.appUrl, ARCHIVE_DATABASE_URL: replicaUrl, REPLICATION_DATABASE_URL: replicaUrl };
}

async function startPi(name: "pessicart" | "colmiane", serverId: number, gtid: boolean): Promise<Pi> {
  const port = await freePort();
  const args = [`--server-id=${serverId}`, "--log-bin=weewx-bin", "--binlog-format=ROW"];
  if (gtid) args.push(`--gtid-domain-id=${serverId}`);
  const instance = await startPrivateMariadb({ dir: path.join(root, name), port, args });
  const db = await connect(port);
  await db.query(`SET sql_log_bin=0; CREATE DATABASE weewx; USE weewx; ${CREATE_ARCHIVE}; SET sql_log_bin=1`);
  return { name, slug: name, gtid, instance, port, db, rows: 0 };
}

/** WeeWX writing one archive record per 5 minutes. */
async function write(pi: Pi, count: number) {
  for (let i = 0; i < count; i++, pi.rows++) {
    const t = 1_780_000_000 + pi.rows * 300;
    await pi.db.query("INSERT INTO weewx.archive VALUES (?, 16, 5, ?, ?)", [
      t,
      10 + (pi.rows % 97) / 10,
      1000 + (pi.rows % 31),
    ]);
  }
}

/** Count and checksum of an archive, computed the same way on the Pi and on the replica. */
async function fingerprint(db: Connection, database: string) {
  const [[row]] = await db.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n, COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', dateTime, usUnits, `interval`, outTemp, barometer))), 0) AS crc FROM ??.archive",
    [database],
  );
  return { rows: Number(row.n), crc: String(row.crc) };
}

async function converged(pi: Pi, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [want, got] = [await fingerprint(pi.db, "weewx"), await fingerprint(server, `weewx_${pi.slug}`)];
    if (want.rows === got.rows || Date.now() > deadline) return { want, got };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function status(connection: string) {
  const [rows] = await server.query<RowDataPacket[]>("SHOW ALL SLAVES STATUS");
  return rows.find((r) => r.Connection_name === connection)!;
}

/** Overwrites bytes of the relay log that the SQL thread has not applied yet, as a failing disk would. */
async function corruptUnappliedRelayLog(pi: Pi) {
  await server.query(`STOP SLAVE '${pi.slug}' SQL_THREAD`);
  await write(pi, 60);
  const deadline = Date.now() + 10_000;
  while (
    Number((await status(pi.slug)).Read_Master_Log_Pos) < (await piPosition(pi)) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const s = await status(pi.slug);
  const file = path.join(replica.dir, "data", s.Relay_Log_File);
  const from = Number(s.Relay_Log_Pos);
  const size = statSync(file).size;
  expect(size - from).toBeGreaterThan(1000);
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(48, 0xff), 0, 48, from + Math.floor((size - from) / 2));
  closeSync(fd);
  await server.query(`START SLAVE '${pi.slug}' SQL_THREAD`);
  while ((await status(pi.slug)).Last_SQL_Errno === 0 && Date.now() < deadline + 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await status(pi.slug)).Last_SQL_Errno).toBe(1594);
}

async function piPosition(pi: Pi): Promise<number> {
  const [[row]] = await pi.db.query<RowDataPacket[]>("SHOW MASTER STATUS");
  return Number(row.Position);
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  pis.pessicart = await startPi("pessicart", 11, true);
  pis.colmiane = await startPi("colmiane", 12, false);

  // The server's per-station settings, exactly as `replication add-station` prints them.
  const links = Object.values(pis).map((pi) =>
    stationLink({
      slug: pi.slug,
      archiveDatabase: `weewx_${pi.slug}`,
      host: "127.0.0.1",
      port: pi.port,
      user: `repl_${pi.slug}`,
      password: `secret-${pi.slug}`,
      serverVpnAddress: "127.0.0.1",
      endpoint: "meteo06.test:51820",
      serverPublicKey: wireguardKeys().publicKey,
      pi: wireguardKeys(),
      presharedKey: "x",
      serverId: pi.gtid ? 11 : 12,
      gtidDomainId: 11,
      binlogDays: 30,
    }),
  );
  const stationsCnf = path.join(root, "61-meteo06-stations.cnf");
  writeFileSync(stationsCnf, `[mariadbd]\n${links.map((l) => l.serverMariadbConfig).join("\n")}\n`);
  replicaPort = await freePort();
  replicaOptions = {
    dir: path.join(root, "server"),
    port: replicaPort,
    configFiles: ["deploy/mariadb/60-meteo06.cnf", stationsCnf],
  };
  replica = await startPrivateMariadb(replicaOptions);
  server = await connect(replicaPort);

  for (const [i, pi] of Object.values(pis).entries()) {
    await pi.db.query(`SET sql_log_bin=0; ${links[i].piSql} SET sql_log_bin=1`);
    // The first copy of the Pi's (still empty) archive, then the connection as printed.
    await server.query(`CREATE DATABASE weewx_${pi.slug}; USE weewx_${pi.slug}; ${CREATE_ARCHIVE}`);
    let sql = links[i].serverSql.replace("MASTER_CONNECT_RETRY=30", "MASTER_CONNECT_RETRY=1");
    if (!pi.gtid) {
      const [[master]] = await pi.db.query<RowDataPacket[]>("SHOW MASTER STATUS");
      sql = sql.replace(
        "MASTER_USE_GTID=slave_pos",
        `MASTER_USE_GTID=no, MASTER_LOG_FILE='${master.File}', MASTER_LOG_POS=${master.Position}`,
      );
    }
    await server.query(sql);
    await dbs.prisma.station.create({
      data: {
        slug: pi.slug,
        name: pi.slug,
        shortName: pi.slug,
        commune: pi.slug,
        latitude: 43.7,
        longitude: 7.2,
        altitude: 100,
        archiveDatabase: `weewx_${pi.slug}`,
        replicationConnection: pi.slug,
      },
    });
  }
}, 240_000);

afterAll(async () => {
  await server?.end().catch(() => {});
  for (const pi of Object.values(pis)) {
    await pi.db.end().catch(() => {});
    await stopPrivateMariadb(pi.instance);
  }
  if (replica) await stopPrivateMariadb(replica);
  await dbs?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe("replication from the stations' Pis", () => {
  it("replicates each Pi's weewx database into its own archive, with the production settings", async () => {
    await write(pis.pessicart, 200);
    await write(pis.colmiane, 200);
    for (const pi of Object.values(pis)) {
      const { want, got } = await converged(pi);
      expect(got).toEqual(want);
      expect(want.rows).toBe(200);
    }
    const [[vars]] = await server.query<RowDataPacket[]>(
      "SELECT @@relay_log_recovery AS recovery, @@gtid_pos_auto_engines AS engines, @@log_bin AS binlog",
    );
    expect(vars).toMatchObject({ recovery: 1, binlog: 1 });
    expect((await status("pessicart")).Using_Gtid).toBe("Slave_Pos");

    const result = await runCli(["replication", "status"], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/pessicart\s+pessicart\s+Yes\s+Yes\s+gtid 11-11-200/);
    expect(result.stdout).toMatch(/colmiane\s+colmiane\s+Yes\s+Yes\s+weewx-bin\.000001:\d+/);
  });

  it("survives a SIGKILL mid-stream and a corrupted relay log: nothing lost, nothing duplicated", async () => {
    const pi = pis.pessicart;
    const writing = write(pi, 300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await stopPrivateMariadb(replica, "SIGKILL");
    await writing;
    await server.end().catch(() => {});
    // The crash left a relay log that is damaged on disk as well.
    const data = path.join(replica.dir, "data");
    const relay = readdirSync(data)
      .filter((f) => /relay-bin-pessicart\.\d+$/.test(f))
      .sort()
      .at(-1)!;
    const size = statSync(path.join(data, relay)).size;
    const fd = openSync(path.join(data, relay), "r+");
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, Math.floor(size / 2));
    closeSync(fd);

    replica = await startPrivateMariadb(replicaOptions);
    server = await connect(replicaPort);
    const check = await runCli(["replication", "check"], env());
    expect(check.code, check.stdout + check.stderr).toBe(0);
    await write(pi, 40);
    const { want, got } = await converged(pi);
    expect(got).toEqual(want);
    expect(want.rows).toBe(540);
  });

  it("detects a corrupted relay log and repairs it from gtid_slave_pos (GTID)", async () => {
    const pi = pis.pessicart;
    await corruptUnappliedRelayLog(pi);
    const check = await runCli(["replication", "check"], env());
    expect(check.stdout).toMatch(/pessicart: journal de relais corrompu \(1594: Relay log read failure/);
    expect(check.stdout).toContain("CHANGE MASTER 'pessicart' TO MASTER_USE_GTID=slave_pos");
    expect(check.stdout).toMatch(/OK\s+pessicart : réplication en marche.*réparé automatiquement/);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    await write(pi, 25);
    const { want, got } = await converged(pi);
    expect(got).toEqual(want);
    expect(want.rows).toBe(540 + 60 + 25);
    const recorded = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "replication:pessicart" } });
    expect(recorded.state).toBe("OK");
    expect(recorded.message).toContain("réparé automatiquement");
  });

  it("repairs a file/position connection at Relay_Master_Log_File / Exec_Master_Log_Pos", async () => {
    const pi = pis.colmiane;
    await corruptUnappliedRelayLog(pi);
    const before = await status(pi.slug);
    const check = await runCli(["replication", "check"], env());
    expect(check.stdout).toContain(`RESET SLAVE 'colmiane'`);
    expect(check.stdout).toContain(
      `CHANGE MASTER 'colmiane' TO MASTER_LOG_FILE='${before.Relay_Master_Log_File}', MASTER_LOG_POS=${before.Exec_Master_Log_Pos}`,
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);
    await write(pi, 25);
    const { want, got } = await converged(pi);
    expect(got).toEqual(want);
    expect(want.rows).toBe(200 + 60 + 25);
    expect((await status(pi.slug)).Master_Host).toBe("127.0.0.1");
  });

  it("reports a Pi that is unreachable without touching it, and catches up when it is back", async () => {
    const pi = pis.pessicart;
    await stopPrivateMariadb(pi.instance);
    await pi.db.end().catch(() => {});
    const deadline = Date.now() + 15_000;
    while ((await status(pi.slug)).Slave_IO_Running === "Yes" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const check = await runCli(["replication", "check"], env());
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/WARNING\s+pessicart : le Pi ne répond pas \(127\.0\.0\.1\)/);
    expect(check.stdout).not.toContain("STOP SLAVE");
    expect(check.stdout).toMatch(/OK\s+colmiane : réplication en marche/);
    expect(
      (await dbs.prisma.check.findUniqueOrThrow({ where: { key: "replication:pessicart" } })).state,
    ).toBe("WARNING");

    pi.instance = await startPrivateMariadb({
      dir: pi.instance.dir,
      port: pi.port,
      args: ["--server-id=11", "--log-bin=weewx-bin", "--binlog-format=ROW", "--gtid-domain-id=11"],
    });
    pi.db = await connect(pi.port);
    await write(pi, 30);
    const { want, got } = await converged(pi);
    expect(got).toEqual(want);
    const again = await runCli(["replication", "check"], env());
    expect(again.code, again.stdout).toBe(0);
    expect(
      (await dbs.prisma.check.findUniqueOrThrow({ where: { key: "replication:pessicart" } })).state,
    ).toBe("OK");
  });

  it("answers unknown connections and a monitor account without privileges clearly", async () => {
    const unknown = await runCli(["replication", "repair", "nulle-part"], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'unknown replication connection "nulle-part" (known: colmiane, pessicart)',
    );

    const healthy = await runCli(["replication", "repair", "colmiane"], env());
    expect(healthy.code).toBe(1);
    expect(healthy.stderr).toContain("not a corrupted relay log");

    await server.query("CREATE USER IF NOT EXISTS 'nobody'@'%'");
    const denied = await runCli(["replication", "status"], env("nobody"));
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(
      /error: the account nobody@% may not read SHOW ALL SLAVES STATUS: GRANT SLAVE MONITOR/,
    );
    expect(denied.stderr).not.toMatch(/\n\s+at /); // no stack trace

    // The monitor with that account: the replication check fails clearly, every other check still runs.
    const monitor = await runCli(["monitor"], {
      ...env(),
      REPLICATION_DATABASE_URL: `mysql://nobody@127.0.0.1:${replicaPort}/`,
      MONITOR_DISK_PATHS: root,
      BACKUP_DIR: path.join(root, "backups"),
    });
    expect(monitor.code).toBe(1);
    expect(monitor.stderr).toContain(
      "error: replication: the account nobody@% may not read SHOW ALL SLAVES STATUS",
    );
    expect(monitor.stdout).toMatch(/replication\s+CRITICAL\s+lecture de la réplication impossible/);
    expect(monitor.stdout).toMatch(/station:pessicart\s+(OK|WARNING)\s+dernier relevé il y a/);
    expect(monitor.stdout).toMatch(new RegExp(`disk:${root}\\s+OK`));
    expect(monitor.stdout).toMatch(/backup:age\s+CRITICAL\s+aucune sauvegarde/);
  });
});

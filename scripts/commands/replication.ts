import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { ArchiveError, archives } from "../../lib/archive/reader";
import { config } from "../../lib/config";
import { recordCheck } from "../../lib/ops/checks";
import {
  type CheckOptions,
  checkReplication,
  describeConnection,
  diagnose,
  openReplica,
  position,
  readStatus,
  repairRelayLog,
} from "../../lib/ops/replication";
import { opsSettings } from "../../lib/ops/settings";
import {
  connectionNameFor,
  piIdentity,
  presharedKey,
  randomPassword,
  stationLink,
  WIREGUARD_KEY,
  wireguardKeys,
} from "../../lib/ops/station-link";
import { formatDuration } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

/** Newest archive row of the station fed by each connection (the real freshness measure). */
async function freshness(): Promise<CheckOptions["freshness"]> {
  const prisma = await appDatabase();
  const stations = await prisma.station.findMany({ where: { replicationConnection: { not: null } } });
  return async (connection) => {
    const station = stations.find((s) => s.replicationConnection === connection);
    if (!station) return null;
    try {
      return { station: station.slug, newest: await archives().newestDateTime(station.archiveDatabase) };
    } catch (error) {
      if (error instanceof ArchiveError) return { station: station.slug, newest: null };
      throw error;
    }
  };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function register(program: Command) {
  const replication = program
    .command("replication")
    .description("MariaDB multi-source replication from the stations' Pis");

  replication
    .command("status")
    .description("state of every replication connection and the age of its newest archive row")
    .action(
      action(async () => {
        const replica = await openReplica(opsSettings().replicationDatabaseUrl);
        try {
          const reports = await checkReplication(replica, { repair: false, freshness: await freshness() });
          if (reports.length === 0) console.log("No replication connection on this server.");
          printTable(
            reports.map((r) => ({
              connection: r.status.connection,
              station: r.station ?? "—",
              io: r.status.ioRunning,
              sql: r.status.sqlRunning,
              position: position(r.status),
              "newest row": r.newestAgeSeconds === null ? "—" : `${formatDuration(r.newestAgeSeconds)} ago`,
              state: r.diagnosis.state,
              problem: r.diagnosis.problem === "none" ? "" : r.diagnosis.summary,
            })),
          );
        } finally {
          await replica.end();
        }
      }),
    );

  replication
    .command("check")
    .description("diagnose every connection, repair corrupted relay logs, record the checks (alerts)")
    .action(
      action(async () => {
        const replica = await openReplica(opsSettings().replicationDatabaseUrl);
        try {
          const reports = await checkReplication(replica, {
            repair: true,
            freshness: await freshness(),
            log: (line) => console.log(line),
          });
          let bad = 0;
          for (const report of reports) {
            const { state, message } = describeConnection(report);
            await recordCheck(`replication:${report.status.connection}`, state, message);
            console.log(`${state.padEnd(8)} ${message}`);
            if (state !== "OK") bad++;
          }
          if (reports.length === 0) console.log("No replication connection on this server.");
          if (bad > 0) process.exitCode = 1;
        } finally {
          await replica.end();
        }
      }),
    );

  replication
    .command("repair")
    .description("re-fetch a connection's relay log from the Pi (automatic for a corrupted relay log)")
    .argument("<connection>", "replication connection name")
    .option("--force", "repair even when the diagnosis is not a corrupted relay log")
    .action(
      action(async (name: string, options: { force?: boolean }) => {
        const replica = await openReplica(opsSettings().replicationDatabaseUrl);
        try {
          const before = diagnose(await readStatus(replica, name));
          if (before.problem !== "relay-log-corrupt" && !options.force) {
            throw new CliError(
              `${name}: ${before.summary}. That is not a corrupted relay log: fix the cause, or use --force to re-fetch the relay log anyway`,
            );
          }
          const report = await repairRelayLog(replica, name);
          for (const statement of report.statements) console.log(`  ${statement}`);
          console.log(`${name}: ${report.after.summary}`);
          if (report.after.problem !== "none") process.exitCode = 1;
        } finally {
          await replica.end();
        }
      }),
    );

  replication
    .command("add-station")
    .description("print the Pi's and the server's settings, SQL and WireGuard config for a new station")
    .argument("<slug>", "station (added first with `stations add`)")
    .requiredOption("--host <address>", "the Pi's address inside the VPN, e.g. 10.60.0.12")
    .requiredOption("--user <name>", "replication account created on the Pi, e.g. repl_pessicart")
    .option("--port <port>", "the Pi's MariaDB port", "3306")
    .option(
      "--endpoint <host:port>",
      "public address the Pi dials for WireGuard (default: ROOT_DOMAIN:51820)",
    )
    .option("--server-vpn-address <address>", "the server's VPN address", "10.60.0.1")
    .option(
      "--server-public-key <key>",
      "the server's WireGuard public key (default: read from WG_SERVER_PUBLIC_KEY_FILE, /etc/wireguard/server.pub)",
    )
    .option("--binlog-days <days>", "days the Pi keeps its binlogs", "30")
    .action(
      action(async (slug: string, o: Record<string, string>) => {
        const host = IPV4.exec(o.host);
        if (
          !host ||
          host.slice(1).some((b) => Number(b) > 255) ||
          Number(host[4]) < 2 ||
          Number(host[4]) > 254
        ) {
          throw new CliError("--host must be the Pi's IPv4 address inside the VPN, e.g. 10.60.0.12");
        }
        if (!/^[A-Za-z0-9_]{1,32}$/.test(o.user))
          throw new CliError("--user must be 1-32 letters, digits or _");
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          throw new CliError("--port must be a TCP port");
        const binlogDays = Number(o.binlogDays);
        if (!Number.isInteger(binlogDays) || binlogDays < 7)
          throw new CliError("--binlog-days must be at least 7");
        if (!IPV4.test(o.serverVpnAddress))
          throw new CliError("--server-vpn-address must be an IPv4 address");
        const keyFile = process.env.WG_SERVER_PUBLIC_KEY_FILE ?? "/etc/wireguard/server.pub";
        const serverPublicKey =
          o.serverPublicKey ?? (existsSync(keyFile) ? readFileSync(keyFile, "utf8").trim() : undefined);
        if (!serverPublicKey) {
          throw new CliError(
            `the server's WireGuard public key is unknown: pass --server-public-key or create ${keyFile} (deploy/install.sh does)`,
          );
        }
        if (!WIREGUARD_KEY.test(serverPublicKey))
          throw new CliError("the server's WireGuard public key is malformed");

        const prisma = await appDatabase();
        const station = await prisma.station.findUnique({ where: { slug } });
        if (!station) throw new CliError(`unknown station "${slug}": add it first with \`stations add\``);
        const connection = station.replicationConnection ?? connectionNameFor(slug);
        if (!station.replicationConnection) {
          await prisma.station.update({
            where: { id: station.id },
            data: { replicationConnection: connection },
          });
        }
        const link = stationLink({
          slug: connection,
          archiveDatabase: station.archiveDatabase,
          host: o.host,
          port,
          user: o.user,
          password: randomPassword(),
          serverVpnAddress: o.serverVpnAddress,
          endpoint: o.endpoint ?? `${config().rootDomain}:51820`,
          serverPublicKey,
          pi: wireguardKeys(),
          presharedKey: presharedKey(),
          ...piIdentity(o.host),
          binlogDays,
        });
        const section = (title: string, body: string) => console.log(`\n### ${title}\n\n${body}`);
        console.log(
          `Station ${slug}: replication connection "${link.connection}" into ${station.archiveDatabase}.`,
        );
        console.log("Secrets below (keys, password): paste them, do not keep this output.");
        section("1. On the Pi: WireGuard (/etc/wireguard/wg0.conf)", link.piWireguardConfig);
        section("2. On the Pi: MariaDB settings, then systemctl restart mariadb", link.piMariadbConfig);
        section("3. On the Pi: replication account (sudo mariadb)", link.piSql);
        section("4. On the server: WireGuard peer", link.serverWireguardPeer);
        section("5. On the server: MariaDB settings", link.serverMariadbConfig);
        section("6. On the server: replication connection (sudo mariadb)", link.serverSql);
        console.log("\nThen: npm run meteo -- replication status");
      }),
    );
}

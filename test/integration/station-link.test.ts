import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireguardKeys } from "@/lib/ops/station-link";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/** `replication add-station`: everything an admin pastes on the Pi and on the server. */

let dbs: TestDatabases;
const server = wireguardKeys();
beforeAll(async () => {
  dbs = await createTestDatabases();
  await dbs.prisma.station.create({
    data: {
      slug: "nice-pessicart",
      name: "Nice – Pessicart",
      shortName: "Pessicart",
      commune: "Nice",
      latitude: 43.73,
      longitude: 7.25,
      altitude: 300,
      archiveDatabase: "weewx_pessicart",
    },
  });
});
afterAll(() => dbs?.drop());

const env = () => ({ DATABASE_URL: dbs.appUrl, ROOT_DOMAIN: "meteo06.fr" });
const add = (...extra: string[]) =>
  runCli(
    [
      "replication",
      "add-station",
      "nice-pessicart",
      "--host",
      "10.60.0.12",
      "--user",
      "repl_pessicart",
      ...extra,
    ],
    env(),
  );

function section(output: string, title: string): string {
  const start = output.indexOf(title);
  expect(start, title).toBeGreaterThan(-1);
  const end = output.indexOf("\n### ", start + 1);
  return output.slice(start, end === -1 ? undefined : end);
}

describe("replication add-station", () => {
  it("prints both sides: MariaDB settings, SQL and WireGuard, with fresh keys", async () => {
    const result = await add("--server-public-key", server.publicKey);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('replication connection "nice_pessicart" into weewx_pessicart');

    const piWg = section(out, "1. On the Pi: WireGuard");
    const privateKey = /PrivateKey = (\S+)/.exec(piWg)![1];
    expect(piWg).toContain("Address = 10.60.0.12/32");
    expect(piWg).toContain(`PublicKey = ${server.publicKey}`);
    expect(piWg).toContain("Endpoint = meteo06.fr:51820");
    expect(piWg).toContain("AllowedIPs = 10.60.0.1/32");

    const piCnf = section(out, "2. On the Pi: MariaDB settings");
    expect(piCnf).toContain("server_id = 1012");
    expect(piCnf).toContain("gtid_domain_id = 12");
    expect(piCnf).toContain("log_bin = weewx-bin");
    expect(piCnf).toContain(`binlog_expire_logs_seconds = ${30 * 86400}`);
    expect(piCnf).toContain("bind-address = 127.0.0.1,10.60.0.12");

    const piSql = section(out, "3. On the Pi: replication account");
    const password = /IDENTIFIED BY '([^']+)'/.exec(piSql)![1];
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(piSql).toContain("GRANT REPLICATION SLAVE ON *.* TO 'repl_pessicart'@'10.60.0.1';");

    const peer = section(out, "4. On the server: WireGuard peer");
    const piPublic = /PublicKey = (\S+)/.exec(peer)![1];
    expect(peer).toContain("AllowedIPs = 10.60.0.12/32");
    expect(/PresharedKey = (\S+)/.exec(peer)![1]).toBe(/PresharedKey = (\S+)/.exec(piWg)![1]);
    if (spawnSync("sh", ["-c", "command -v wg"]).status === 0) {
      expect(execFileSync("wg", ["pubkey"], { input: privateKey }).toString().trim()).toBe(piPublic);
    }

    expect(section(out, "5. On the server: MariaDB settings")).toContain(
      "nice_pessicart.replicate_rewrite_db = weewx->weewx_pessicart",
    );
    const serverSql = section(out, "6. On the server: replication connection");
    expect(serverSql).toContain(
      `CHANGE MASTER 'nice_pessicart' TO MASTER_HOST='10.60.0.12', MASTER_PORT=3306, MASTER_USER='repl_pessicart', MASTER_PASSWORD='${password}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=30;`,
    );

    const station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "nice-pessicart" } });
    expect(station.replicationConnection).toBe("nice_pessicart");
    // Fresh secrets on every run.
    const again = await add("--server-public-key", server.publicKey);
    expect(/PrivateKey = (\S+)/.exec(again.stdout)![1]).not.toBe(privateKey);
  });

  it.each([
    [["--host", "203.0.113.300"], "--host must be the Pi's IPv4 address inside the VPN, e.g. 10.60.0.12"],
    [["--user", "repl; DROP"], "--user must be 1-32 letters, digits or _"],
    [["--binlog-days", "2"], "--binlog-days must be at least 7"],
    [["--server-public-key", "not-a-key"], "the server's WireGuard public key is malformed"],
  ])("refuses %j", async (extra, message) => {
    const args = ["--server-public-key", server.publicKey, ...extra];
    const result = await add(...args);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`error: ${message}`);
  });

  it("explains a missing server key and an unknown station", async () => {
    const noKey = await runCli(
      ["replication", "add-station", "nice-pessicart", "--host", "10.60.0.12", "--user", "repl"],
      { ...env(), WG_SERVER_PUBLIC_KEY_FILE: "/nonexistent/server.pub" },
    );
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("the server's WireGuard public key is unknown: pass --server-public-key");
    const unknown = await runCli(
      [
        "replication",
        "add-station",
        "levens",
        "--host",
        "10.60.0.13",
        "--user",
        "repl",
        "--server-public-key",
        server.publicKey,
      ],
      env(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('error: unknown station "levens": add it first with `stations add`');
  });
});

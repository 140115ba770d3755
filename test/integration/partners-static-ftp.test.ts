import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealCredentials } from "@/lib/partners/feeds";
import { ROWS, T } from "../fixtures/partners/scenario";
import { freePort } from "../helpers/app";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type FtpTestServer, startFtpServer, startSilentServer, writeArchive } from "../helpers/partners";

/**
 * StatIC over real FTP on loopback: a server that accepts the right login, wrong credentials, a refused
 * connection and a server that never answers, all in one run of the real CLI.
 */

const AT = "2026-01-15T14:32:00Z";
const GOLDEN = readFileSync("test/fixtures/partners/StatIC_golden.txt", "utf8");
const PASSWORD = "Bon-M0t-de-Passe";

let dbs: TestDatabases;
let ftp: FtpTestServer;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
let env: Record<string, string>;

async function station(slug: string, endpoint: string, username: string, password: string) {
  const archiveDatabase = `${dbs.prefix}${slug.replace(/-/g, "_")}`;
  await writeArchive(dbs.admin, archiveDatabase, 16, ROWS, { extraColumns: ["lowOutTemp", "highOutTemp"] });
  const created = await dbs.prisma.station.create({
    data: {
      slug,
      name: `Station ${slug}`,
      shortName: slug,
      commune: "Nice",
      latitude: 43.7,
      longitude: 7.25,
      altitude: 10,
      archiveDatabase,
    },
  });
  return dbs.prisma.partnerFeed.create({
    data: {
      stationId: created.id,
      partner: "STATIC",
      enabled: true,
      partnerStationId: `m06_${slug.replace(/-/g, "_")}`,
      endpoint,
      credentials: sealCredentials(created.id, "STATIC", { username, password }),
    },
  });
}

const attempts = (slug: string) =>
  dbs.prisma.partnerAttempt.findMany({
    where: { feed: { station: { slug } } },
    orderBy: { id: "asc" },
  });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  ftp = await startFtpServer("station-ok", PASSWORD);
  silent = await startSilentServer();
  env = {
    DATABASE_URL: dbs.appUrl,
    PARTNER_SECRET_KEY: process.env.PARTNER_SECRET_KEY,
    PARTNER_TIMEOUT_SECONDS: "2",
  };
  await station("bonne", ftp.url, "station-ok", PASSWORD);
  await station("mauvais-mdp", ftp.url, "station-ok", "Mauvais-Secret");
  await station("refus", `ftp://127.0.0.1:${await freePort()}/`, "x", "Secret-Refus");
  await station("muet", `ftp://127.0.0.1:${silent.port}/`, "x", "Secret-Muet");
});
afterAll(async () => {
  await ftp?.close();
  await silent?.close();
  await dbs?.drop();
});

describe("StatIC over FTP", () => {
  it("uploads the good station's file, records each failure, and exits non-zero", async () => {
    const started = Date.now();
    const result = await runCli(["partners", "send", "--partner", "static", "--at", AT], env);
    expect(result.code).toBe(1);

    // The good station's file arrived whole, under its final name, through a temporary one.
    expect(readdirSync(ftp.root)).toEqual(["StatIC_m06_bonne.txt"]);
    expect(readFileSync(path.join(ftp.root, "StatIC_m06_bonne.txt"), "utf8")).toBe(
      GOLDEN.replace("id_station=m06_golden", "id_station=m06_bonne"),
    );
    expect(ftp.events).toEqual(["STOR StatIC_m06_bonne.txt.tmp", "RNTO StatIC_m06_bonne.txt"]);

    const [ok] = await attempts("bonne");
    expect(ok).toMatchObject({
      outcome: "SUCCESS",
      status: "FTP 250",
      recordTime: T("2026-01-15T14:30:00Z"),
    });
    const wrong = await attempts("mauvais-mdp");
    expect(wrong).toMatchObject([{ outcome: "FAILURE", status: "FTP 530" }]);
    expect(wrong[0].excerpt).toMatch(/Login incorrect/);
    expect((await attempts("refus"))[0]).toMatchObject({ outcome: "FAILURE", status: "ECONNREFUSED" });
    const hung = (await attempts("muet"))[0];
    expect(hung).toMatchObject({ outcome: "FAILURE", status: "timeout" });
    expect(hung.durationMs).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(30_000);

    expect(result.stdout).toMatch(/sent\s+bonne · StatIC : relevé de 14h30 UTC déposé \(FTP 250\)/);
    expect(result.stderr).toMatch(/failed\s+mauvais-mdp · StatIC : FTP 530/);
    expect(result.stderr).toMatch(/failed\s+refus · StatIC : ECONNREFUSED/);
    expect(result.stderr).toMatch(/failed\s+muet · StatIC : timeout/);
    const everything =
      JSON.stringify(await dbs.prisma.partnerAttempt.findMany()) + result.stdout + result.stderr;
    for (const secret of ["Mauvais-Secret", "Secret-Refus", "Secret-Muet", PASSWORD]) {
      expect(everything).not.toContain(secret);
    }
    const feed = await dbs.prisma.partnerFeed.findFirstOrThrow({
      where: { station: { slug: "mauvais-mdp" } },
    });
    expect(feed.lastError).toMatch(/^FTP 530/);
    expect(feed.failingSince).not.toBeNull();
    const job = await dbs.prisma.jobRun.findFirstOrThrow({ where: { name: "partners:static" } });
    expect(job).toMatchObject({
      status: "SUCCESS",
      message: "4 feed(s), 1 payload(s) acknowledged, 3 failed",
    });
  });

  it("overwrites the file at the next run, and skips data older than 20 minutes", async () => {
    ftp.events.length = 0;
    const next = await runCli(
      ["partners", "send", "--station", "bonne", "--at", "2026-01-15T14:26:00Z"],
      env,
    );
    expect(next.code).toBe(0);
    const text = readFileSync(path.join(ftp.root, "StatIC_m06_bonne.txt"), "utf8");
    expect(text).toContain("heure_releve_utc=14h25\n");
    expect(ftp.events).toEqual(["STOR StatIC_m06_bonne.txt.tmp", "RNTO StatIC_m06_bonne.txt"]);
    expect(existsSync(path.join(ftp.root, "StatIC_m06_bonne.txt.tmp"))).toBe(false);

    const stale = await runCli(
      ["partners", "send", "--station", "bonne", "--at", "2026-01-15T15:00:00Z"],
      env,
    );
    expect(stale.code).toBe(0);
    expect(stale.stdout).toMatch(
      /skipped\s+bonne · StatIC : le dernier relevé \(15\/01\/2026 14h30 UTC\) a 30 min/,
    );
    expect((await attempts("bonne")).at(-1)).toMatchObject({ outcome: "SKIPPED", recordTime: null });
    expect(ftp.events).toHaveLength(2);
  });

  it("raises the feed's alert after an hour of failures, and clears it when it works again", async () => {
    const feed = await dbs.prisma.partnerFeed.findFirstOrThrow({
      where: { station: { slug: "mauvais-mdp" } },
    });
    await dbs.prisma.partnerFeed.update({
      where: { id: feed.id },
      data: { failingSince: new Date(Date.now() - 61 * 60_000) },
    });
    await runCli(["partners", "send", "--station", "mauvais-mdp", "--at", AT], env);
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "feed:static:mauvais-mdp" } });
    expect(check.state).toBe("CRITICAL");
    expect(check.message).toMatch(/StatIC · Station mauvais-mdp : en échec depuis 1 h 0[01] \(FTP 530/);
    expect(check.message).not.toContain("Mauvais-Secret");

    await dbs.prisma.partnerFeed.update({
      where: { id: feed.id },
      data: {
        credentials: sealCredentials(feed.stationId, "STATIC", {
          username: "station-ok",
          password: PASSWORD,
        }),
      },
    });
    const fixed = await runCli(["partners", "send", "--station", "mauvais-mdp", "--at", AT], env);
    expect(fixed.code).toBe(0);
    const after = await dbs.prisma.check.findUniqueOrThrow({
      where: { key: "feed:static:mauvais-mdp" },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(after.state).toBe("OK");
    expect(after.events.map((e) => `${e.from}>${e.to}`)).toEqual(["OK>CRITICAL", "CRITICAL>OK"]);
    expect(readdirSync(ftp.root).sort()).toEqual(["StatIC_m06_bonne.txt", "StatIC_m06_mauvais_mdp.txt"]);
  });

  it("replaces the file on a server that refuses to rename over an existing one", async () => {
    const strict = await startFtpServer("station-ok", PASSWORD, { refuseOverwrite: true });
    try {
      const feed = await dbs.prisma.partnerFeed.findFirstOrThrow({ where: { station: { slug: "bonne" } } });
      await dbs.prisma.partnerFeed.update({ where: { id: feed.id }, data: { endpoint: strict.url } });
      for (const at of ["2026-01-15T14:26:00Z", AT]) {
        expect((await runCli(["partners", "send", "--station", "bonne", "--at", at], env)).code).toBe(0);
      }
      expect(strict.events).toEqual([
        "STOR StatIC_m06_bonne.txt.tmp",
        "RNTO StatIC_m06_bonne.txt",
        "STOR StatIC_m06_bonne.txt.tmp",
        "RNTO failed",
        "DELE StatIC_m06_bonne.txt",
        "RNTO StatIC_m06_bonne.txt",
      ]);
      expect(readdirSync(strict.root)).toEqual(["StatIC_m06_bonne.txt"]);
      expect(readFileSync(path.join(strict.root, "StatIC_m06_bonne.txt"), "utf8")).toContain(
        "heure_releve_utc=14h30\n",
      );
      await dbs.prisma.partnerFeed.update({ where: { id: feed.id }, data: { endpoint: ftp.url } });
    } finally {
      await strict.close();
    }
  });

  it("previews without sending", async () => {
    ftp.events.length = 0;
    const preview = await runCli(["partners", "send", "--station", "bonne", "--dry-run", "--at", AT], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(
      `=== bonne · StatIC (id m06_bonne, enabled) ===\n# fichier à déposer : ${ftp.url}StatIC_m06_bonne.txt\n# INFORMATIONS\nid_station=m06_bonne\n`,
    );
    expect(ftp.events).toEqual([]);
  });
});

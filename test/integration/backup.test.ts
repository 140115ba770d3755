import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "@/lib/ops/backup";
import { loadWeewxFixture } from "../helpers/archives";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";
import { createLevens } from "../helpers/stations";

/** Backups with the machine's mariadb-dump / mariadb, on this file's own databases of the test server. */

const root = mkdtempSync(path.join(tmpdir(), "m06-backup-"));
const backupDir = path.join(root, "backups");
const offsite = path.join(root, "offsite");
const small = path.join(root, "small");
let mounted = false;
let dbs: TestDatabases;
let smtp: SmtpSink;
let archive: string;
let env: Record<string, string>;

beforeAll(async () => {
  dbs = await createTestDatabases();
  smtp = await startSmtpSink();
  archive = `${dbs.prefix}weewx_levens`;
  await loadWeewxFixture(dbs.admin, archive);
  await createLevens(dbs, archive);
  env = {
    DATABASE_URL: dbs.appUrl,
    BACKUP_DIR: backupDir,
    BACKUP_OFFSITE: offsite,
    SMTP_URL: smtp.url,
    ALERT_EMAILS: "astreinte@meteo06.test",
  };
});

afterAll(async () => {
  if (mounted) execFileSync("umount", [small]);
  await smtp?.close();
  await dbs?.drop();
  rmSync(root, { recursive: true, force: true });
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function count(database: string, table: string): Promise<number> {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM ??.??", [
    database,
    table,
  ]);
  return Number(row.n);
}

function latest(): { dir: string; manifest: Manifest } {
  const id = readdirSync(backupDir)
    .filter((n) => /Z$/.test(n))
    .sort()
    .at(-1)!;
  const dir = path.join(backupDir, id);
  return { dir, manifest: JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) };
}

describe("backups", () => {
  it("dumps the app database and every station archive, checksummed, and copies them off-site", async () => {
    const result = await runCli(["backup", "run"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`off-site copy: ${offsite} up to date`);
    const { dir, manifest } = latest();
    expect(manifest.databases.map((d) => d.database)).toEqual([`${dbs.prefix}app`, archive]);
    const weewx = manifest.databases[1];
    expect(weewx.tables.archive.rows).toBe(await count(archive, "archive"));
    expect(manifest.databases[0].tables.Station.rows).toBe(1);
    for (const d of manifest.databases) {
      expect(sha256(path.join(dir, d.file))).toBe(d.sha256);
      expect(sha256(path.join(offsite, path.basename(dir), d.file))).toBe(d.sha256);
      expect(gunzipSync(readFileSync(path.join(dir, d.file))).toString()).toContain("CREATE TABLE");
    }
    const list = await runCli(["backup", "list"], env);
    expect(list.stdout).toContain(path.basename(dir));
    expect((await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:run" } })).state).toBe("OK");
  });

  it("restore-tests the newest backup into a scratch database, then drops it", async () => {
    const result = await runCli(["backup", "restore-test", "--scratch-prefix", `${dbs.prefix}rt_`], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`${archive}: identical`);
    expect(result.stdout).toMatch(/restore test passed/);
    const [left] = await dbs.admin.query<RowDataPacket[]>("SHOW DATABASES LIKE ?", [
      `${dbs.prefix.replace(/_/g, "\\_")}rt%`,
    ]);
    expect(left).toEqual([]);
  });

  it("detects a backup whose content was altered, and one whose file is damaged", async () => {
    const { dir, manifest } = latest();
    const weewx = manifest.databases[1];
    const file = path.join(dir, weewx.file);
    const original = readFileSync(file);
    // One archive value changed, the file re-compressed and its checksum updated: only the restore sees it.
    const sql = gunzipSync(original).toString();
    const altered = sql.replace(
      /(INSERT INTO `archive` VALUES\s*)\((\d+),/,
      (_m, head, t) => `${head}(${Number(t) - 1},`,
    );
    expect(altered).not.toBe(sql);
    writeFileSync(file, gzipSync(altered));
    writeFileSync(
      path.join(dir, "manifest.json"),
      JSON.stringify({ ...manifest, databases: [manifest.databases[0], { ...weewx, sha256: sha256(file) }] }),
    );
    let result = await runCli(["backup", "restore-test", "--scratch-prefix", `${dbs.prefix}rt_`], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`${archive}: archive: checksum \\d+ instead of ${weewx.tables.archive.checksum}`),
    );
    expect(result.stdout).toContain("restore test FAILED");
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:restore-test" } });
    expect(check.state).toBe("CRITICAL");
    await smtp.waitFor(1);
    expect(smtp.messages.map((m) => m.subject)).toContain("[Météo06] CRITIQUE : backup:restore-test");

    // Bytes flipped in the compressed file: the SHA-256 and the load both fail.
    const damaged = Buffer.from(original);
    damaged.fill(0x55, 200, 260);
    writeFileSync(file, damaged);
    result = await runCli(["backup", "restore-test", "--scratch-prefix", `${dbs.prefix}rt_`], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/SHA-256 \w+… instead of/);
    expect(result.stdout).toMatch(/does not load|rows instead of|missing after restore/);
  });

  it("prunes to 7 daily, 4 weekly and 12 monthly backups, and mirrors that off-site", async () => {
    rmSync(backupDir, { recursive: true, force: true });
    mkdirSync(backupDir);
    const { manifest } = { manifest: { databases: [] as unknown[] } };
    for (
      let d = new Date(Date.UTC(2026, 0, 1, 2, 15));
      d <= new Date(Date.UTC(2026, 10, 25, 3));
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const id = `${d.toISOString().slice(0, 10)}T021500Z`;
      mkdirSync(path.join(backupDir, id));
      writeFileSync(path.join(backupDir, id, "manifest.json"), JSON.stringify({ ...manifest, id }));
    }
    const stale = new Date(Date.now() - 3 * 86400_000).toISOString().slice(0, 10);
    mkdirSync(path.join(backupDir, `${stale}T021500Z.partial`));
    writeFileSync(path.join(backupDir, "LISEZMOI.txt"), "not a backup");

    const result = await runCli(["backup", "prune"], env);
    expect(result.code, result.stderr).toBe(0);
    const kept = readdirSync(backupDir).sort();
    const expected = [
      "01-31",
      "02-28",
      "03-31",
      "04-30",
      "05-31",
      "06-30",
      "07-31",
      "08-31",
      "09-30",
      "10-31", // monthly
      "11-08",
      "11-15", // weekly (ISO weeks of 2 and 9 November; 16-22 November is covered by the 22nd)
      "11-19",
      "11-20",
      "11-21",
      "11-22",
      "11-23",
      "11-24",
      "11-25", // daily
    ].map((day) => `2026-${day}T021500Z`);
    expect(kept).toEqual([...expected, "LISEZMOI.txt"].sort());
    expect(result.stdout).toContain("19 backups kept");
    expect(
      readdirSync(offsite)
        .filter((n) => n.endsWith("Z"))
        .sort(),
    ).toEqual(expected);
  });

  it("refuses to start, with an alert, when the backup could fill the disk", async () => {
    mkdirSync(small);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", small]);
    mounted = true;
    const s = statfsSync(small);
    writeFileSync(path.join(small, "fill"), Buffer.alloc(Math.floor(s.blocks * s.bsize * 0.95), 1));
    const before = smtp.messages.length;
    const result = await runCli(["backup", "run"], { ...env, BACKUP_DIR: small, BACKUP_OFFSITE: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: not enough space for a backup in .*small: about .* needed, .* free, and the disk must stay below 90 %/,
    );
    expect(readdirSync(small)).toEqual(["fill"]);
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:run" } });
    expect(check.state).toBe("CRITICAL");
    await smtp.waitFor(before + 1);
    expect(smtp.messages.slice(before).map((m) => m.subject)).toEqual(["[Météo06] CRITIQUE : backup:run"]);
    expect(existsSync(path.join(small, "fill"))).toBe(true);
  });
});

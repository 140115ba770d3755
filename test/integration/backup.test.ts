import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnvFile } from "@/lib/env-file";
import { loadWeewxFixture } from "../helpers/archives";
import { runCli } from "../helpers/cli";
import { createTestDatabases, serverUrl, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";
import { createLevens } from "../helpers/stations";

/**
 * Backups with the machine's mariadb-dump / mariadb and restic, on this file's own databases of the test
 * server; a local folder stands for the repository on the backup host.
 */

const root = mkdtempSync(path.join(tmpdir(), "m06-backup-"));
const backupDir = path.join(root, "backups");
const repository = path.join(root, "backup-host", "meteo06");
const passwordFile = path.join(root, "etc", "backup-password");
const settingsFile = path.join(root, "etc", "env");
const media = path.join(root, "data", "media");
const webcams = path.join(root, "data", "webcam");
const photos = path.join(root, "data", "station-photos");
const small = path.join(root, "small");
const AUTH_SECRET = "auth-secret-of-server-a-0123456789";
const PARTNER_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
const IMAGE = path.join(media, "0123456789abcdef", "960.webp");
let mounted = false;
let dbs: TestDatabases;
let smtp: SmtpSink;
let archive: string;
let env: Record<string, string>;

function writeFile(file: string, data: string | Buffer) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  smtp = await startSmtpSink();
  archive = `${dbs.prefix}weewx_levens`;
  await loadWeewxFixture(dbs.admin, archive);
  await createLevens(dbs, archive);
  // The server's settings file, as install.sh writes it; DATABASE_URL is read from it.
  writeFile(
    settingsFile,
    [
      "# Météo06 production settings",
      `DATABASE_URL=${dbs.appUrl}`,
      "DB_PASSWORD_APP=password-of-server-a",
      `AUTH_SECRET=${AUTH_SECRET}`,
      `PARTNER_SECRET_KEY=${PARTNER_SECRET_KEY}`,
      'MAIL_FROM="Météo06 <noreply@meteo06.test>"',
      "",
    ].join("\n"),
  );
  writeFile(IMAGE, Buffer.from("an article image"));
  writeFile(path.join(media, ".tmp", "0123456789abcdef-half", "480.webp"), "half-written upload");
  writeFile(path.join(webcams, "1", "1", "archive", "2026-12-01", "120000-large.jpg"), "webcam archive");
  writeFile(path.join(webcams, "1", "1", "latest-large.jpg"), "newest webcam image");
  writeFile(path.join(photos, "1", "abcdef-large.jpg"), "station photo");
  env = {
    METEO_ENV_FILE: settingsFile,
    BACKUP_DIR: backupDir,
    BACKUP_REPOSITORY: repository,
    BACKUP_PASSWORD_FILE: passwordFile,
    MEDIA_DIR: media,
    WEBCAM_DIR: webcams,
    STATION_PHOTOS_DIR: photos,
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

const resticEnv = (repo = repository) => ({
  ...process.env,
  RESTIC_REPOSITORY: repo,
  RESTIC_PASSWORD_FILE: passwordFile,
});

function snapshotCount(repo = repository): number {
  return JSON.parse(
    execFileSync("restic", ["snapshots", "--json"], { env: resticEnv(repo), encoding: "utf8" }),
  ).length;
}

async function count(database: string, table: string): Promise<number> {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM ??.??", [
    database,
    table,
  ]);
  return Number(row.n);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

// Several CLI start-ups, restic and mariadb runs per test: room for a loaded machine.
describe("backups with restic", { timeout: 240_000 }, () => {
  it("initialises the repository with a password printed once, kept in a root-only file", async () => {
    const first = await runCli(["backup", "init"], env);
    expect(first.code, first.stderr).toBe(0);
    const password = readFileSync(passwordFile, "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(first.stdout).toContain(`repository ${repository} created`);
    expect(first.stdout).toContain(`    ${password}\n`);
    expect(first.stdout).toContain("password manager");
    const again = await runCli(["backup", "init"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("already initialised");
    expect(again.stdout).not.toContain(password);
  });

  it("stores the databases, data folders and settings as one encrypted snapshot, with SHA256SUMS", async () => {
    const result = await runCli(["backup", "run"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/backup \S+ stored as snapshot [0-9a-f]{8}/);
    expect(snapshotCount()).toBe(1);
    const latest = path.join(backupDir, "latest");
    const manifest = JSON.parse(readFileSync(path.join(latest, "manifest.json"), "utf8"));
    expect(manifest.databases.map((d: { database: string }) => d.database)).toEqual([
      `${dbs.prefix}app`,
      archive,
    ]);
    expect(manifest.databases[1].tables.archive.rows).toBe(await count(archive, "archive"));
    expect(manifest.folders).toEqual({ MEDIA_DIR: media, WEBCAM_DIR: webcams, STATION_PHOTOS_DIR: photos });
    expect(parseEnvFile(readFileSync(path.join(latest, "settings.env"), "utf8")).values.AUTH_SECRET).toBe(
      AUTH_SECRET,
    );
    // sha256sum itself agrees with the sums, from the restore root (paths are relative to /).
    const sums = readFileSync(path.join(latest, "SHA256SUMS"), "utf8");
    expect(
      execFileSync("sha256sum", ["--check", "--quiet", path.join(latest, "SHA256SUMS")], {
        cwd: "/",
      }).toString(),
    ).toBe("");
    expect(sums).toContain(path.relative("/", IMAGE));
    expect(sums).toContain("120000-large.jpg");
    expect(sums).toContain(`${dbs.prefix}weewx_levens.sql.gz`);
    expect(sums).not.toContain("latest-large.jpg"); // changes every minute: saved, not checksummed
    expect(sums).not.toContain(".tmp");
    // Encrypted: neither a secret nor a dump nor a media file can be read on the backup host.
    for (const file of filesUnder(repository)) {
      const bytes = readFileSync(file);
      for (const secret of [AUTH_SECRET, "CREATE TABLE", "an article image"])
        expect(bytes.includes(secret)).toBe(false);
    }
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:run" } });
    expect(check.state).toBe("OK");
    const list = await runCli(["backup", "list"], env);
    expect(list.stdout).toMatch(/snapshot\s+date\s+host/);
  });

  it("restore-tests the newest snapshot from the repository into scratch databases, then drops them", async () => {
    const result = await runCli(["backup", "restore-test", "--scratch-prefix", `${dbs.prefix}rt_`], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`${archive}: identical`);
    expect(result.stdout).toMatch(/restore test passed/);
    const [left] = await dbs.admin.query<RowDataPacket[]>("SHOW DATABASES LIKE ?", [
      `${dbs.prefix.replace(/_/g, "\\_")}rt%`,
    ]);
    expect(left).toEqual([]);
    expect(readdirSync(backupDir).filter((n) => n.startsWith("restore-"))).toEqual([]);
  });

  it("restores the site: databases, media, webcam archives, station photos and secrets", async () => {
    // What a lost server looks like: here, emptied on purpose.
    await dbs.admin.query("DELETE FROM ??.Station", [`${dbs.prefix}app`]);
    await dbs.admin.query("DELETE FROM ??.archive LIMIT 10", [archive]);
    rmSync(media, { recursive: true });
    rmSync(photos, { recursive: true });
    mkdirSync(photos);
    writeFile(path.join(photos, "not-in-the-backup.jpg"), "a newer file");
    writeFileSync(
      settingsFile,
      "DATABASE_URL=mysql://meteo06_app:password-of-server-b@127.0.0.1/x\nDB_PASSWORD_APP=password-of-server-b\n",
    );

    const result = await runCli(["backup", "restore", "--database-url", serverUrl()], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("every checksum verified");
    expect(result.stdout).toContain(`${archive}: restored, identical to the backup`);
    expect(await dbs.prisma.station.count()).toBe(1);
    expect(readFileSync(IMAGE, "utf8")).toBe("an article image");
    expect(
      readFileSync(path.join(webcams, "1", "1", "archive", "2026-12-01", "120000-large.jpg"), "utf8"),
    ).toBe("webcam archive");
    expect(readdirSync(photos, { recursive: true }).sort()).toEqual([
      "1",
      path.join("1", "abcdef-large.jpg"),
    ]);
    const restored = parseEnvFile(readFileSync(settingsFile, "utf8")).values;
    expect(restored).toMatchObject({
      AUTH_SECRET,
      PARTNER_SECRET_KEY,
      MAIL_FROM: "Météo06 <noreply@meteo06.test>",
      // this server's own database accounts are kept
      DB_PASSWORD_APP: "password-of-server-b",
      DATABASE_URL: "mysql://meteo06_app:password-of-server-b@127.0.0.1/x",
    });
    writeFileSync(settingsFile, readFileSync(path.join(backupDir, "latest", "settings.env")));
  });

  it("refuses a damaged backup before touching the site, and the restore test raises an alert", async () => {
    // The site moves on after the backup...
    writeFile(path.join(media, "fedcba9876543210", "960.webp"), "an image uploaded after the backup");
    await dbs.admin.query("UPDATE ??.Station SET name = 'Levens (renamed)'", [`${dbs.prefix}app`]);
    const settingsBefore = readFileSync(settingsFile, "utf8");
    // ...and the backup host's disk damages the repository.
    for (const file of filesUnder(path.join(repository, "data"))) {
      const bytes = readFileSync(file);
      bytes.fill(0x55, 100, 160);
      chmodSync(file, 0o600);
      writeFileSync(file, bytes);
    }

    const result = await runCli(["backup", "restore", "--database-url", serverUrl()], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*nothing on this server was changed/m);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(path.join(media, "fedcba9876543210", "960.webp"), "utf8")).toBe(
      "an image uploaded after the backup",
    );
    expect(readFileSync(IMAGE, "utf8")).toBe("an article image");
    expect((await dbs.prisma.station.findFirstOrThrow()).name).toBe("Levens (renamed)");
    expect(readFileSync(settingsFile, "utf8")).toBe(settingsBefore);
    expect(readdirSync(backupDir).filter((n) => n.startsWith("restore-"))).toEqual([]);

    const test = await runCli(["backup", "restore-test", "--scratch-prefix", `${dbs.prefix}rt_`], env);
    expect(test.code).toBe(1);
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:restore-test" } });
    expect(check.state).toBe("CRITICAL");
    await smtp.waitFor(1);
    expect(smtp.messages.map((m) => m.subject)).toContain("[Météo06] CRITIQUE : backup:restore-test");
  });

  it("keeps 7 daily, 4 weekly and 12 monthly snapshots (restic forget --prune), then checks the repository", async () => {
    const repo = path.join(root, "backup-host", "retention");
    execFileSync("restic", ["init"], { env: resticEnv(repo), stdio: "ignore" });
    const content = path.join(root, "retention-content");
    writeFile(path.join(content, "file"), "x");
    const times = [
      ...Array.from({ length: 11 }, (_, i) => new Date(Date.UTC(2029, 3 + i, 15, 3, 15))), // 2029-04-15 … 2030-02-15
      ...Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2030, 2, 1 + i, 3, 15))), // 2030-03-01 … 03-16
    ];
    for (const time of times) {
      execFileSync(
        "restic",
        ["backup", "--tag", "meteo06", "--time", time.toISOString().slice(0, 19).replace("T", " "), content],
        { env: resticEnv(repo), stdio: "ignore" },
      );
    }
    const result = await runCli(["backup", "prune"], { ...env, BACKUP_REPOSITORY: repo });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("no errors were found");
    const kept = JSON.parse(
      execFileSync("restic", ["snapshots", "--json"], { env: resticEnv(repo), encoding: "utf8" }),
    )
      .map((s: { time: string }) => s.time.slice(0, 10))
      .sort();
    expect(kept).toEqual([
      ...["04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2029-${m}-15`), // monthly
      "2030-01-15",
      "2030-02-15", // monthly (and weekly)
      "2030-03-03", // weekly
      ...["10", "11", "12", "13", "14", "15", "16"].map((d) => `2030-03-${d}`), // daily
    ]);
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "backup:prune" } });
    expect(check.state).toBe("OK");
  });

  it("refuses to start, with an alert, when the dumps could fill the disk", async () => {
    mkdirSync(small);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", small]);
    mounted = true;
    const s = statfsSync(small);
    writeFileSync(path.join(small, "fill"), Buffer.alloc(Math.floor(s.blocks * s.bsize * 0.95), 1));
    const before = smtp.messages.length;
    const result = await runCli(["backup", "run"], { ...env, BACKUP_DIR: small });
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

  it("says which setting is missing", async () => {
    const result = await runCli(["backup", "run"], { ...env, BACKUP_REPOSITORY: "" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: BACKUP_REPOSITORY is missing: the restic repository on the backup host (e.g. sftp:backup@backup-host:/srv/meteo06)",
    );
  });
});

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statfsSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeCheck } from "@/lib/ops/alerts";
import { runMonitor } from "@/lib/ops/monitor";
import { freePort } from "../helpers/app";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

/**
 * The monitor against a real small filesystem (a tmpfs of 8 MiB mounted by the test, which runs as
 * root like CI) filled past each threshold: a real SMTP server and a real webhook receive exactly one
 * message per state change, a reminder a day later, none once acknowledged.
 */

const root = mkdtempSync(path.join(tmpdir(), "m06-monitor-"));
const disk = path.join(root, "disk");
let mounted = false;
let dbs: TestDatabases;
let smtp: SmtpSink;
let webhook: Server;
const hooks: { key: string; state: string; kind: string }[] = [];
// Simulated time runs in the past, so that the CLI runs of the last test (real time) come after it.
const t0 = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 40 * 86400_000);
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function usage() {
  const s = statfsSync(disk);
  const used = (s.blocks - s.bfree) * s.bsize;
  return { used, total: used + s.bavail * s.bsize };
}

/** Fills the filesystem to `percent` % (one file, rewritten). */
function fillTo(percent: number) {
  rmSync(path.join(disk, "fill"), { force: true });
  const { used, total } = usage();
  const bytes = Math.max(0, Math.round((total * percent) / 100 - used));
  writeFileSync(path.join(disk, "fill"), Buffer.alloc(bytes, 1));
}

const diskMails = () =>
  smtp.messages.filter((m) => m.subject?.includes(`disk:${disk}`)).map((m) => m.subject);
const diskHooks = () => hooks.filter((h) => h.key === `disk:${disk}`).map((h) => `${h.kind}:${h.state}`);

beforeAll(async () => {
  mkdirSync(disk);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk], { stdio: "pipe" });
    mounted = true;
  } catch (error) {
    throw new Error(`this test mounts a tmpfs and must run as root (like CI): ${(error as Error).message}`);
  }
  dbs = await createTestDatabases();
  smtp = await startSmtpSink();
  webhook = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      hooks.push(JSON.parse(body));
      response.end("ok");
    });
  });
  const hookPort = await new Promise<number>((resolve) =>
    webhook.listen(0, "127.0.0.1", () => resolve((webhook.address() as { port: number }).port)),
  );
  Object.assign(process.env, {
    DATABASE_URL: dbs.appUrl,
    SMTP_URL: smtp.url,
    ALERT_EMAILS: "astreinte@meteo06.test, president@meteo06.test",
    ALERT_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hook`,
    MONITOR_DISK_PATHS: disk,
    BACKUP_DIR: path.join(root, "backups"),
    // No replica in this test: the replication check fails to connect and must not stop the others.
    REPLICATION_DATABASE_URL: `mysql://root@127.0.0.1:${await freePort()}/`,
  });
});

afterAll(async () => {
  if (mounted) execFileSync("umount", [disk]);
  await smtp?.close();
  webhook?.close();
  await dbs?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe("disk monitoring and alerts", () => {
  it("sends exactly one message per state change, a daily reminder, and none once acknowledged", async () => {
    fillTo(50);
    let report = await runMonitor(at(0));
    expect(report.outcomes.find((o) => o.key === `disk:${disk}`)?.state).toBe("OK");
    // The other checks ran although the replica is unreachable.
    expect(report.outcomes.map((o) => o.key)).toEqual(
      expect.arrayContaining(["service:mariadb", "backup:age", "replication", "storage", "alerts"]),
    );
    expect(report.outcomes.find((o) => o.key === "replication")?.state).toBe("CRITICAL");
    expect(diskMails()).toEqual([]);

    fillTo(85);
    report = await runMonitor(at(5));
    const warning = report.outcomes.find((o) => o.key === `disk:${disk}`)!;
    expect(warning.state).toBe("WARNING");
    expect(warning.message).toMatch(new RegExp(`^${disk} : 8[45] % utilisés`));
    await smtp.waitFor(1);
    expect(diskMails()).toEqual([`[Météo06] AVERTISSEMENT : disk:${disk}`]);
    const mail = smtp.messages.find((m) => m.subject?.includes(`disk:${disk}`))!;
    expect((mail.to as { text: string }).text).toBe("astreinte@meteo06.test, president@meteo06.test");
    expect(mail.text).toContain("/admin/etat");

    fillTo(87);
    await runMonitor(at(10));
    expect(diskMails()).toHaveLength(1);

    fillTo(96);
    await runMonitor(at(15));
    await runMonitor(at(60));
    expect(diskMails()).toEqual([
      `[Météo06] AVERTISSEMENT : disk:${disk}`,
      `[Météo06] CRITIQUE : disk:${disk}`,
    ]);

    // Still critical a day after the last message: one reminder, not one per run.
    await runMonitor(at(15 + 24 * 60));
    await runMonitor(at(20 + 24 * 60));
    expect(diskMails()[2]).toMatch(
      new RegExp(`^\\[Météo06\\] Rappel : disk:${disk} toujours CRITIQUE depuis 24 h 00`),
    );
    expect(diskMails()).toHaveLength(3);

    expect(await acknowledgeCheck(`disk:${disk}`, "Julie")).toBe(true);
    await runMonitor(at(30 + 48 * 60));
    expect(diskMails()).toHaveLength(3);

    // Days later (the fill history has left the forecast window), the disk is freed.
    unlinkSync(path.join(disk, "fill"));
    report = await runMonitor(at(10 * 24 * 60));
    expect(report.outcomes.find((o) => o.key === `disk:${disk}`)?.state).toBe("OK");
    expect(diskMails()).toEqual([
      `[Météo06] AVERTISSEMENT : disk:${disk}`,
      `[Météo06] CRITIQUE : disk:${disk}`,
      expect.stringMatching(/Rappel/),
      `[Météo06] Rétabli : disk:${disk}`,
    ]);
    expect(diskHooks()).toEqual(["change:WARNING", "change:CRITICAL", "reminder:CRITICAL", "change:OK"]);
    const events = await dbs.prisma.checkEvent.findMany({
      where: { check: { key: `disk:${disk}` } },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => `${e.from}>${e.to}`)).toEqual(["OK>WARNING", "WARNING>CRITICAL", "CRITICAL>OK"]);
  });

  it("warns from the fill rate before any threshold is reached", async () => {
    const now = at(20 * 24 * 60);
    await dbs.prisma.diskSample.deleteMany({});
    fillTo(30);
    const { used, total } = usage();
    const free = total - used;
    // Recorded history: the disk grows by a tenth of its free space per day (full in 10 days).
    const perDay = free / 10;
    await dbs.prisma.diskSample.createMany({
      data: [48, 36, 24, 12].map((hours) => ({
        path: disk,
        usedBytes: BigInt(Math.round(used - (perDay * hours) / 24)),
        totalBytes: BigInt(total),
        at: new Date(now.getTime() - hours * 3600_000),
      })),
    });
    const report = await runMonitor(now);
    const check = report.outcomes.find((o) => o.key === `disk:${disk}`)!;
    expect(check.state).toBe("WARNING");
    expect(check.message).toMatch(/: 3\d % utilisés .* ; plein dans 10,0 jours au rythme actuel$/);
    expect(diskMails().at(-1)).toBe(`[Météo06] AVERTISSEMENT : disk:${disk}`);
  });

  it("reports the system services that did not start, and the size of every data folder", async () => {
    // systemd does not run here (the real-install test boots it): a stand-in systemctl answers like the
    // booted namespace server, where WireGuard cannot start.
    const bin = path.join(root, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, "systemctl"),
      '#!/bin/sh\ncase "$2" in wg-quick@wg0) echo failed; exit 3 ;; *) echo active ;; esac\n',
      { mode: 0o755 },
    );
    const media = path.join(root, "media");
    mkdirSync(path.join(media, "0123456789abcdef"), { recursive: true });
    writeFileSync(path.join(media, "0123456789abcdef", "960.webp"), Buffer.alloc(3 * 1024 * 1024));
    const saved = { PATH: process.env.PATH, MONITOR_SERVICES: process.env.MONITOR_SERVICES };
    Object.assign(process.env, {
      PATH: `${bin}:${process.env.PATH}`,
      MONITOR_SERVICES: "wg-quick@wg0,fail2ban",
      MEDIA_DIR: media,
      WEBCAM_DIR: path.join(root, "webcam"),
      STATION_PHOTOS_DIR: path.join(root, "station-photos"),
    });
    try {
      const report = await runMonitor(at(25 * 24 * 60));
      const state = (key: string) => report.outcomes.find((o) => o.key === key);
      expect(state("service:wg-quick@wg0")).toMatchObject({
        state: "WARNING",
        message: "wg-quick@wg0 n'est pas démarré (failed) : voir journalctl -u wg-quick@wg0",
      });
      expect(state("service:fail2ban")).toMatchObject({ state: "OK", message: "fail2ban est démarré" });
      expect(state("storage")?.message).toMatch(/médias 3,0\sMo · webcams 0\so · photos des stations 0\so/);
    } finally {
      Object.assign(process.env, saved);
      for (const name of ["MEDIA_DIR", "WEBCAM_DIR", "STATION_PHOTOS_DIR"]) delete process.env[name];
    }
  });

  it("keeps checking and exits non-zero when the SMTP server refuses; delivers the alert once it accepts", async () => {
    smtp.refuse(true);
    fillTo(97);
    const env = {
      ...Object.fromEntries(
        [
          "DATABASE_URL",
          "SMTP_URL",
          "ALERT_EMAILS",
          "MONITOR_DISK_PATHS",
          "BACKUP_DIR",
          "REPLICATION_DATABASE_URL",
        ].map((k) => [k, process.env[k]]),
      ),
    };
    const before = diskMails().length;
    const refused = await runCli(["monitor"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`error: alert disk:${disk} not delivered: e-mail: .*550`));
    // Every other check still ran and was reported.
    for (const key of [`disk:${disk}`, "service:mariadb", "backup:age", "storage", "alerts"]) {
      expect(refused.stdout).toContain(key);
    }
    expect(refused.stdout).toMatch(/alerts\s+CRITICAL\s+\d alerte\(s\) non envoyée\(s\)/);
    expect(diskMails()).toHaveLength(before);

    smtp.refuse(false);
    const accepted = await runCli(["monitor"], env);
    expect(accepted.stderr).not.toContain(`alert disk:${disk} not delivered`);
    expect(diskMails().slice(before)).toEqual([`[Météo06] CRITIQUE : disk:${disk}`]);
    const third = await runCli(["monitor"], env);
    expect(third.stdout).toMatch(/alerts\s+OK/);
    expect(diskMails().slice(before)).toHaveLength(1);
    const runs = await dbs.prisma.jobRun.findMany({ where: { name: "monitor" } });
    expect(runs.length).toBe(3);
  });

  it("refuses to run with a bad threshold, naming it", async () => {
    const result = await runCli(["monitor"], {
      DATABASE_URL: dbs.appUrl,
      DISK_WARNING_PERCENT: "95",
      ALERT_EMAILS: "astreinte",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: Invalid configuration:");
    expect(result.stderr).toContain("ALERT_EMAILS must be e-mail addresses separated by commas");
    expect(result.stderr).toContain("DISK_WARNING_PERCENT must be below DISK_CRITICAL_PERCENT");
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { alertMessage } from "@/lib/ops/alerts";
import { backupId } from "@/lib/ops/backup";
import { daysUntilFull, evaluateDisk, formatBytes } from "@/lib/ops/disk";
import { evaluateJob } from "@/lib/ops/monitor";
import { diagnose, parseStatusRow, repairStatements } from "@/lib/ops/replication";
import { parseOpsSettings } from "@/lib/ops/settings";
import { connectionNameFor, piIdentity, WIREGUARD_KEY, wireguardKeys } from "@/lib/ops/station-link";

const GB = 1024 ** 3;
const thresholds = {
  diskWarningPercent: 80,
  diskCriticalPercent: 90,
  diskFullWarningDays: 14,
  diskFullCriticalDays: 3,
};

describe("disk evaluation", () => {
  const disk = (usedGb: number) => ({ path: "/", usedBytes: usedGb * GB, totalBytes: 250 * GB });

  it("applies the usage thresholds", () => {
    expect(evaluateDisk(disk(100), null, thresholds)).toEqual({
      state: "OK",
      message: "/ : 40 % utilisés (150\u00a0Go libres sur 250\u00a0Go)",
    });
    expect(evaluateDisk(disk(200), null, thresholds).state).toBe("WARNING"); // 80 %
    expect(evaluateDisk(disk(225), null, thresholds).state).toBe("CRITICAL"); // 90 %
  });

  it("takes the worse of usage and forecast", () => {
    expect(evaluateDisk(disk(100), 10, thresholds)).toMatchObject({
      state: "WARNING",
      message: expect.stringMatching(/plein dans 10 jours au rythme actuel$/),
    });
    expect(evaluateDisk(disk(100), 0.5, thresholds)).toMatchObject({
      state: "CRITICAL",
      message: expect.stringMatching(/plein dans 12 h au rythme actuel$/),
    });
    expect(evaluateDisk(disk(100), 30, thresholds).state).toBe("OK");
  });

  it("forecasts from a least-squares line over the last week", () => {
    const now = new Date("2026-11-26T02:00:00Z");
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    // 2 GB a day, 150 GB free: 75 days.
    const growing = [72, 48, 24].map((h) => ({ at: hoursAgo(h), usedBytes: (100 - (2 * h) / 24) * GB }));
    expect(daysUntilFull(growing, disk(100), now)).toBeCloseTo(75, 6);
    // Flat or shrinking: no forecast. Too short a history: none either.
    expect(
      daysUntilFull(
        [72, 48].map((h) => ({ at: hoursAgo(h), usedBytes: 100 * GB })),
        disk(100),
        now,
      ),
    ).toBeNull();
    expect(
      daysUntilFull(
        [72, 48].map((h) => ({ at: hoursAgo(h), usedBytes: 120 * GB })),
        disk(100),
        now,
      ),
    ).toBeNull();
    expect(
      daysUntilFull(
        [
          { at: hoursAgo(0.2), usedBytes: 90 * GB },
          { at: hoursAgo(0.1), usedBytes: 95 * GB },
        ],
        disk(100),
        now,
      ),
    ).toBeNull();
    // Samples older than a week are ignored.
    expect(
      daysUntilFull(
        [
          { at: hoursAgo(200), usedBytes: 0 },
          { at: hoursAgo(190), usedBytes: GB },
        ],
        disk(100),
        now,
      ),
    ).toBeNull();
  });

  it("formats sizes like df -h, in French", () => {
    expect(formatBytes(512)).toBe("512\u00a0o");
    expect(formatBytes(1536 * 1024)).toBe("1,5\u00a0Mo");
    expect(formatBytes(250 * GB)).toBe("250\u00a0Go");
  });
});

describe("replication diagnosis", () => {
  const base = {
    Connection_name: "pessicart",
    Master_Host: "10.60.0.12",
    Slave_IO_Running: "Yes",
    Slave_SQL_Running: "Yes",
    Last_IO_Errno: 0,
    Last_IO_Error: "",
    Last_SQL_Errno: 0,
    Last_SQL_Error: "",
    Relay_Master_Log_File: "weewx-bin.000007",
    Exec_Master_Log_Pos: 4711,
    Using_Gtid: "Slave_Pos",
    Gtid_IO_Pos: "12-1012-345",
    Seconds_Behind_Master: 0,
  };

  it("reads the status by column name, whatever their order", () => {
    const reversed = Object.fromEntries(Object.entries(base).reverse());
    expect(parseStatusRow(reversed)).toMatchObject({
      connection: "pessicart",
      execMasterLogPos: 4711,
      usingGtid: "Slave_Pos",
    });
  });

  it("recognises a corrupted relay log and repairs it from gtid_slave_pos or the executed position", () => {
    const corrupt = parseStatusRow({
      ...base,
      Slave_SQL_Running: "No",
      Last_SQL_Errno: 1594,
      Last_SQL_Error:
        "Relay log read failure: Could not parse relay log event entry. The possible reasons are: …",
    });
    expect(diagnose(corrupt)).toEqual({
      state: "CRITICAL",
      problem: "relay-log-corrupt",
      summary:
        "journal de relais corrompu (1594: Relay log read failure: Could not parse relay log event entry)",
    });
    expect(repairStatements(corrupt)).toEqual([
      "STOP SLAVE 'pessicart'",
      "CHANGE MASTER 'pessicart' TO MASTER_USE_GTID=slave_pos",
      "START SLAVE 'pessicart'",
    ]);
    expect(repairStatements({ ...corrupt, usingGtid: "No" })).toEqual([
      "STOP SLAVE 'pessicart'",
      "RESET SLAVE 'pessicart'",
      "CHANGE MASTER 'pessicart' TO MASTER_LOG_FILE='weewx-bin.000007', MASTER_LOG_POS=4711",
      "START SLAVE 'pessicart'",
    ]);
  });

  it("reports other failures with MariaDB's text instead of repairing them", () => {
    const duplicate = parseStatusRow({
      ...base,
      Slave_SQL_Running: "No",
      Last_SQL_Errno: 1062,
      Last_SQL_Error: "Duplicate entry '1780000000' for key 'PRIMARY'",
    });
    expect(diagnose(duplicate)).toMatchObject({ state: "CRITICAL", problem: "sql-error" });
    expect(diagnose(duplicate).summary).toContain("Duplicate entry '1780000000'");
    const offline = parseStatusRow({
      ...base,
      Slave_IO_Running: "Connecting",
      Last_IO_Errno: 2003,
      Last_IO_Error: "error connecting to master 'repl@10.60.0.12:3306' - retry-time: 30",
    });
    expect(diagnose(offline)).toMatchObject({ state: "WARNING", problem: "master-unreachable" });
    expect(
      diagnose(parseStatusRow({ ...base, Slave_IO_Running: "No", Slave_SQL_Running: "No" })),
    ).toMatchObject({
      state: "CRITICAL",
      problem: "stopped",
    });
    expect(diagnose(parseStatusRow(base))).toMatchObject({ state: "OK", problem: "none" });
  });

  it("refuses connection names that could inject SQL", () => {
    expect(() =>
      repairStatements(parseStatusRow({ ...base, Connection_name: "x'; DROP DATABASE y; --" })),
    ).toThrow(/not a valid replication connection name/);
  });
});

describe("backup names", () => {
  it("names runs after their UTC start", () => {
    expect(backupId(new Date("2026-11-26T02:15:07.123Z"))).toBe("2026-11-26T021507Z");
  });
});

describe("alert messages", () => {
  const since = new Date("2026-11-25T01:58:00Z");
  it("say what changed, since when, and where to acknowledge", () => {
    const m = alertMessage(
      { key: "disk:/", state: "CRITICAL", message: "/ : 93 % utilisés", since },
      "change",
      "WARNING",
      "https://meteo06.fr/admin/etat",
      new Date("2026-11-25T02:03:00Z"),
    );
    expect(m.subject).toBe("[Météo06] CRITIQUE : disk:/");
    expect(m.text).toBe(
      [
        "disk:/ : CRITIQUE (avant : AVERTISSEMENT)",
        "",
        "/ : 93 % utilisés",
        "",
        "Depuis le 25/11/2026 02:58 (5 min).",
        "",
        "Un rappel sera envoyé chaque jour tant que le problème dure, sauf s'il est acquitté : https://meteo06.fr/admin/etat",
      ].join("\n"),
    );
    expect(
      alertMessage({ key: "disk:/", state: "OK", message: "40 %", since }, "change", "CRITICAL", "u").subject,
    ).toBe("[Météo06] Rétabli : disk:/");
    expect(
      alertMessage(
        { key: "disk:/", state: "WARNING", message: "x", since },
        "reminder",
        null,
        "u",
        new Date("2026-11-28T02:00:00Z"),
      ).subject,
    ).toBe("[Météo06] Rappel : disk:/ toujours AVERTISSEMENT depuis 3 j 0 h");
  });
});

describe("operations settings", () => {
  const env = { DATABASE_URL: "mysql://root@127.0.0.1:3306/meteo06" };
  it("has working defaults", () => {
    process.env.DATABASE_URL ??= env.DATABASE_URL;
    expect(parseOpsSettings(env)).toMatchObject({
      alertEmails: [],
      diskPaths: ["/"],
      diskWarningPercent: 80,
      diskCriticalPercent: 90,
      backupDir: "/var/backups/meteo06",
      reminderHours: 24,
    });
  });

  it("names every bad setting", () => {
    expect(() =>
      parseOpsSettings({
        ...env,
        ALERT_EMAILS: "admin@meteo06.fr, pas-une-adresse",
        DISK_WARNING_PERCENT: "95",
        MONITOR_DISK_PATHS: "var/lib",
        ALERT_WEBHOOK_URL: "ftp://x",
      }),
    ).toThrow(
      /ALERT_EMAILS must be e-mail addresses[\s\S]*ALERT_WEBHOOK_URL must be an absolute URL such as https:[\s\S]*MONITOR_DISK_PATHS must be absolute paths/,
    );
    expect(() => parseOpsSettings({ ...env, DISK_WARNING_PERCENT: "95" })).toThrow(
      /DISK_WARNING_PERCENT must be below DISK_CRITICAL_PERCENT/,
    );
  });
});

describe("station link", () => {
  it("derives unique identities and connection names usable in option files", () => {
    expect(piIdentity("10.60.0.12")).toEqual({ serverId: 1012, gtidDomainId: 12 });
    expect(connectionNameFor("nice-pessicart")).toBe("nice_pessicart");
  });

  it("makes WireGuard keys that wireguard-tools accepts", () => {
    const keys = wireguardKeys();
    expect(keys.privateKey).toMatch(WIREGUARD_KEY);
    expect(keys.publicKey).toMatch(WIREGUARD_KEY);
    if (spawnSync("sh", ["-c", "command -v wg"]).status === 0) {
      expect(execFileSync("wg", ["pubkey"], { input: keys.privateKey }).toString().trim()).toBe(
        keys.publicKey,
      );
    }
  });
});

describe("job health", () => {
  const now = new Date("2026-11-26T03:00:00Z");
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const run = (status: "RUNNING" | "SUCCESS" | "FAILED", m: number, message: string | null = null) => ({
    status,
    startedAt: minutesAgo(m),
    message,
  });
  const every5 = { periodMinutes: 5 };

  it("is fine while a scheduled job keeps succeeding", () => {
    expect(evaluateJob(run("SUCCESS", 4), run("SUCCESS", 4), every5, now)).toEqual({
      state: "OK",
      message: "dernier succès il y a 4 min",
    });
    expect(evaluateJob(run("RUNNING", 1), run("SUCCESS", 6), every5, now)).toEqual({
      state: "OK",
      message: "en cours depuis 1 min (dernier succès il y a 6 min)",
    });
  });

  it("warns about a failure, a stuck run and a job that stopped running", () => {
    expect(evaluateJob(run("FAILED", 2, "HTTP 502 from ROMMA"), run("SUCCESS", 7), every5, now)).toEqual({
      state: "WARNING",
      message: "dernier passage en échec il y a 2 min : HTTP 502 from ROMMA (dernier succès il y a 7 min)",
    });
    expect(evaluateJob(run("RUNNING", 150), null, every5, now)).toEqual({
      state: "WARNING",
      message: "en cours depuis 2 h 30 : bloqué ? (aucun succès)",
    });
    expect(evaluateJob(run("SUCCESS", 16), run("SUCCESS", 16), every5, now)).toEqual({
      state: "WARNING",
      message: "ne tourne plus (attendu toutes les 5 min) ; dernier succès il y a 16 min",
    });
    // An unscheduled job (e.g. a one-off import) is only judged on its last result.
    expect(evaluateJob(run("SUCCESS", 6000), run("SUCCESS", 6000), undefined, now).state).toBe("OK");
  });
});

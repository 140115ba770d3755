import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findFeed, listAttempts, sealCredentials } from "@/lib/partners/feeds";
import { sendFeed } from "@/lib/partners/send";
import type { PartnerSettings } from "@/lib/partners/settings";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type MetricRow, type RommaTestServer, startRommaServer, writeArchive } from "../helpers/partners";

/** ROMMA against an HTTP server on loopback that answers Success, an error body, 500s, or nothing. */

const PASSWORD = "r0mma&secret";
const HOUR = 3600;
const END = Date.parse("2026-03-20T12:00:00Z") / 1000;
// Short timeouts keep the "server hangs" cases quick; the answering server replies at once, but a loaded
// machine can stall a request for a while, so the cases where it answers use a generous timeout.
const settings: PartnerSettings = { timeoutMs: 400, retryDelayMs: 60, logRetentionDays: 90 };
const patient: PartnerSettings = { ...settings, timeoutMs: 5000 };

let dbs: TestDatabases;
let server: RommaTestServer;
let feedId: number;
let env: Record<string, string>;

/** Every 5 minutes over the 40 hours before END. */
const rows: MetricRow[] = [];
for (let t = END - 40 * HOUR + 300; t <= END; t += 300) {
  rows.push({ dateTime: t, outTemp: 10 + ((t / 300) % 10) / 10, rain: 0.2, outHumidity: 70 });
}
const times = (from: number, to: number) => rows.map((r) => r.dateTime).filter((t) => t > from && t <= to);

async function feed() {
  return (await findFeed(feedId))!;
}
async function setLastRecord(lastRecordTime: number | null) {
  await dbs.prisma.partnerFeed.update({
    where: { id: feedId },
    data: { lastRecordTime, failingSince: null },
  });
}
const attempts = () => dbs.prisma.partnerAttempt.findMany({ where: { feedId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  server = await startRommaServer(PASSWORD);
  const archiveDatabase = `${dbs.prefix}romma`;
  await writeArchive(dbs.admin, archiveDatabase, 16, rows);
  const station = await dbs.prisma.station.create({
    data: {
      slug: "alpes",
      name: "Alpes",
      shortName: "Alpes",
      commune: "Isola",
      latitude: 44.1,
      longitude: 7.0,
      altitude: 2000,
      archiveDatabase,
    },
  });
  const created = await dbs.prisma.partnerFeed.create({
    data: {
      stationId: station.id,
      partner: "ROMMA",
      enabled: true,
      partnerStationId: "77",
      endpoint: server.url,
      credentials: sealCredentials(station.id, "ROMMA", { username: "", password: PASSWORD }),
    },
  });
  feedId = created.id;
  env = {
    DATABASE_URL: dbs.appUrl,
    PARTNER_SECRET_KEY: process.env.PARTNER_SECRET_KEY,
    PARTNER_TIMEOUT_SECONDS: "0.4",
    PARTNER_RETRY_DELAY_SECONDS: "0.05",
  };
});
afterAll(async () => {
  await server?.close();
  await dbs?.drop();
});
beforeEach(async () => {
  server.requests.length = 0;
  server.acknowledged.length = 0;
  server.script(["success"]);
  await dbs.prisma.partnerAttempt.deleteMany({ where: { feedId } });
});

describe("ROMMA over HTTP", () => {
  it("starts a new feed with the newest record, then sends each new record once, in order", async () => {
    await setLastRecord(null);
    const first = await sendFeed(await feed(), { at: END - 2 * HOUR, settings: patient });
    expect(first).toMatchObject({ outcome: "sent", sent: 1 });
    expect(server.acknowledged).toEqual([END - 2 * HOUR]);
    const query = server.requests[0];
    expect(query.get("id")).toBe("77");
    expect(query.get("pwd")).toBe(PASSWORD);

    const next = await sendFeed(await feed(), { at: END - HOUR, settings: patient });
    expect(next).toMatchObject({ outcome: "sent", sent: 12, message: "12 relevé(s) envoyé(s)" });
    expect(server.acknowledged).toEqual(times(END - 2 * HOUR - 1, END - HOUR));
    expect((await feed()).lastRecordTime).toBe(END - HOUR);
    const log = await attempts();
    expect(log).toHaveLength(13);
    expect(
      log.every((a) => a.outcome === "SUCCESS" && a.status === "HTTP 200" && a.excerpt === "Success"),
    ).toBe(true);
    expect(log.map((a) => a.recordTime)).toEqual(server.acknowledged);

    const again = await sendFeed(await feed(), { at: END - HOUR, settings });
    expect(again).toMatchObject({ outcome: "up-to-date", sent: 0 });
  });

  it("does not retry an error body: the record stays unsent and is sent at the next run", async () => {
    await setLastRecord(END - 2 * HOUR);
    server.script(["success", "error-body", "success"]);
    const run = await sendFeed(await feed(), { at: END - HOUR, settings });
    expect(run.outcome).toBe("failed");
    expect(run.sent).toBe(1);
    expect(server.requests.map((q) => Number(q.get("date")))).toEqual(
      times(END - 2 * HOUR, END - 2 * HOUR + 600),
    );
    expect((await feed()).lastRecordTime).toBe(END - 2 * HOUR + 300);
    const failure = (await attempts()).at(-1)!;
    expect(failure).toMatchObject({ outcome: "FAILURE", status: "HTTP 200", tryNumber: 1 });
    expect(failure.excerpt).toBe("Erreur : station ou mot de passe inconnu");
    expect((await feed()).lastError).toBe("HTTP 200 : Erreur : station ou mot de passe inconnu");

    const resumed = await sendFeed(await feed(), { at: END - HOUR, settings });
    expect(resumed).toMatchObject({ outcome: "sent", sent: 11 });
    expect(server.acknowledged).toEqual(times(END - 2 * HOUR, END - HOUR));
    expect((await feed()).failingSince).toBeNull();
  });

  it("retries 5xx with a growing delay, and succeeds when the server recovers", async () => {
    await setLastRecord(END - HOUR - 300);
    server.script(["500", "500", "success"]);
    const run = await sendFeed(await feed(), { at: END - HOUR, settings });
    expect(run).toMatchObject({ outcome: "sent", sent: 1 });
    const log = await attempts();
    expect(log.map((a) => [a.tryNumber, a.outcome, a.status])).toEqual([
      [1, "FAILURE", "HTTP 500"],
      [2, "FAILURE", "HTTP 500"],
      [3, "SUCCESS", "HTTP 200"],
    ]);
    const gaps = [1, 2].map((i) => log[i].startedAt.getTime() - log[i - 1].startedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(settings.retryDelayMs);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * settings.retryDelayMs);
  });

  it("gives up on a record after three tries when the server answers 500 or nothing", async () => {
    for (const reply of ["500", "hang"] as const) {
      await setLastRecord(END - HOUR - 300);
      await dbs.prisma.partnerAttempt.deleteMany({ where: { feedId } });
      server.requests.length = 0;
      server.script([reply]);
      const run = await sendFeed(await feed(), { at: END, settings });
      expect(run.outcome).toBe("failed");
      expect(run.message).toMatch(
        /0 relevé\(s\) envoyé\(s\), échec au relevé de 20\/03\/2026 11h00 UTC après 3 essai\(s\)/,
      );
      expect(server.requests).toHaveLength(3);
      const log = await attempts();
      expect(log.map((a) => a.tryNumber)).toEqual([1, 2, 3]);
      expect(new Set(log.map((a) => a.status))).toEqual(new Set([reply === "500" ? "HTTP 500" : "timeout"]));
      expect((await feed()).lastRecordTime).toBe(END - HOUR - 300);
    }
  });

  it("after an outage of several hours sends every record exactly once, in order", async () => {
    await setLastRecord(END - 6 * HOUR);
    server.script(["500"]);
    for (let at = END - 5 * HOUR; at <= END - HOUR; at += HOUR) {
      const run = await sendFeed(await feed(), { at, settings });
      expect(run.outcome).toBe("failed");
    }
    // Every try during the outage was for the first unsent record: nothing was skipped ahead.
    expect(new Set(server.requests.map((q) => Number(q.get("date"))))).toEqual(
      new Set([END - 6 * HOUR + 300]),
    );
    expect(server.acknowledged).toEqual([]);

    server.script(["success"]);
    const recovered = await sendFeed(await feed(), { at: END, settings });
    expect(recovered).toMatchObject({ outcome: "sent", sent: 72 });
    expect(server.acknowledged).toEqual(times(END - 6 * HOUR, END));
    expect((await feed()).lastRecordTime).toBe(END);
  });

  it("catches up at most the last 24 hours after a longer outage", async () => {
    await setLastRecord(END - 30 * HOUR);
    const run = await sendFeed(await feed(), { at: END, settings });
    expect(run.message).toBe("288 relevé(s) envoyé(s) (reprise limitée aux dernières 24 h)");
    expect(server.acknowledged).toEqual(times(END - 24 * HOUR, END));
  });

  it("never lets two runs send the same record", async () => {
    await setLastRecord(END - 3 * HOUR);
    const slow = await startRommaServer(PASSWORD, 5);
    await dbs.prisma.partnerFeed.update({ where: { id: feedId }, data: { endpoint: slow.url } });
    try {
      const [a, b] = await Promise.all([
        sendFeed(await feed(), { at: END, settings }),
        sendFeed(await feed(), { at: END, settings }),
      ]);
      expect([a.outcome, b.outcome].sort()).toEqual(["busy", "sent"]);
      const third = await sendFeed(await feed(), { at: END, settings });
      expect(third.outcome).toBe("up-to-date");
      // A run that read the feed before another one finished resumes from the other's progress.
      await setLastRecord(END - HOUR);
      const stale = await feed();
      expect((await sendFeed(await feed(), { at: END, settings })).sent).toBe(12);
      expect(await sendFeed(stale, { at: END, settings })).toMatchObject({ outcome: "up-to-date", sent: 0 });
      expect(slow.acknowledged).toEqual([...times(END - 3 * HOUR, END), ...times(END - HOUR, END)]);
    } finally {
      await dbs.prisma.partnerFeed.update({ where: { id: feedId }, data: { endpoint: server.url } });
      await slow.close();
    }
  });

  it("releases the lock of a run that crashed", async () => {
    await setLastRecord(END - HOUR);
    server.script(["hang"]);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/meteo.ts",
        "partners",
        "send",
        "--partner",
        "romma",
        "--at",
        "2026-03-20T12:00:00Z",
      ],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "test",
          METEO_SKIP_LOCAL_ENV: "1",
          ...env,
          PARTNER_TIMEOUT_SECONDS: "60",
        },
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 30_000;
    while (server.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(1);
    expect((await sendFeed(await feed(), { at: END, settings })).outcome).toBe("busy");

    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    server.script(["success"]);
    let run = await sendFeed(await feed(), { at: END, settings });
    for (let i = 0; run.outcome === "busy" && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100)); // the server notices the dead connection
      run = await sendFeed(await feed(), { at: END, settings });
    }
    expect(run).toMatchObject({ outcome: "sent", sent: 12 });
  });

  it("exits non-zero from the CLI on failure, with the password masked everywhere", async () => {
    await setLastRecord(END - HOUR);
    server.script(["500"]);
    const result = await runCli(
      ["partners", "send", "--partner", "romma", "--at", "2026-03-20T12:00:00Z"],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed\s+alpes · ROMMA : 0 relevé\(s\) envoyé\(s\), échec .* HTTP 500/);
    const preview = await runCli(["partners", "send", "--dry-run", "--at", "2026-03-20T12:00:00Z"], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(`GET ${server.url}?id=77&pwd=********&date=${END - HOUR + 300}&temp_e=`);
    const log = JSON.stringify(await attempts()) + JSON.stringify(await feed());
    for (const text of [result.stdout, result.stderr, preview.stdout, log]) {
      expect(text).not.toContain("r0mma");
    }
  });
});

describe("audit log", () => {
  it("filters by partner, station and outcome, and prunes old entries", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 100 * 86400_000);
    await dbs.prisma.partnerAttempt.createMany({
      data: [
        { feedId, startedAt: old, durationMs: 5, outcome: "SUCCESS", status: "HTTP 200" },
        { feedId, startedAt: now, durationMs: 5, outcome: "FAILURE", status: "HTTP 500" },
        { feedId, startedAt: now, durationMs: 5, outcome: "SUCCESS", status: "HTTP 200" },
      ],
    });
    expect((await listAttempts({ partner: "ROMMA", stationSlug: "alpes" })).total).toBe(3);
    expect((await listAttempts({ partner: "STATIC" })).total).toBe(0);
    expect((await listAttempts({ stationSlug: "ailleurs" })).total).toBe(0);
    const failures = await listAttempts({ outcome: "FAILURE" });
    expect(failures.rows.map((r) => r.status)).toEqual(["HTTP 500"]);
    expect(failures.rows[0].feed.station.slug).toBe("alpes");

    const pruned = await runCli(["partners", "prune"], { ...env, PARTNER_LOG_RETENTION_DAYS: "90" });
    expect(pruned.stdout).toBe("1 audit log entries older than 90 days deleted.\n");
    expect((await listAttempts()).total).toBe(2);
    const bad = await runCli(["partners", "prune", "--days", "zero"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: --days must be a number of days greater than 0\n");
  });
});

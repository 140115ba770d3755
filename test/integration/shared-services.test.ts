import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailNotConfiguredError, sendMail } from "@/lib/mail/send";
import { listChecks, recordCheck } from "@/lib/ops/checks";
import { runJob } from "@/lib/ops/jobs";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

// lib/ops/jobs and lib/ops/checks use the app's db() singleton: point it at this file's database.
let dbs: TestDatabases;
let smtp: SmtpSink;
beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp?.close();
  await dbs?.drop();
});

describe("job runs", () => {
  it("records success and failure with their message", async () => {
    expect(await runJob("test-job", async () => ({ result: 42, message: "42 rows" }))).toBe(42);
    await expect(
      runJob("test-job", async () => Promise.reject(new Error("archive unreachable"))),
    ).rejects.toThrow();
    const runs = await dbs.prisma.jobRun.findMany({ where: { name: "test-job" }, orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.status, r.message])).toEqual([
      ["SUCCESS", "42 rows"],
      ["FAILED", "archive unreachable"],
    ]);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
  });
});

describe("health checks", () => {
  it("reports transitions only when the state changes, and keeps the history", async () => {
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 2, minutes));
    expect(await recordCheck("disk:/", "OK", "40 % used", t(0))).toBeNull();
    expect(await recordCheck("disk:/", "OK", "41 % used", t(5))).toBeNull();
    expect(await recordCheck("disk:/", "WARNING", "82 % used", t(10))).toEqual({
      key: "disk:/",
      from: "OK",
      to: "WARNING",
      message: "82 % used",
    });
    expect(await recordCheck("disk:/", "WARNING", "84 % used", t(15))).toBeNull();
    expect(await recordCheck("disk:/", "CRITICAL", "93 % used", t(20))).toMatchObject({
      from: "WARNING",
      to: "CRITICAL",
    });
    expect(await recordCheck("disk:/", "OK", "50 % used", t(30))).toMatchObject({
      from: "CRITICAL",
      to: "OK",
    });
    expect(await recordCheck("feed:romma:x", "CRITICAL", "HTTP 500", t(31))).toMatchObject({
      from: "OK",
      to: "CRITICAL",
    });

    const disk = await dbs.prisma.check.findUniqueOrThrow({
      where: { key: "disk:/" },
      include: { events: { orderBy: { at: "asc" } } },
    });
    expect(disk).toMatchObject({ state: "OK", message: "50 % used", since: t(30) });
    expect(disk.events.map((e) => `${e.from}>${e.to}`)).toEqual([
      "OK>WARNING",
      "WARNING>CRITICAL",
      "CRITICAL>OK",
    ]);
    expect((await listChecks()).map((c) => c.key)).toEqual(["feed:romma:x", "disk:/"]);
  });
});

describe("mail", () => {
  it("sends through the configured SMTP server", async () => {
    process.env.SMTP_URL = smtp.url;
    await sendMail({ to: "admin@meteo06.test", subject: "Disque presque plein", text: "93 % utilisés" });
    const [message] = await smtp.waitFor(1);
    expect(message.subject).toBe("Disque presque plein");
    expect(message.text?.trim()).toBe("93 % utilisés");
  });

  it("surfaces a refusal and a missing configuration", async () => {
    smtp.refuse(true);
    await expect(sendMail({ to: "a@b.fr", subject: "x", text: "y" })).rejects.toThrow(/550/);
    smtp.refuse(false);
    delete process.env.SMTP_URL;
    await expect(sendMail({ to: "a@b.fr", subject: "x", text: "y" })).rejects.toBeInstanceOf(
      MailNotConfiguredError,
    );
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_USERS } from "@/lib/demo/stations";
import { recordCheck } from "@/lib/ops/checks";
import { runJob } from "@/lib/ops/jobs";
import { freePort, startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { signInInBrowser } from "../helpers/session";

/** The admin status page and /api/health on the built app, with checks recorded by the real library. */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 1,
    archivePrefix: dbs.prefix,
  });
  await recordCheck(
    "disk:/",
    "WARNING",
    "/ : 84 % utilisés (40 Go libres sur 250 Go)",
    new Date(Date.now() - 3600_000),
  );
  await recordCheck("disk:/", "CRITICAL", "/ : 93 % utilisés (17 Go libres sur 250 Go)");
  await recordCheck("backup:age", "OK", "dernière sauvegarde il y a 5 h");
  await runJob("backup:run", async () => ({ result: null, message: "2 bases, 1,2 Go" }));
  await runJob("partners:romma", async () => Promise.reject(new Error("HTTP 502 from ROMMA"))).catch(
    () => {},
  );
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

async function signIn(role: "ADMIN" | "EDITOR"): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  const page = await (await browser.newContext()).newPage();
  await signInInBrowser(page, app.origin, user);
  await page.locator("[data-role]").waitFor();
  return page;
}

describe("health endpoint", () => {
  it("reports the worst state and the counts, without any message", async () => {
    const response = await fetch(`${app.origin}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "critical",
      database: "ok",
      checks: { OK: 1, WARNING: 0, CRITICAL: 1 },
    });
    expect(JSON.stringify(body)).not.toMatch(/utilisés|libres|disk|backup|mysql|root/);
  });

  it("answers 503 when the app database is down", async () => {
    const broken = await startTestApp({ DATABASE_URL: `mysql://root@127.0.0.1:${await freePort()}/meteo06` });
    try {
      const response = await fetch(`${broken.origin}/api/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "down", database: "unreachable" });
    } finally {
      await broken.stop();
    }
  });
});

describe("status page", () => {
  it("shows every check with its history and the job runs, and lets an admin acknowledge", async () => {
    const page = await signIn("ADMIN");
    await page.getByRole("link", { name: "État du serveur" }).click();
    await page.waitForURL(`${app.origin}/admin/etat`);
    const disk = page.locator('[data-check="disk:/"]');
    expect(await disk.getAttribute("data-state")).toBe("CRITICAL");
    expect(await disk.locator(".state").textContent()).toBe("CRITIQUE");
    expect(await disk.textContent()).toContain("93 % utilisés");
    await disk.locator("summary").click();
    expect(await disk.locator("ul.history li").allTextContents()).toEqual([
      expect.stringMatching(/AVERTISSEMENT → CRITIQUE — \/ : 93 %/),
      expect.stringMatching(/OK → AVERTISSEMENT — \/ : 84 %/),
    ]);
    expect(await page.locator('[data-check="backup:age"]').getAttribute("data-state")).toBe("OK");
    expect(await page.locator('[data-job="backup:run"]').textContent()).toContain("réussi");
    const failed = page.locator('[data-job="partners:romma"]');
    expect(await failed.getAttribute("data-status")).toBe("FAILED");
    expect(await failed.textContent()).toContain("HTTP 502 from ROMMA");

    await disk.getByRole("button", { name: "Acquitter" }).click();
    await disk.locator("[data-acknowledged]").waitFor();
    expect(await disk.locator("[data-acknowledged]").textContent()).toMatch(/^acquitté par Alice Admin le /);
    const check = await dbs.prisma.check.findUniqueOrThrow({ where: { key: "disk:/" } });
    expect(check.acknowledgedBy).toBe("Alice Admin");
    await page.context().close();
  });

  it("is for admins only", async () => {
    const page = await signIn("EDITOR");
    expect(await page.getByRole("link", { name: "État du serveur" }).count()).toBe(0);
    const response = await page.goto(`${app.origin}/admin/etat`);
    expect(response?.status()).not.toBe(200);
    expect(await page.locator('[data-check="disk:/"]').count()).toBe(0);
    await page.context().close();
    const anonymous = await fetch(`${app.origin}/admin/etat`, { redirect: "manual" });
    expect([303, 307]).toContain(anonymous.status);
  });
});

import { randomBytes } from "node:crypto";
import type { RowDataPacket } from "mysql2/promise";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { frenchDecimal } from "../helpers/format";
import { type RommaTestServer, startRommaServer } from "../helpers/partners";
import { signInInBrowser } from "../helpers/session";

/** The partner feeds' back office: configuration, masked credentials, preview, send now, audit log. */

const PASSWORD = "Romma-Secret-9001";
const KEY = randomBytes(32).toString("base64");
let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let romma: RommaTestServer;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.PARTNER_SECRET_KEY = KEY;
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 1,
    archivePrefix: dbs.prefix,
  });
  romma = await startRommaServer(PASSWORD);
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    PARTNER_SECRET_KEY: KEY,
    PARTNER_TIMEOUT_SECONDS: "3",
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await romma?.close();
  await dbs?.drop();
});

async function signIn(role: "ADMIN" | "EDITOR", origin = app.origin): Promise<Page> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  const page = await (await browser.newContext()).newPage();
  await signInInBrowser(page, origin, user);
  return page;
}

async function feedId(slug: string, partner: "STATIC" | "ROMMA") {
  const feed = await dbs.prisma.partnerFeed.findFirstOrThrow({ where: { partner, station: { slug } } });
  return feed.id;
}

describe("partner feeds admin", () => {
  it("lists every demo feed with its state and masked credentials", async () => {
    const page = await signIn("ADMIN");
    await page.getByRole("link", { name: "Partenaires" }).click();
    await page.waitForURL(`${app.origin}/admin/partenaires`);
    const rows = page.locator("table[aria-label='Flux partenaires'] tbody tr");
    expect(await rows.count()).toBe(6);
    const row = page.locator('[data-feed="villefranche:static"]');
    expect(await row.locator("[data-status]").textContent()).toBe("Désactivé");
    expect(await row.locator('[data-field="credentials"]').textContent()).toBe("de•••••• / ••••••••");
    expect(await row.textContent()).toContain("ftp://127.0.0.1:9/");
    const html = await page.content();
    expect(html).not.toMatch(/demo-password|demo-villefranche/);
    await page.context().close();
  });

  it("is for admins only", async () => {
    const page = await signIn("EDITOR");
    expect(await page.getByRole("link", { name: "Partenaires" }).count()).toBe(0);
    for (const path of ["/admin/partenaires", "/admin/partenaires/journal", "/admin/partenaires/nouveau"]) {
      await page.goto(`${app.origin}${path}`);
      expect(await page.locator("h1").textContent()).toBe("Accès refusé");
      expect(await page.locator("table").count()).toBe(0);
    }
    await page.context().close();
  });

  it("refuses bad input with a French message and changes nothing", async () => {
    const id = await feedId("villefranche", "ROMMA");
    const before = await dbs.prisma.partnerFeed.findUniqueOrThrow({ where: { id } });
    const page = await signIn("ADMIN");
    await page.goto(`${app.origin}/admin/partenaires/${id}`);
    await page.getByLabel("Identifiant de la station chez le partenaire").fill("abc");
    await page.getByLabel("Adresse (laisser vide pour celle du partenaire)").fill("ftp://ailleurs/");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const alert = page.locator("form[aria-label='Configuration du flux'] [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("L'identifiant ROMMA est un nombre.");
    expect(await alert.textContent()).toContain("Adresse invalide");
    expect(await dbs.prisma.partnerFeed.findUniqueOrThrow({ where: { id } })).toEqual(before);
    await page.context().close();
  });

  it("configures a ROMMA feed, previews the exact request, sends it, and shows it in the journal", async () => {
    const id = await feedId("villefranche", "ROMMA");
    const page = await signIn("ADMIN");
    await page.goto(`${app.origin}/admin/partenaires/${id}`);
    await page.getByLabel("Flux actif").check();
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByLabel("Adresse (laisser vide pour celle du partenaire)").fill(romma.url);
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForURL(`${app.origin}/admin/partenaires/${id}?enregistre=1`);
    expect(await page.getByRole("status").first().textContent()).toBe("Configuration enregistrée.");
    expect(await page.locator('dd[data-field="credentials"]').textContent()).toBe("••••••••");
    expect(await page.content()).not.toContain(PASSWORD);

    // The preview is the exact request, password masked; the temperature is the newest record's.
    const [[newest]] = await dbs.admin.query<RowDataPacket[]>(
      "SELECT dateTime, outTemp FROM ??.archive ORDER BY dateTime DESC LIMIT 1",
      [`${dbs.prefix}weewx_villefranche`],
    );
    await page.getByRole("link", { name: "Aperçu de ce qui serait envoyé maintenant" }).click();
    expect(await page.locator("[data-field=preview-message]").textContent()).toBe("1 requête(s) à envoyer");
    const preview = await page.locator("pre.payload").textContent();
    const url = new URL(preview!.replace(/^GET /, ""));
    expect(`${url.origin}${url.pathname}`).toBe(romma.url);
    expect(url.searchParams.get("pwd")).toBe("********");
    expect(url.searchParams.get("date")).toBe(String(newest.dateTime));
    expect(url.searchParams.get("temp_e")).toBe(frenchDecimal(newest.outTemp).replace(",", "."));
    expect(romma.requests).toHaveLength(0);

    await page.getByRole("button", { name: "Envoyer maintenant" }).click();
    const result = page.locator(".send-now [role=status]");
    await result.waitFor();
    expect(await result.textContent()).toBe("1 relevé(s) envoyé(s)");
    expect(romma.acknowledged).toEqual([Number(newest.dateTime)]);
    expect(romma.requests[0].get("pwd")).toBe(PASSWORD);

    await page.goto(`${app.origin}/admin/partenaires`);
    expect(await page.locator('[data-feed="villefranche:romma"] [data-status]').textContent()).toBe("OK");

    await page.goto(`${app.origin}/admin/partenaires/journal?partenaire=romma&station=villefranche`);
    const entries = page.locator("table[aria-label='Journal des envois'] tbody tr");
    expect(await entries.count()).toBe(1);
    expect(await entries.first().textContent()).toMatch(/Réussi.*HTTP 200.*Success/);
    await page.goto(`${app.origin}/admin/partenaires/journal?resultat=echec`);
    expect(await page.locator("[data-field=total]").textContent()).toBe("0 échange · page 1 sur 1");
    await page.goto(`${app.origin}/admin/partenaires/journal?partenaire=meteofrance`);
    expect(await page.locator("ul.error[role=alert]").textContent()).toBe(
      "Partenaire inconnu : « meteofrance ». Ce filtre est ignoré.",
    );
    expect(await page.locator("[data-field=total]").textContent()).toBe("1 échange · page 1 sur 1");
    await page.context().close();
  });

  it("shows a failing feed's last error after a send that fails", async () => {
    const id = await feedId("la-colmiane", "STATIC");
    const page = await signIn("ADMIN");
    await page.goto(`${app.origin}/admin/partenaires/${id}`);
    await page.getByLabel("Flux actif").check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForURL(`${app.origin}/admin/partenaires/${id}?enregistre=1`);
    await page.getByRole("button", { name: "Envoyer maintenant" }).click();
    const result = page.locator(".send-now .banner-danger");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^ECONNREFUSED/);
    await page.reload();
    expect(await page.locator("[data-status]").first().textContent()).toMatch(/^En échec depuis 0 min$/);
    expect(await page.locator('dd[data-field="lastError"]').textContent()).toContain("ECONNREFUSED");
    expect(await page.content()).not.toContain("demo-password");
    await page.context().close();
  });

  it("says clearly when PARTNER_SECRET_KEY is missing, and offers no credential fields", async () => {
    const keyless = await startTestApp({ DATABASE_URL: dbs.appUrl, PARTNER_SECRET_KEY: "" });
    try {
      const page = await signIn("ADMIN", keyless.origin);
      await page.goto(`${keyless.origin}/admin/partenaires/nouveau`);
      expect(await page.locator(".banner-warning").textContent()).toMatch(
        /PARTNER_SECRET_KEY n'est pas définie sur le serveur/,
      );
      expect(await page.getByLabel("Mot de passe").isDisabled()).toBe(true);
      await page.context().close();
    } finally {
      await keyless.stop();
    }
  });
});

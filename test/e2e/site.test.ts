import type { RowDataPacket } from "mysql2/promise";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { frenchDecimal } from "../helpers/format";
import { httpGet, httpRequest } from "../helpers/http";
import { signInInBrowser } from "../helpers/session";
import { createLevens } from "../helpers/stations";

/** The foundation end to end: real MariaDB, the built app, headless Chromium on *.localhost. */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 2,
    archivePrefix: dbs.prefix,
  });
  // A station whose archive never arrived: its page must explain, the rest must keep working.
  await createLevens(dbs);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

/** The newest temperature of a demo archive, converted here independently of lib/archive. */
async function latestTemperature(slug: string): Promise<{ text: string; dateTime: number }> {
  const station = DEMO_STATIONS.find((s) => s.slug === slug)!;
  const [[row]] = await dbs.admin.query<RowDataPacket[]>(
    "SELECT dateTime, usUnits, outTemp FROM ??.archive ORDER BY dateTime DESC LIMIT 1",
    [dbs.prefix + station.archiveDatabase],
  );
  const celsius = row.usUnits === 1 ? ((row.outTemp - 32) * 5) / 9 : row.outTemp;
  return { text: `${frenchDecimal(celsius)}\u202f°C`, dateTime: row.dateTime };
}

function parisClock(dateTime: number): string {
  return new Date(dateTime * 1000).toLocaleTimeString("fr-FR", {
    timeZone: "Europe/Paris",
    hour: "2-digit",
    minute: "2-digit",
  });
}

describe("public site", () => {
  it("lists every station with its current temperature on the home page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.origin}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain("La météo des Alpes-Maritimes");
    for (const station of DEMO_STATIONS) {
      const card = page.locator(`[data-station="${station.slug}"]`);
      const { text } = await latestTemperature(station.slug);
      expect(await card.locator('[data-field="outTemp"]').textContent()).toBe(text);
      expect(await card.locator("a").getAttribute("href")).toBe(`${app.stationOrigin(station.slug)}/`);
    }
    await expect(page.locator('[data-station="levens"]').textContent()).resolves.toContain("introuvables");
    // The network map: one marker per station (Leaflet loaded on this page only).
    await page.locator(".map .leaflet-interactive").first().waitFor();
    expect(await page.locator(".map .leaflet-interactive").count()).toBe(DEMO_STATIONS.length + 1);
    await page.close();
  });

  it("serves each station on its own sub-domain", async () => {
    const page = await browser.newPage();
    for (const station of DEMO_STATIONS) {
      const response = await page.goto(`${app.stationOrigin(station.slug)}/`);
      expect(response?.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toBe(station.name);
      const { text, dateTime } = await latestTemperature(station.slug);
      expect(await page.locator('[data-field="outTemp"]').textContent()).toBe(text);
      expect(await page.locator('[data-field="dateTime"]').textContent()).toContain(parisClock(dateTime));
      await expect(page.locator(".banner-danger").count()).resolves.toBe(0); // online
    }
    await page.close();
  });

  it("draws the last 24 hours and lets visitors download the data shown", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin("villefranche")}/`);
    const temperature = await drawnChart(page);
    const csvButton = temperature.locator("button", { hasText: "Données CSV" });
    const [download] = await Promise.all([page.waitForEvent("download"), csvButton.click()]);
    expect(download.suggestedFilename()).toBe("villefranche-24h-temperature.csv");
    const lines = (await import("node:fs"))
      .readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("heure_utc,Température (°C),Point de rosée (°C),Humidité (%)");
    const station = DEMO_STATIONS.find((s) => s.slug === "villefranche")!;
    const [[newest]] = await dbs.admin.query<RowDataPacket[]>(
      "SELECT dateTime, outTemp FROM ??.archive ORDER BY dateTime DESC LIMIT 1",
      [dbs.prefix + station.archiveDatabase],
    );
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^${new Date(newest.dateTime * 1000).toISOString().replace(/\./g, "\\.")},${newest.outTemp},`,
      ),
    );
    expect(lines.length).toBeGreaterThan(280); // a day of 5-minute records and the header
    await page.close();
  });

  it("explains a station whose archive is missing, and keeps serving the others", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.stationOrigin("levens")}/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator(".banner-warning").textContent()).toMatch(
      /archives de cette station sont introuvables/,
    );
    const body = (await page.content()).toLowerCase();
    expect(body).not.toMatch(/select |er_bad_db|sql/);
    expect((await page.goto(`${app.stationOrigin("villefranche")}/`))?.status()).toBe(200);
    await page.close();
  });

  it("answers unknown sub-domains and pages with a French 404", async () => {
    const page = await browser.newPage();
    for (const url of [
      `${app.stationOrigin("inconnue")}/`,
      `http://a.b.localhost:${app.port}/`,
      `${app.origin}/nulle-part`,
      `${app.stationOrigin("villefranche")}/nulle-part`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    }
    await page.close();
  });

  it("redirects the internal /stations/<slug> paths of the apex to the sub-domain", async () => {
    const response = await fetch(`${app.origin}/stations/villefranche`, { redirect: "manual" });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`${app.stationOrigin("villefranche")}/`);
  });
});

describe("login", () => {
  it("refuses a wrong password, then signs in", async () => {
    const admin = DEMO_USERS.find((u) => u.role === "ADMIN")!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/admin`);
    expect(new URL(page.url()).pathname).toBe("/connexion");

    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Mot de passe").fill("wrong password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.locator("form [role=alert]").textContent()).resolves.toBe(
      "E-mail ou mot de passe incorrect.",
    );

    // The e-mail is kept after the error; only the password is typed again.
    await page.getByLabel("Mot de passe").fill(admin.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${app.origin}/admin`, { waitUntil: "commit" });
    expect(await page.locator("[data-role]").getAttribute("data-role")).toBe("ADMIN");
    await context.close();
  });

  it("keeps the back office on the apex: a station's sub-domain sends it there and never gets the session", async () => {
    // Browsers share Domain cookies only under a real two-label root domain: use one.
    const shared = await startTestApp({ DATABASE_URL: dbs.appUrl }, "meteo06.localhost");
    try {
      const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInInBrowser(page, shared.origin, editor);
      await page.locator("[data-role]").waitFor();
      const [cookie] = (await context.cookies(shared.origin)).filter((c) => c.name === "meteo06.session");
      expect(cookie.domain).toBe("meteo06.localhost"); // host-only: no leading dot

      // The back office asked on a station's host: the same page on the apex, where the session is.
      await page.goto(`${shared.stationOrigin("villefranche")}/admin?depuis=station`);
      expect(page.url()).toBe(`${shared.origin}/admin?depuis=station`);
      expect(await page.locator("[data-role]").getAttribute("data-role")).toBe("EDITOR");
      await page.goto(shared.stationOrigin("villefranche"));
      expect(await context.cookies(shared.stationOrigin("villefranche"))).toEqual([]);

      // Sign-in and the back-office API too, whatever the method (a 308 keeps it).
      for (const [method, path] of [
        ["GET", "/connexion?motif=expire"],
        ["GET", "/api/auth/session"],
        ["POST", "/api/auth/callback/credentials"],
        ["GET", "/api/admin/articles"],
        ["PATCH", "/api/admin/media/1"],
      ]) {
        const response = await httpRequest(`${shared.stationOrigin("villefranche")}${path}`, {
          method,
          headers: { Cookie: `meteo06.session=${cookie.value}` },
        });
        expect([method, path, response.status]).toEqual([method, path, 308]);
        expect(response.headers.location).toBe(`${shared.origin}${path}`);
      }
      // The station's own pages and the public API stay where they are.
      expect((await httpGet(`${shared.stationOrigin("villefranche")}/`)).status).toBe(200);
      expect((await httpGet(`${shared.stationOrigin("villefranche")}/api/v1/stations`)).status).toBe(200);
      await context.close();
    } finally {
      await shared.stop();
    }
  });
});

describe("configuration", () => {
  it.each([
    [{ ROOT_DOMAIN: "https://bad" }, /ROOT_DOMAIN must be a bare host name/],
    [{ DATABASE_URL: "" }, /DATABASE_URL must look like/],
  ])("refuses to start with %j, naming the problem", async (env, message) => {
    const error = await startTestApp({ DATABASE_URL: dbs.appUrl, ...env }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/the app exited \(1\)/);
    expect((error as Error).message).toMatch(message);
  });
});

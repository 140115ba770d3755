import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { checkAlerts } from "@/lib/lightning/alerts";
import { importLightning } from "@/lib/lightning/import";
import { parseLightningSettings } from "@/lib/lightning/settings";
import { startTestApp, type TestApp } from "../helpers/app";
import { type FeedServer, feedLine, startFeedServer } from "../helpers/blitzortung";
import { launchBrowser, showMaps } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { frenchDecimal } from "../helpers/format";
import { signInInBrowser } from "../helpers/session";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

/**
 * Lightning end to end: strikes imported from a loopback feed, then the apex map, the station panels and
 * pages, and the back office's alerts, in headless Chromium; and the same site without an account.
 */

const NBSP = "\u202f";
const MINUTE = 60_000;

let dbs: TestDatabases;
let feed: FeedServer;
let smtp: SmtpSink;
let app: TestApp;
let browser: Browser;
let now: number;

const villefranche = DEMO_STATIONS.find((s) => s.slug === "villefranche")!.profile;
/** [minutes ago, latitude, longitude] */
const STRIKES: [number, number, number][] = [
  [2, villefranche.latitude + 0.05, villefranche.longitude], // 5.56 km N of Villefranche
  [20, villefranche.latitude, villefranche.longitude + 0.1], // about 8 km E
  [120, 43.65, 7.15], // over the Var estuary
  [300, 43.5, 7.0], // at sea off Cannes
  [20 * 60, 44.5, 8.5], // Piedmont: within 24 h, far from every station
  [30 * 60, 43.8, 7.2], // yesterday: outside the map's periods
];

/** Distance (km) by the spherical law of cosines (not the app's haversine). */
function km(lat1: number, lon1: number, lat2: number, lon2: number) {
  const r = Math.PI / 180;
  return (
    6371 *
    Math.acos(
      Math.min(
        1,
        Math.sin(lat1 * r) * Math.sin(lat2 * r) +
          Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r),
      ),
    )
  );
}

const parisTime = (timeMs: number) =>
  new Date(timeMs).toLocaleTimeString("fr-FR", {
    timeZone: "Europe/Paris",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 1,
    archivePrefix: dbs.prefix,
  });
  // A station far from every strike (its archive never arrived: the page explains it, without a panel).
  await dbs.prisma.station.create({
    data: {
      slug: "briancon",
      name: "Briançon",
      shortName: "Briançon",
      commune: "Briançon",
      latitude: 44.9,
      longitude: 6.64,
      altitude: 1326,
      archiveDatabase: `${dbs.prefix}briancon`,
    },
  });
  now = Date.now();
  feed = await startFeedServer(
    STRIKES.map(([ago, lat, lon]) => feedLine(now - ago * MINUTE, lat, lon)).join("\n"),
  );
  const settings = parseLightningSettings({
    BLITZORTUNG_USERNAME: feed.username,
    BLITZORTUNG_PASSWORD: feed.password,
    BLITZORTUNG_URL: feed.url,
  });
  const summary = await importLightning({ now, settings, log: () => {} });
  expect(summary?.stored).toBe(STRIKES.length);
  smtp = await startSmtpSink();
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    BLITZORTUNG_USERNAME: "meteo06",
    BLITZORTUNG_PASSWORD: "not used by the app",
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
  await feed?.close();
  await dbs?.drop();
});

async function mapReady(page: Page) {
  await showMaps(page);
  await page.waitForFunction(
    () => document.querySelector("[data-strikes]")?.getAttribute("data-strikes") !== "0",
  );
}

describe("the lightning map", () => {
  it("shows the last hour's strikes, listed with the nearest station", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.origin}/foudre`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Foudre en direct");
    await expect(
      page.locator('nav[aria-label="Navigation principale"] a[href="/foudre"]').textContent(),
    ).resolves.toBe("Foudre");
    expect(await page.locator('[data-field="total"]').textContent()).toMatch(
      /^2 impacts de foudre sur la dernière heure/,
    );
    await mapReady(page);
    expect(await page.locator("[data-strikes]").getAttribute("data-strikes")).toBe("2");
    expect(await page.locator("[data-clock]").textContent()).toBe("2 impacts sur la carte");

    const rows = page.locator("#derniers-impacts tbody tr");
    expect(await rows.count()).toBe(2);
    const first = await rows.nth(0).locator("td").allTextContents();
    expect(first[0]).toBe(parisTime(now - 2 * MINUTE));
    expect(first[1]).toBe(`${(villefranche.latitude + 0.05).toFixed(3).replace(".", ",")}° N, 7,312° E`);
    const d = km(
      villefranche.latitude,
      villefranche.longitude,
      villefranche.latitude + 0.05,
      villefranche.longitude,
    );
    expect(first[2]).toBe(`${frenchDecimal(d)}${NBSP}km N de Villefranche-sur-Mer – Darse`);
    // The attribution Blitzortung asks for.
    expect(await page.locator("main").textContent()).toContain("Blitzortung.org");
    await page.close();
  });

  it("switches to 3 h and 24 h", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/foudre`);
    await page.getByRole("link", { name: "24 h" }).click();
    await page.waitForURL(`${app.origin}/foudre?periode=24h`);
    expect(await page.locator('[data-field="total"]').textContent()).toMatch(
      /^5 impacts de foudre sur les dernières 24 heures/,
    );
    await mapReady(page);
    expect(await page.locator("[data-strikes]").getAttribute("data-strikes")).toBe("5");
    expect(await page.getByRole("link", { name: "24 h" }).getAttribute("aria-current")).toBe("page");
    await page.goto(`${app.origin}/foudre?periode=3h`);
    expect(await page.locator('[data-field="total"]').textContent()).toMatch(/^3 impacts/);
    expect(await page.locator("#derniers-impacts tbody tr").count()).toBe(3);
    await page.close();
  });

  it("animates the last hour", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/foudre?periode=24h`);
    await mapReady(page);
    await page.getByRole("button", { name: "Animer la dernière heure" }).click();
    await page.waitForFunction(
      () => document.querySelector("[data-animating]")?.getAttribute("data-animating") === "true",
    );
    // The clock runs through the last hour, in Paris time; the strikes appear as their time comes.
    await page.waitForFunction(() =>
      /^\d\d:\d\d — 1 impact$/.test(document.querySelector("[data-clock]")?.textContent ?? ""),
    );
    await page.waitForFunction(
      () => /^\d\d:\d\d — 2 impacts$/.test(document.querySelector("[data-clock]")?.textContent ?? ""),
      {
        timeout: 20_000,
      },
    );
    // Afterwards the map shows the period again.
    await page.waitForFunction(
      () => document.querySelector("[data-animating]")?.getAttribute("data-animating") === "false",
      {
        timeout: 20_000,
      },
    );
    // (the map redraws the period's strikes just after the animation ends)
    await expect.poll(() => page.locator("[data-strikes]").getAttribute("data-strikes")).toBe("5");
    await page.close();
  });

  it("answers an unknown period with a 404", async () => {
    const response = await fetch(`${app.origin}/foudre?periode=2h`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page introuvable");
  });

  it("shows statistics per day, month and station", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.origin}/foudre/statistiques`))?.status()).toBe(200);
    const villefrancheRow = await page
      .locator('#stations-aujourdhui [data-row="villefranche"] td')
      .allTextContents();
    const todayParis = new Date(now).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
    const today = STRIKES.filter(
      ([ago]) =>
        new Date(now - ago * MINUTE).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" }) === todayParis,
    );
    const within = (radius: number) =>
      String(
        today.filter(([, lat, lon]) => km(villefranche.latitude, villefranche.longitude, lat, lon) <= radius)
          .length,
      );
    expect(villefrancheRow).toEqual([within(10), within(30), within(100)]);
    expect(await page.locator(`#jours [data-row="${todayParis}"]`).count()).toBe(today.length > 0 ? 1 : 0);
    const thisMonth = STRIKES.filter(([ago]) =>
      new Date(now - ago * MINUTE)
        .toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" })
        .startsWith(todayParis.slice(0, 7)),
    );
    // Columns: the département, then the whole imported area (every strike here).
    expect(
      await page
        .locator(`#mois [data-row="${todayParis.slice(0, 7)}"] td`)
        .nth(1)
        .textContent(),
    ).toBe(String(thisMonth.length));
    await page.close();
  });
});

describe("station pages", () => {
  it("show a lightning panel when strikes are near", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("villefranche")}/`))?.status()).toBe(200);
    const panel = page.locator('[data-lightning-panel="active"]');
    const d = km(
      villefranche.latitude,
      villefranche.longitude,
      villefranche.latitude + 0.05,
      villefranche.longitude,
    );
    expect(await panel.locator('[data-field="lastStrike"]').textContent()).toMatch(
      new RegExp(
        `^Dernier impact à ${frenchDecimal(d)}${NBSP}km N, il y a [23] min \\(${parisTime(now - 2 * MINUTE).slice(0, 5)}\\)$`,
      ),
    );
    // Counts within 10 / 30 / 100 km over the last hour and 3 hours, computed here independently.
    const rows = await panel
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const count = (radius: number, minutes: number) =>
      String(
        STRIKES.filter(
          ([ago, lat, lon]) =>
            ago <= minutes && km(villefranche.latitude, villefranche.longitude, lat, lon) <= radius,
        ).length,
      );
    expect(rows).toEqual([
      [count(10, 60), count(10, 180)],
      [count(30, 60), count(30, 180)],
      [count(100, 60), count(100, 180)],
    ]);
    expect(await page.locator('nav[aria-label="Navigation de la station"] a[href="/foudre"]').count()).toBe(
      1,
    );
    await page.close();
  });

  it("show no panel when no strike is near", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("briancon")}/`))?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Briançon");
    expect(await page.locator("[data-lightning-panel]").count()).toBe(0);
    await page.close();
  });

  it("have a lightning page with daily and monthly counts and the stormiest days", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("la-colmiane")}/foudre`))?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Foudre autour de Valdeblore – La Colmiane");
    expect(await page.locator('[data-lightning-panel="active"]').count()).toBe(1);
    const colmiane = DEMO_STATIONS.find((s) => s.slug === "la-colmiane")!.profile;
    const byDay = new Map<string, number[]>();
    for (const [ago, lat, lon] of STRIKES) {
      const distance = km(colmiane.latitude, colmiane.longitude, lat, lon);
      if (distance > 100) continue;
      const day = new Date(now - ago * MINUTE).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
      const counts = byDay.get(day) ?? [0, 0, 0];
      counts[0] += distance <= 10 ? 1 : 0;
      counts[1] += distance <= 30 ? 1 : 0;
      counts[2] += 1;
      byDay.set(day, counts);
    }
    for (const [day, counts] of byDay) {
      expect(await page.locator(`#jours [data-row="${day}"] td`).allTextContents()).toEqual(
        counts.map(String),
      );
    }
    expect(await page.locator("#jours tbody tr").count()).toBe(byDay.size);
    expect(await page.locator("#mois tbody tr").count()).toBe(24);
    await page.close();
  });
});

describe("alerts in the back office", () => {
  it("lets an editor set a radius and subscribe, then e-mails the storm", async () => {
    const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, app.origin, editor, "/admin/foudre");
    const card = page.locator('[data-station="villefranche"]');
    await card.locator('[data-field="alertState"]').waitFor();
    expect(await card.locator('[data-field="alertState"]').textContent()).toBe("Pas d'alerte.");

    await card.getByLabel("Rayon d'alerte (km)").fill("douze");
    await card.getByRole("button", { name: "Enregistrer" }).click();
    await expect(card.locator("[role=alert]").textContent()).resolves.toMatch(/entre 1 et 100/);

    await card.getByLabel("Rayon d'alerte (km)").fill("10");
    await card.getByLabel("M'envoyer les alertes de cette station par e-mail").check();
    await card.getByRole("button", { name: "Enregistrer" }).click();
    await card.locator("[role=status]").waitFor();
    await page.reload();
    expect(await card.locator('[data-field="subscribers"]').textContent()).toBe(`Abonnés : ${editor.name}`);

    // The next import checks the alerts: two strikes within 10 km in the last 30 minutes.
    process.env.SMTP_URL = smtp.url;
    process.env.SITE_URL = app.origin;
    process.env.ROOT_DOMAIN = "localhost";
    const outcome = await checkAlerts(Date.now());
    expect(outcome).toEqual({ sent: 1, failures: [] });
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toMatch(/^Alerte foudre : impact à 5,6\u202fkm N de Villefranche-sur-Mer – Darse$/);
    expect((mail.to as { text: string }).text).toBe(editor.email);
    expect(mail.text).toContain(`Carte de la foudre : ${app.origin}/foudre`);

    await page.reload();
    expect(await card.locator('[data-field="alertState"]').textContent()).toMatch(
      /^État : alerte en cours \(2 impacts à moins de 10 km/,
    );
    await context.close();
  });
});

describe("without a Blitzortung account", () => {
  it("hides the feature: no menu entry, 404 pages, no panel, a notice in the back office", async () => {
    const hidden = await startTestApp({
      DATABASE_URL: dbs.appUrl,
      BLITZORTUNG_USERNAME: "",
      BLITZORTUNG_PASSWORD: "",
      LIGHTNING_DEMO: "",
    });
    try {
      const page = await browser.newPage();
      expect((await page.goto(`${hidden.origin}/`))?.status()).toBe(200);
      expect(await page.locator('a[href="/foudre"]').count()).toBe(0);
      for (const url of [
        `${hidden.origin}/foudre`,
        `${hidden.origin}/foudre/statistiques`,
        `${hidden.stationOrigin("villefranche")}/foudre`,
      ]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        expect(await page.locator("h1").textContent()).toBe("Page introuvable");
      }
      expect((await page.goto(`${hidden.stationOrigin("villefranche")}/`))?.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toBe("Villefranche-sur-Mer – Darse");
      expect(await page.locator("[data-lightning-panel]").count()).toBe(0);
      await page.close();

      // The back office explains how to turn it on.
      const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
      const context = await browser.newContext();
      const admin = await context.newPage();
      await signInInBrowser(admin, hidden.origin, editor, "/admin/foudre");
      await expect(admin.locator(".banner-info").textContent()).resolves.toMatch(
        /La foudre n'est pas activée sur ce serveur : renseignez le compte participant Blitzortung/,
      );
      expect(await admin.locator('a[href="/admin/foudre"]').count()).toBe(0);
      await context.close();
    } finally {
      await hidden.stop();
    }
  });
});

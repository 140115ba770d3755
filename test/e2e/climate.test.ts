import type { RowDataPacket } from "mysql2/promise";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { climateStations } from "@/lib/climate/job";
import { draftMonthlySummaries } from "@/lib/climate/summary-job";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { frenchDecimal } from "../helpers/format";
import { signInInBrowser } from "../helpers/session";

/** The climatology end to end: demo archives → aggregates → climate job → pages and API in Chromium. */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;

// The last complete month (its last day is final from the 1st at 06:00 UTC).
const final = new Date(Date.now() - 30 * 3600_000);
const MONTH = new Date(Date.UTC(final.getUTCFullYear(), final.getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 7);

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 75,
    archivePrefix: dbs.prefix,
  });
  const stations = await dbs.prisma.station.findMany();
  for (const station of stations) await updateAggregates(station);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  // The job runs with the site's configuration (the summary drafts link to the site).
  Object.assign(process.env, { SITE_URL: app.origin, ROOT_DOMAIN: "localhost" });
  await climateStations("update", stations, { afterStation: (station) => draftMonthlySummaries(station) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

/** French number as the pages show it, written independently of lib/format/numbers. */
function fr(value: number | null, decimals = 1): string {
  return frenchDecimal(value, decimals);
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies
async function api(path: string): Promise<any> {
  const response = await fetch(`${app.origin}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
}

async function cell(page: Page, date: string, field: string): Promise<string> {
  return ((await page.locator(`tr[data-date="${date}"] [data-field="${field}"]`).textContent()) ?? "").trim();
}

describe("month page", () => {
  it("shows, for every demo station, the same daily values as the API", async () => {
    const lastDay = new Date(Date.UTC(Number(MONTH.slice(0, 4)), Number(MONTH.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const page = await browser.newPage();
    for (const station of DEMO_STATIONS) {
      const response = await page.goto(`${app.stationOrigin(station.slug)}/mois/${MONTH}`);
      expect(response?.status()).toBe(200);
      const { days } = await api(
        `/api/v1/stations/${station.slug}/climate/daily?from=${MONTH}-01&to=${lastDay}`,
      );
      expect(days.length).toBeGreaterThanOrEqual(28);
      for (const day of days) {
        expect(await cell(page, day.date, "tn"), `${station.slug} ${day.date} tn`).toBe(fr(day.tn));
        expect(await cell(page, day.date, "tx"), `${station.slug} ${day.date} tx`).toBe(fr(day.tx));
        expect(await cell(page, day.date, "tnTxMean")).toBe(fr(day.tnTxMean));
        expect(await cell(page, day.date, "rr")).toBe(fr(day.rr));
        expect(await cell(page, day.date, "gustMax")).toBe(fr(day.gustMax, 0));
        // The page subtracts the exact values, the API gives them to the tenth: a tenth apart at most.
        if (day.tn !== null && day.tx !== null)
          expect(
            Math.abs(
              Number((await cell(page, day.date, "amplitude")).replace(",", ".").replace("−", "-")) -
                (day.tx - day.tn),
            ),
          ).toBeLessThanOrEqual(0.1 + 1e-9);
      }
      // The month's means and total, as the monthly API gives them.
      const monthly = await api(`/api/v1/stations/${station.slug}/climate/monthly?year=${MONTH.slice(0, 4)}`);
      const summary = monthly.months.find((m: { period: string }) => m.period === MONTH);
      const foot = (field: string) => page.locator(`tfoot [data-field="${field}"]`).textContent();
      expect((await foot("tnMean"))?.trim()).toBe(fr(summary.tn));
      expect((await foot("txMean"))?.trim()).toBe(fr(summary.tx));
      expect((await foot("monthTnTxMean"))?.trim()).toBe(fr(summary.tnTxMean));
      // Each day links to its day page.
      expect(await page.locator(`tr[data-date="${MONTH}-15"] a`).getAttribute("href")).toBe(
        `/jour/${MONTH}-15`,
      );
    }
    await page.close();
  });

  it("agrees with the raw archive (Tn over 18–18 UTC), whatever the archive's units", async () => {
    const station = DEMO_STATIONS.find((s) => s.slug === "nice-pessicart")!; // US units
    const date = `${MONTH}-10`;
    const d = Date.parse(`${date}T00:00:00Z`) / 1000;
    const [[row]] = await dbs.admin.query<RowDataPacket[]>(
      "SELECT MIN(outTemp) AS f, SUM(`interval`) AS minutes FROM ??.archive WHERE dateTime > ? AND dateTime <= ?",
      [dbs.prefix + station.archiveDatabase, d - 6 * 3600, d + 18 * 3600],
    );
    const { days } = await api(`/api/v1/stations/${station.slug}/climate/daily?from=${date}&to=${date}`);
    expect(days[0].coverage.tn).toBeCloseTo(Math.min(1, Number(row.minutes) / 1440), 4);
    if (Number(row.minutes) >= 0.8 * 1440) expect(fr(days[0].tn)).toBe(fr(((row.f - 32) * 5) / 9));
    else expect(days[0].tn).toBeNull();
  });

  it("draws its charts and answers 404 for a month that does not exist", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin("villefranche")}/mois/${MONTH}`);
    await drawnChart(page);
    expect(await page.locator("canvas").count()).toBe(2);
    for (const path of ["/mois/2026-13", "/mois/2999-01", "/mois/1990-01", "/annee/abcd"]) {
      const response = await page.goto(`${app.stationOrigin("villefranche")}${path}`);
      expect(response?.status(), path).toBe(404);
    }
    await page.close();
  });
});

describe("other climatology pages", () => {
  it("year page: a row per month and the hour × day heat-maps from the hourly aggregates", async () => {
    const page = await browser.newPage();
    const year = MONTH.slice(0, 4);
    await page.goto(`${app.stationOrigin("la-colmiane")}/annee/${year}`);
    const monthly = await api(`/api/v1/stations/la-colmiane/climate/monthly?year=${year}`);
    const summary = monthly.months.find((m: { period: string }) => m.period === MONTH);
    expect(await page.locator(`tr[data-month="${MONTH}"] [data-field="tnTxMean"]`).textContent()).toBe(
      fr(summary.tnTxMean),
    );
    await page.locator(".heatmaps[data-loaded]").waitFor({ timeout: 15_000 });
    expect(await page.locator(".heatmaps canvas").count()).toBe(4);
    const heat = await api(`/api/v1/stations/la-colmiane/climate/heatmap?year=${year}`);
    const filled = heat.values.temperature.flat().filter((v: number | null) => v !== null).length;
    expect(filled).toBeGreaterThan(24 * 40);
    await page.close();
  });

  it("records page lists the API's top days", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin("villefranche")}/records`);
    const { records } = await api("/api/v1/stations/villefranche/climate/records?limit=10");
    const txHigh = records.find((r: { parameter: string }) => r.parameter === "txHigh");
    const shown = await page.locator('[data-record="txHigh"] [data-field="value"]').allTextContents();
    expect(shown).toEqual(txHigh.entries.map((e: { value: number }) => fr(e.value)));
    await page.close();
  });

  it("shows a day's Tn/Tx/RR and its rank badges on the day page", async () => {
    const { records } = await api("/api/v1/stations/villefranche/climate/records?limit=10");
    const hottest = records.find((r: { parameter: string }) => r.parameter === "txHigh").entries[0];
    const date = hottest.date as string;
    const { days } = await api(`/api/v1/stations/villefranche/climate/daily?from=${date}&to=${date}`);
    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("villefranche")}/jour/${date}`))?.status()).toBe(200);
    const field = (name: string) => page.locator(`.day-climate [data-field="${name}"]`).first().textContent();
    expect(await field("tx")).toMatch(new RegExp(`^${fr(days[0].tx)}\u202f°C`));
    expect(await field("tn")).toMatch(new RegExp(`^${fr(days[0].tn)}\u202f°C`));
    expect(await page.locator('[data-badge="txHigh"]').textContent()).toMatch(/^n° 1 des /);
    await page.close();
  });

  it("history, comparison, reliability and reports pages answer, and the NOAA reports download", async () => {
    const origin = app.stationOrigin("nice-pessicart");
    const page = await browser.newPage();
    for (const path of [
      "/climatologie",
      "/historique",
      `/comparaison/${MONTH}`,
      "/fiabilite",
      "/rapports",
      "/records/top-30",
    ]) {
      const response = await page.goto(`${origin}${path}`);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("details.method summary").textContent()).resolves.toContain("normes OMM");
    }
    await page.goto(`${origin}/historique`);
    await drawnChart(page);
    expect(await page.locator("canvas").count()).toBe(2);
    const text = await page.evaluate(
      async (path) => (await fetch(path)).text(),
      `/rapports/NOAA-${MONTH}.txt`,
    );
    expect(text).toContain("RELEVÉ CLIMATOLOGIQUE MENSUEL");
    expect(text).toContain("Tn de 18 h à 18 h UTC");
    const csv = await page.evaluate(
      async (path) => (await fetch(path)).text(),
      `/rapports/NOAA-${MONTH}.csv`,
    );
    expect(csv.split("\r\n")[0]).toMatch(/^date,tnTxMean,tx,txTime,tn,tnTime,dju,rr/);
    await page.close();
  });

  it("compares the stations of the network on the apex", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/climatologie?mois=${MONTH}`);
    for (const station of DEMO_STATIONS) {
      const monthly = await api(`/api/v1/stations/${station.slug}/climate/monthly?year=${MONTH.slice(0, 4)}`);
      const summary = monthly.months.find((m: { period: string }) => m.period === MONTH);
      expect(
        await page.locator(`tr[data-station="${station.slug}"] [data-field="tnTxMean"]`).textContent(),
      ).toBe(fr(summary.tnTxMean));
    }
    await page.close();
  });
});

describe("API", () => {
  it("answers CSV with ?format=csv", async () => {
    const response = await fetch(
      `${app.origin}/api/v1/stations/villefranche/climate/daily?from=${MONTH}-01&to=${MONTH}-03&format=csv`,
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "date,tn,tnTime,tx,txTime,tnTxMean,rr,rrRateMax,gustMax,gustDir,coverageTn,coverageTx,coverageRr,qcErroneous,qcSuspect,partial",
    );
    expect(lines).toHaveLength(4);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses bad requests with the open-data API's French messages, keeping CORS and never caching", async () => {
    const cases: [string, number, RegExp][] = [
      [
        "/api/v1/stations/villefranche/climate/daily?from=2025-02-30&to=2025-03-01",
        400,
        /^from : jour invalide « 2025-02-30 » \(attendu : AAAA-MM-JJ\)/,
      ],
      ["/api/v1/stations/villefranche/climate/daily?to=2025-03-01", 400, /^from : paramètre obligatoire/],
      [
        "/api/v1/stations/villefranche/climate/daily?from=2025-03-02&to=2025-03-01",
        400,
        /^from doit être antérieur ou égal à to/,
      ],
      [
        "/api/v1/stations/villefranche/climate/daily?from=1990-01-01&to=2025-03-01",
        400,
        /^Période trop longue/,
      ],
      [
        "/api/v1/stations/villefranche/climate/daily?from=2025-03-01&to=2025-03-01&format=xml",
        400,
        /^format : « xml » n'existe pas \(json, csv ou csv-fr\)/,
      ],
      [
        "/api/v1/stations/villefranche/climate/daily?from=2025-03-01&to=2025-03-01&step=1h",
        400,
        /^Paramètre inconnu : « step »/,
      ],
      ["/api/v1/stations/villefranche/climate/monthly?year=25", 400, /^year : année invalide « 25 »/],
      [
        "/api/v1/stations/villefranche/climate/records?limit=31",
        400,
        /^limit : nombre invalide « 31 » \(attendu : un entier de 1 à 30\)/,
      ],
      ["/api/v1/stations/nowhere/climate/records", 404, /^Station inconnue : « nowhere »\.$/],
      [
        "/api/v1/stations/villefranche/climate/chart?month=2025-13",
        400,
        /^month : mois invalide « 2025-13 »/,
      ],
      [
        "/api/v1/stations/villefranche/climate/chart?month=2025-03&kind=wind",
        400,
        /^kind : « wind » n'existe pas/,
      ],
    ];
    for (const [path, status, message] of cases) {
      const response = await fetch(`${app.origin}${path}`);
      expect(response.status, path).toBe(status);
      expect((await response.json()).error, path).toMatch(message);
      expect(response.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("back office", () => {
  async function login(role: "EDITOR" | "AUTHOR") {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, app.origin, user, "/admin/climatologie");
    return { context, page };
  }

  it("shows editors the monthly summary drafts, and lets them invalidate a sensor", async () => {
    const { context, page } = await login("EDITOR");
    const drafts = page.locator("[data-summaries] a");
    expect(await drafts.count()).toBe(DEMO_STATIONS.length);
    await page.locator("[data-summaries] a", { hasText: "Villefranche" }).click();
    await page.waitForURL(/\/admin\/climatologie\/bilans\/\d+$/);
    await expect(page.locator("h1").textContent()).resolves.toMatch(
      /^Bilan climatologique de .+ à Villefranche-sur-Mer – Darse$/,
    );
    expect(await page.locator(".article-body table").count()).toBe(2);
    expect(await page.locator(".article-body img").first().getAttribute("src")).toBe(
      `${app.origin}/api/v1/stations/villefranche/climate/chart?month=${MONTH}&kind=temperature`,
    );
    const svg = await fetch(
      `${app.origin}/api/v1/stations/villefranche/climate/chart?month=${MONTH}&kind=rain`,
    );
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await svg.text()).toMatch(/^<svg/);
    // The same draft waits for editors among the articles, as a CLIMATE draft.
    const title = await page.locator("h1").textContent();
    const article = await dbs.prisma.article.findFirstOrThrow({ where: { title: title! } });
    expect(article).toMatchObject({ type: "CLIMATE", status: "DRAFT", authorId: null });
    expect(await page.locator("[data-article-link]").getAttribute("href")).toBe(
      `/admin/articles/${article.id}`,
    );

    // Invalidate the temperature of the 10th from 02:00 to 09:00 Paris time (UTC+1 or +2): Tn of the 10th loses 7 hours.
    const date = `${MONTH}-10`;
    await page.goto(`${app.origin}/admin/climatologie`);
    await page.getByLabel("Station").selectOption("villefranche");
    await page.getByLabel("Capteur").selectOption("TEMPERATURE");
    await page.getByLabel("Début (heure de Paris, exclu)").fill(`${date}T02:00`);
    await page.getByLabel("Fin (heure de Paris, incluse)").fill(`${date}T09:00`);
    await page.getByLabel("Raison").fill("abri ouvert pour entretien");
    await page.getByRole("button", { name: "Invalider ces données" }).click();
    await page.locator(".banner-success").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-invalidations] tbody tr").count()).toBe(1);
    const { days } = await api(`/api/v1/stations/villefranche/climate/daily?from=${date}&to=${date}`);
    expect(days[0].tn).toBeNull();
    expect(days[0].coverage.tn).toBeLessThanOrEqual(17 / 24 + 1e-9);

    // A bad period is refused with a message, and nothing is added.
    await page.getByLabel("Station").selectOption("villefranche");
    await page.getByLabel("Début (heure de Paris, exclu)").fill(`${date}T09:00`);
    await page.getByLabel("Fin (heure de Paris, incluse)").fill(`${date}T02:00`);
    await page.getByLabel("Raison").fill("erreur de saisie");
    await page.getByRole("button", { name: "Invalider ces données" }).click();
    await expect(page.locator("form [role=alert]").textContent()).resolves.toBe(
      "La fin doit être postérieure au début.",
    );

    // Removing it restores the day.
    await page.getByRole("button", { name: "Supprimer" }).click();
    await page.locator("[data-invalidations]").waitFor({ state: "detached", timeout: 60_000 });
    const restored = await api(`/api/v1/stations/villefranche/climate/daily?from=${date}&to=${date}`);
    expect(restored.days[0].coverage.tn).toBeGreaterThan(days[0].coverage.tn);
    await context.close();
  });

  it("keeps authors out", async () => {
    const { context, page } = await login("AUTHOR");
    await expect(page.locator("body").textContent()).resolves.not.toContain("Données invalidées");
    const denied = await page.goto(`${app.origin}/admin/climatologie`);
    expect(denied?.status()).toBeGreaterThanOrEqual(400);
    await page.goto(`${app.origin}/admin`);
    await page.locator("[data-role]").waitFor();
    expect(await page.locator('nav a[href="/admin"]').count()).toBe(1);
    expect(await page.locator('nav a[href="/admin/climatologie"]').count()).toBe(0);
    await context.close();
  });
});

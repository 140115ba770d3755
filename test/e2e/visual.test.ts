import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { climateStations } from "@/lib/climate/job";
import { writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { frenchDecimal } from "../helpers/format";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session";

/**
 * The visual suite (issue 16): the main pages at 390 px (a phone) and 1280 px, light and dark, in
 * Chromium. Screenshots are written to test/e2e/.screenshots/ (gitignored) for a person to look at; the
 * tests fail on horizontal overflow, console errors and broken images. Then one test per visitor item:
 * the menu, scroll hints, the theme, the installable offline site, honest figures, records and summaries,
 * and the small things.
 */

const SHOTS = path.join(import.meta.dirname, ".screenshots");
const SLUG = DEMO_STATIONS[0].slug;
const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let month: string;
let editorCookie: string;
const now = Math.floor(Date.now() / 1000);
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

beforeAll(async () => {
  dbs = await createDemoDatabases(40);
  // A station silent for 40 days: "hors service".
  const profile = DEMO_STATIONS[0].profile;
  await writeDemoArchive(dbs.admin, `${dbs.prefix}gorbio`, profile, now - 45 * 86400, now - 40 * 86400);
  await dbs.prisma.station.create({
    data: {
      slug: "gorbio",
      name: "Gorbio",
      shortName: "Gorbio",
      commune: "Gorbio",
      latitude: 43.79,
      longitude: 7.45,
      altitude: 360,
      archiveDatabase: `${dbs.prefix}gorbio`,
    },
  });
  const stations = await dbs.prisma.station.findMany();
  process.env.DATABASE_URL = dbs.appUrl;
  for (const station of stations) await updateAggregates(station);
  await climateStations("update", stations);
  // A past year of the first station (before its archive): a reference for every month, with 2 mm of
  // rain a day.
  const first = stations.find((s) => s.slug === SLUG)!;
  await dbs.prisma.climateMonth.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      stationId: first.id,
      month: `2020-${String(i + 1).padStart(2, "0")}`,
      inProgress: false,
      tn: 5 + i,
      tx: 13 + i,
      tnTxMean: 9 + i,
      rr: 2 * new Date(Date.UTC(2020, i + 1, 0)).getUTCDate(),
    })),
  });
  // A webcam for the second demo station only.
  const second = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: DEMO_STATIONS[1].slug } });
  await dbs.prisma.station.update({ where: { id: second.id }, data: { webcamUrl: "/icon-192.png" } });
  // A published forecast with every sky, for the sky icons.
  const skies = [
    "SUNNY",
    "PARTLY_CLOUDY",
    "CLOUDY",
    "OVERCAST",
    "SHOWERS",
    "RAIN",
    "THUNDERSTORM",
    "SNOW",
    "FOG",
  ];
  await dbs.prisma.article.create({
    data: {
      type: "FORECAST",
      status: "PUBLISHED",
      title: "Prévisions de la semaine",
      slug: "previsions-de-la-semaine",
      excerpt: "",
      bodyHtml: "<p>Beau temps.</p>",
      bodyText: "Beau temps.",
      publishedAt: new Date(),
      forecast: {
        create: skies.map((sky, i) => ({
          day: new Date(Date.parse(`${today}T00:00:00Z`) + i * 86400_000),
          zone: "COAST" as const,
          sky: sky as "SUNNY",
          tMin: -2 + i,
          tMax: 8 + i,
          windSpeed: 20,
          windDir: "NE",
          rainProbability: 10 * i,
        })),
      },
    },
  });
  const last = await dbs.prisma.climateDay.findFirstOrThrow({ orderBy: { day: "desc" } });
  month = last.day.toISOString().slice(0, 7);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  editorCookie = await sessionCookie(app.origin, editor.email, editor.password);
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

const station = (pathname: string) => `${app.stationOrigin(SLUG)}${pathname}`;

interface Visit {
  page: Page;
  /** console errors and uncaught exceptions of the page */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context (viewport, colour scheme, optional cookie) and a page that records its errors. */
async function open(url: string, options: BrowserContextOptions & { cookie?: string } = {}): Promise<Visit> {
  const { cookie, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  if (cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: app.origin }]);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, errors, close: () => context.close() };
}

/** How much wider than the window the document is (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Images the browser failed to load. */
const brokenImages = (page: Page) =>
  page.evaluate(() =>
    [...document.images].filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src),
  );

describe("screenshots at 390 and 1280 px, light and dark", () => {
  const PAGES = [
    { name: "station", url: () => station("/") },
    { name: "apex", url: () => `${app.origin}/` },
    { name: "editor", url: () => `${app.origin}/admin/articles/nouveau`, signedIn: true },
    { name: "month", url: () => station(`/mois/${month}`) },
  ];
  for (const { name, url, signedIn } of PAGES)
    for (const width of [390, 1280])
      for (const colorScheme of ["light", "dark"] as const)
        it(`${name} at ${width} px, ${colorScheme}: fits, no console error, no broken image`, async () => {
          const visit = await open(url(), {
            viewport: { width, height: 844 },
            colorScheme,
            cookie: signedIn ? editorCookie : undefined,
          });
          try {
            const { page } = visit;
            expect(page.url()).toBe(url()); // not sent to the sign-in page
            await page.screenshot({
              path: path.join(SHOTS, `${name}-${width}-${colorScheme}.png`),
              fullPage: true,
            });
            expect(await overflow(page)).toBe(0);
            expect(await brokenImages(page)).toEqual([]);
            expect(visit.errors).toEqual([]);
            // The colour scheme reached the page: dark pages have a dark background.
            const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            expect(background).toBe(colorScheme === "dark" ? "rgb(15, 20, 26)" : "rgb(246, 248, 251)");
          } finally {
            await visit.close();
          }
        });
});

describe("accessibility", () => {
  /** What axe (WCAG 2.2 AA and best practices) reports on each page, in the given context. */
  async function axeReports(urls: string[], options: Parameters<typeof open>[1]): Promise<string[]> {
    const problems: string[] = [];
    for (const url of urls) {
      const visit = await open(url, options);
      try {
        if (visit.page.url() !== url) problems.push(`${url}: opened ${visit.page.url()} instead`);
        // Everything drawn, as it is once scrolled to: axe measures contrast and target sizes on
        // what content-visibility leaves unpainted otherwise, and reports what no visitor sees.
        await visit.page.addStyleTag({ content: "* { content-visibility: visible !important }" });
        await visit.page.addScriptTag({
          path: createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
        });
        const violations = await visit.page.evaluate(async () => {
          const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
          const { violations } = await axe.run(document, {
            runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
          });
          return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
        });
        problems.push(...violations.map((v) => `${url}: ${v}`));
      } finally {
        await visit.close();
      }
    }
    return problems;
  }

  const visitorsPages = () => [
    ...["/", "/reseau", "/previsions", "/climatologie"].map((p) => `${app.origin}${p}`),
    ...["/", "/graphiques/7j", `/jour/${today}`, `/mois/${month}`, `/annee/${month.slice(0, 4)}`].map(
      station,
    ),
    ...["/climatologie", "/records", "/historique", "/fiabilite"].map(station),
  ];
  for (const colorScheme of ["light", "dark"] as const)
    it(`finds nothing for axe to report on the visitors' main pages on a phone, ${colorScheme}`, async () => {
      const viewport = { width: 390, height: 844 };
      expect(await axeReports(visitorsPages(), { viewport, colorScheme })).toEqual([]);
    }, 120_000);

  it("finds nothing for axe to report on an editor's back-office pages, on a phone and a wide screen", async () => {
    const pages = ["/admin", "/admin/articles", "/admin/articles/nouveau", "/admin/medias", "/admin/compte"];
    const urls = pages.map((p) => `${app.origin}${p}`);
    for (const width of [390, 1280])
      expect(await axeReports(urls, { viewport: { width, height: 844 }, cookie: editorCookie })).toEqual([]);
  }, 120_000);
});

describe("phone first", () => {
  it("no main page is wider than a 390 px screen", async () => {
    const year = month.slice(0, 4);
    const urls = [
      ...[
        "/",
        "/previsions",
        "/vigilances",
        "/climat",
        "/climatologie",
        "/actualites",
        "/reseau",
        "/api",
      ].map((p) => `${app.origin}${p}`),
      `${app.origin}/recherche?q=pluie`,
      `${app.origin}/articles/previsions-de-la-semaine`,
      ...[
        "/",
        "/graphiques",
        `/jour/${today}`,
        "/climatologie",
        `/mois/${month}`,
        `/annee/${year}`,
        "/records",
        "/historique",
        "/fiabilite",
        "/rapports",
        "/a-propos",
      ].map(station),
      `${app.stationOrigin(DEMO_STATIONS[1].slug)}/webcam`,
    ];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const url of urls) {
      const response = await page.goto(url, { waitUntil: "load" });
      expect(response?.status(), url).toBe(200);
      const extra = await overflow(page);
      if (extra > 0) wide.push(`${url} (+${extra} px)`);
    }
    await context.close();
    expect(wide).toEqual([]);
  });

  it("folds the links behind a Menu button on a phone, without JavaScript too, and shows them on a wide screen", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(station("/"));
      const nav = page.getByRole("navigation", { name: "Navigation de la station" });
      const menu = page.locator(".site-menu > summary");
      await expect.poll(() => menu.isVisible()).toBe(true);
      expect(await nav.getByRole("link", { name: "Graphiques" }).isVisible()).toBe(false);
      await menu.click();
      expect(await nav.getByRole("link", { name: "Graphiques" }).isVisible()).toBe(true);
      await nav.getByRole("link", { name: "Records" }).click();
      await page.waitForURL(station("/records"));
      await context.close();
    }
    const wide = await open(`${app.origin}/`, { viewport: { width: 1280, height: 800 } });
    expect(await wide.page.locator(".site-menu > summary").isVisible()).toBe(false);
    const nav = wide.page.getByRole("navigation", { name: "Navigation principale" });
    expect(await nav.getByRole("link", { name: "Données ouvertes" }).isVisible()).toBe(true);
    // One row: every link at the same height.
    const tops = await nav
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    await wide.close();
  });

  it("lets the month table scroll inside its box, with a shadow at the edge that has more", async () => {
    const visit = await open(station(`/mois/${month}`), { viewport: { width: 390, height: 844 } });
    const box = visit.page.locator(".table-scroll:has(table.climate-month)");
    const state = () =>
      box.evaluate((el) => ({
        scrollable: el.scrollWidth > el.clientWidth,
        background: getComputedStyle(el).backgroundImage,
        attachment: getComputedStyle(el).backgroundAttachment,
      }));
    const before = await state();
    expect(before.scrollable).toBe(true);
    // Shadows fixed to the box, covers that move with the content.
    expect(before.background).toMatch(/radial-gradient.*radial-gradient/);
    // (a fifth layer holds the background colour)
    expect(before.attachment).toMatch(/^local, local, scroll, scroll(, scroll)?$/);
    expect(await overflow(visit.page)).toBe(0);
    await visit.close();
  });

  it("draws the charts within a 390 px screen (their ticks fit: unit test chart-helpers)", async () => {
    const visit = await open(station("/"), { viewport: { width: 390, height: 844 } });
    const canvas = visit.page.locator("figure.chart canvas").first();
    await canvas.scrollIntoViewIfNeeded();
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    const width = await canvas.evaluate((c) => c.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
    expect(visit.errors).toEqual([]);
    await visit.close();
  });
});

describe("honest figures", () => {
  it("compares a month in progress with the normals of the same days, and writes one minus sign", async () => {
    // The last final day: D is final at D+1 06:00 UTC.
    const lastFinal = new Date((now - 6 * 3600 - 86400) * 1000).toISOString().slice(0, 10);
    const days = Number(lastFinal.slice(8));
    const visit = await open(station(`/mois/${lastFinal.slice(0, 7)}`));
    const rr = (await visit.page.locator("[data-summary=rr]").textContent()) ?? "";
    // The month's reference is 2 mm a day: after `days` days, 2 × days, never the whole month's.
    if (days > 1) {
      expect(rr).toMatch(
        new RegExp(
          `par rapport à la moyenne de la station 2020 \\(1 an\\) des mêmes jours \\(du 1 \\p{L}+ au ${days} \\p{L}+\\)`,
          "u",
        ),
      );
      expect(rr).toContain(`(${frenchDecimal(2 * days)}\u202fmm)`);
    }
    // Negative numbers, if any, use U+2212 — never a hyphen before a digit.
    expect(await visit.page.locator("main").textContent()).not.toMatch(/(^|[\s(])-\d/m);
    await visit.close();
  });

  it("gives the rain chart a sensible legend", async () => {
    const visit = await open(station(`/jour/${today}`));
    const html = await visit.page.content();
    expect(html).not.toMatch(/Cumul cumul/i);
    await visit.close();
  });
});

describe("records and summaries", () => {
  it("shows this month, this year and all time beside each top 10", async () => {
    const visit = await open(station("/records"));
    const card = visit.page.locator("[data-record=tnLow]");
    for (const best of ["month", "year", "all"])
      expect(await card.locator(`[data-best=${best}] dd`).innerText()).toMatch(/°C le \d/);
    expect(await card.locator("[data-best=all] dd").innerText()).toContain(
      (await card.locator("tbody tr").first().locator("[data-field=value]").innerText()).trim(),
    );
    await visit.close();
  });

  it("shows yesterday's Tn, Tx, RR and gust on the station home", async () => {
    const visit = await open(station("/"));
    const block = visit.page.locator("section.yesterday");
    // Its text, not innerText: below the first screen, a block is rendered only once scrolled near
    // (globals.css, .lazy-layout), and innerText gives rendered text.
    expect(await block.getByRole("heading").textContent()).toMatch(/^Hier/);
    for (const field of ["tn", "tx", "rr", "gustMax"])
      expect(await block.locator(`[data-field=${field}]`).textContent()).toMatch(/\d/);
    await visit.close();
  });

  it("adds décade subtotals and each day's departure from the normal to the month table", async () => {
    // The latest month that reached its third décade (the current one may not have yet).
    const recent = await dbs.prisma.climateDay.findMany({
      select: { day: true },
      orderBy: { day: "desc" },
      take: 400,
    });
    const third = recent.find(({ day }) => day.getUTCDate() >= 21);
    expect(third, "a month with a third décade in the demo archive").toBeDefined();
    const visit = await open(station(`/mois/${third!.day.toISOString().slice(0, 7)}`));
    const table = visit.page.locator("table.climate-month");
    expect(await table.locator("tr.decade").count()).toBe(3);
    expect(await table.locator("tr.decade th").first().innerText()).toBe("1re décade (1–10)");
    expect(await table.locator("thead").innerText()).toContain("Écart");
    await visit.close();
  });
});

describe("the small things", () => {
  it("has a favicon, a manifest and icons, on the apex and on the station sites", async () => {
    for (const origin of [app.origin, app.stationOrigin(SLUG)]) {
      const manifest = await httpGet(`${origin}/manifest.webmanifest`);
      expect(manifest.status).toBe(200);
      const body = manifest.json() as { icons: { src: string }[]; start_url: string; display: string };
      expect(body).toMatchObject({ start_url: "/", display: "standalone" });
      for (const icon of body.icons) {
        const file = await httpGet(`${origin}${icon.src}`);
        expect(file.status, icon.src).toBe(200);
        expect(file.headers["content-type"], icon.src).toMatch(/^image\/(png|svg\+xml)/);
      }
    }
    const visit = await open(station("/"));
    expect(await visit.page.locator('link[rel="manifest"]').getAttribute("href")).toBe(
      "/manifest.webmanifest",
    );
    expect(await visit.page.locator('link[rel="icon"][type="image/svg+xml"]').count()).toBe(1);
    await visit.close();
  });

  it("works offline with the last known conditions once visited", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(station("/"), { waitUntil: "networkidle" });
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The worker keeps the pages it fetches itself: visit once more under its control.
    await page.reload({ waitUntil: "networkidle" });
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open("meteo06-pages-v1")).keys()).length))
      .toBeGreaterThan(0);
    const yesterday = await page.locator("section.yesterday").innerText();
    await context.setOffline(true);
    await page.reload({ waitUntil: "domcontentloaded" });
    const banner = page.locator("[data-offline]");
    expect(await banner.innerText()).toMatch(
      /^Hors ligne : cette page est celle de votre dernière visite, le /,
    );
    expect(await page.locator("h1").innerText()).toBe(DEMO_STATIONS[0].name);
    expect(await page.locator("section.yesterday").innerText()).toBe(yesterday);
    // A page never visited: the kept home page, with the last known conditions.
    await page.goto(station("/records"), { waitUntil: "domcontentloaded" });
    expect(await page.locator("[data-offline]").count()).toBe(1);
    expect(await page.locator("h1").innerText()).toBe(DEMO_STATIONS[0].name);
    await context.close();
  });

  it("remembers the light/dark choice, applied before the first paint", async () => {
    // No service worker here: page.route must see the framework's files.
    const context = await browser.newContext({ colorScheme: "light", serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(station("/"));
    await page.getByRole("button", { name: "Passer au thème sombre" }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // The next page is dark from the inline script alone: the framework's scripts are not even loaded.
    const frameworkScript = (url: URL) =>
      url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");
    await page.route(frameworkScript, (route) => route.abort());
    await page.goto(station("/records"));
    expect(await background()).toBe("rgb(15, 20, 26)");
    await page.unroute(frameworkScript);
    await page.reload();
    await page.getByRole("button", { name: "Passer au thème clair" }).click();
    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem("meteo06-theme"))).toBe("light");
    expect(await background()).toBe("rgb(246, 248, 251)");
    await context.close();
  });

  it("draws the sky with the site's own SVG icons, never emoji", async () => {
    const visit = await open(`${app.origin}/articles/previsions-de-la-semaine`);
    const table = visit.page.locator("table.forecast-table").first();
    expect(await table.locator("svg.sky-icon").count()).toBe(9);
    expect(await table.innerText()).not.toMatch(/\p{Extended_Pictographic}/u);
    await visit.close();
  });

  it("folds the day page's 10-minute table, loaded when opened, with CSV links for pages without script", async () => {
    const visit = await open(station(`/jour/${today}`));
    const fold = visit.page.locator("details[data-fold=ten-minutes]");
    expect(await fold.getAttribute("open")).toBeNull();
    expect(await fold.locator("table").count()).toBe(0);
    await fold.locator("summary").click();
    await fold.locator("table").waitFor();
    expect(await fold.locator("table").isVisible()).toBe(true);
    const csv = await fold.locator("a[download]").first().getAttribute("href");
    const response = await httpGet(`${app.stationOrigin(SLUG)}${csv}`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    await visit.close();
  });

  it("lists Webcam in a station's menu only when it has one", async () => {
    const without = await open(station("/"));
    expect(await without.page.locator(".site-menu nav a", { hasText: "Webcam" }).count()).toBe(0);
    await without.close();
    const withWebcam = await open(`${app.stationOrigin(DEMO_STATIONS[1].slug)}/`);
    expect(await withWebcam.page.locator(".site-menu nav a", { hasText: "Webcam" }).count()).toBe(1);
    await withWebcam.close();
  });

  it("answers 404 inside the site's layout, with a hint and a way on", async () => {
    const cases = [
      [station("/jour/2025-02-30"), "Cette date n'existe pas", "/jour"],
      [station(`/mois/2999-01`), "Ce mois n'existe pas", "/climatologie"],
      [station("/nulle-part"), "Cette page de la station n'existe pas", "/jour"],
      [`${app.origin}/articles/article-disparu`, "Cet article n'existe pas", "/actualites"],
      [`${app.origin}/nulle-part`, "La page demandée n'existe pas", "/recherche"],
    ] as const;
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const [url, hint, link] of cases) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      expect(await page.locator("header.site-header").count(), url).toBe(1);
      expect(await page.locator("[data-not-found]").innerText(), url).toContain(hint);
      expect(await page.locator(`[data-not-found] a[href="${link}"]`).count(), url).toBe(1);
    }
    await context.close();
  });

  it("shows stations silent for 30 days apart, as hors service, not among the live ones", async () => {
    for (const url of [`${app.origin}/`, `${app.origin}/reseau`]) {
      const visit = await open(url);
      const apart = visit.page.locator("[data-out-of-service]");
      expect(await apart.getByRole("heading").innerText(), url).toBe("Hors service");
      expect(await apart.locator("[data-station=gorbio]").innerText(), url).toMatch(
        /Gorbio.*dernier relevé le/,
      );
      const live = await visit.page.locator("main").evaluate((main) => {
        const clone = main.cloneNode(true) as HTMLElement;
        clone.querySelector("[data-out-of-service]")?.remove();
        return clone.innerText;
      });
      expect(live, url).not.toContain("Gorbio");
      expect(live, url).toContain(DEMO_STATIONS[0].name);
      await visit.close();
    }
  });

  it("offers CSV downloads in the French spreadsheet dialect too: the period's data, the NOAA reports, each chart's data", async () => {
    /** The French dialect's text (BOM, semicolons, decimal commas), with the standard one's cells when given. */
    const expectFrench = (bytes: Uint8Array, standard?: string) => {
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // (TextDecoder drops the byte-order mark)
      const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
      expect(lines[0]).toMatch(/^[^,]+;/);
      expect(lines.slice(1).join("\n")).toMatch(/;-?\d+,\d+(;|$)/m);
      expect(lines.flatMap((line) => line.split(";")).filter((cell) => /^-?\d+\.\d+$/.test(cell))).toEqual(
        [],
      );
      if (standard === undefined) return;
      const rfc = standard.trim().split("\r\n");
      expect(lines.map((line) => line.split(";"))).toEqual(
        rfc.map((line) => line.split(",").map((cell) => cell.replace(/^(-?\d+)\.(\d+)$/, "$1,$2"))),
      );
    };
    const download = async (href: string) => {
      const response = await httpGet(`${app.stationOrigin(SLUG)}${href}`);
      expect(response.status, href).toBe(200);
      return { disposition: response.headers["content-disposition"], bytes: new Uint8Array(response.body) };
    };

    const charts = await open(station("/graphiques"));
    const period = await download((await charts.page.locator("a[data-dialect=fr]").getAttribute("href"))!);
    expect(period.disposition).toMatch(/-tableur\.csv"$/);
    expectFrench(period.bytes);

    // Each chart's "shown data" button, in both dialects.
    const chart = await drawnChart(charts.page);
    const [french] = await Promise.all([
      charts.page.waitForEvent("download"),
      chart.locator("button[data-dialect=fr]").click(),
    ]);
    const [standard] = await Promise.all([
      charts.page.waitForEvent("download"),
      chart.locator("button", { hasText: "Données CSV" }).click(),
    ]);
    expect(french.suggestedFilename()).toBe(standard.suggestedFilename().replace(/\.csv$/, "-tableur.csv"));
    expectFrench(readFileSync((await french.path())!), readFileSync((await standard.path())!, "utf8"));
    await charts.close();

    // The month's NOAA report, linked from the month page.
    const monthPage = await open(station(`/mois/${month}`));
    const report = (await monthPage.page.locator("a[data-dialect=fr]").getAttribute("href"))!;
    await monthPage.close();
    expect(report).toBe(`/rapports/NOAA-${month}.csv?format=csv-fr`);
    const noaa = await download(report);
    expect(noaa.disposition).toBe(`attachment; filename="${SLUG}-NOAA-${month}-tableur.csv"`);
    const rfc = await download(`/rapports/NOAA-${month}.csv`);
    expectFrench(noaa.bytes, new TextDecoder().decode(rfc.bytes));
    expect(
      (await httpGet(`${app.stationOrigin(SLUG)}/rapports/NOAA-${month}.txt?format=csv-fr`)).status,
    ).toBe(400);
  });
});

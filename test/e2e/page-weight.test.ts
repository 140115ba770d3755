import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { climateStations } from "@/lib/climate/job";
import { currentMonth } from "@/lib/climate/queries";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { uploadMedia } from "@/lib/media/library";
import { addDays, addMonths } from "@/lib/time";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser, showMaps } from "../helpers/browser";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { httpRequest } from "../helpers/http";
import { type BudgetedPage, JS_BUDGET_KIB } from "../helpers/js-budgets";
import { signInInBrowser } from "../helpers/session";
import { parisDay } from "../helpers/truth";

/**
 * What the pages make a phone download and what they leave in its console: the big libraries (the
 * editor's tiptap, Leaflet, chart.js) reach only the pages that use them, a map below the fold loads
 * Leaflet only when scrolled to, the article cover is the first image fetched, and no page logs an error.
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let work: string;
const station = DEMO_STATIONS[0].slug;
const ARTICLE = "/articles/pluies-sur-le-littoral";

/** Text each library's code carries (checked below on a page that uses it, so the test can tell). */
const LIBRARIES = {
  tiptap: /ProseMirror/,
  leaflet: /leaflet-container/,
  "chart.js": /Canvas is already in use/,
} as const;
type Library = keyof typeof LIBRARIES;

beforeAll(async () => {
  dbs = await createDemoDatabases();
  work = mkdtempSync(path.join(tmpdir(), "m06-e2e-"));
  const mediaDir = path.join(work, "media");
  process.env.DATABASE_URL = dbs.appUrl;
  // Summaries as the jobs leave them in production: the climate pages link to this month's and year's.
  const stations = await dbs.prisma.station.findMany();
  for (const station of stations) await updateAggregates(station);
  await climateStations("update", stations);
  const photo = await sharp({
    create: { width: 1600, height: 900, channels: 3, background: "#4a7fb5" },
  })
    .jpeg()
    .toBuffer();
  const { media } = await uploadMedia(
    null,
    photo,
    { originalName: "littoral.jpg", alt: "Le littoral sous la pluie" },
    { dir: mediaDir },
  );
  await dbs.prisma.article.create({
    data: {
      type: "NEWS",
      status: "PUBLISHED",
      title: "Pluies sur le littoral",
      slug: ARTICLE.split("/").pop()!,
      excerpt: "Les cumuls de la semaine.",
      bodyHtml: "<p>Des averses entre Nice et Menton.</p>",
      bodyText: "Des averses entre Nice et Menton.",
      coverId: media.id,
      publishedAt: new Date(Date.now() - 3600_000),
    },
  });
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    MEDIA_DIR: mediaDir,
    // /foudre is shown only when the association's Blitzortung account is set (the app never calls it).
    BLITZORTUNG_USERNAME: "meteo06",
    BLITZORTUNG_PASSWORD: "not used by the app",
  });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** The libraries found in the scripts `page` downloads while `action` runs. */
async function librariesLoaded(page: Page, action: () => Promise<unknown>): Promise<Library[]> {
  const bodies: Promise<string>[] = [];
  const watch = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() === "script") bodies.push(response.text().catch(() => ""));
  };
  page.on("response", watch);
  await action();
  await page.waitForLoadState("networkidle");
  page.off("response", watch);
  const code = (await Promise.all(bodies)).join("\n");
  return (Object.keys(LIBRARIES) as Library[]).filter((name) => LIBRARIES[name].test(code));
}

describe("libraries reach only the pages that use them", () => {
  it("serves the apex home and an article without the editor, the maps or the charts", async () => {
    for (const url of [`${app.origin}/`, `${app.origin}${ARTICLE}`]) {
      const page = await browser.newPage();
      expect(await librariesLoaded(page, () => page.goto(url)), url).toEqual([]);
      await page.close();
    }
  });

  it("loads Leaflet when the home's map is scrolled to, and draws it", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    expect(await librariesLoaded(page, () => page.goto(`${app.origin}/`))).toEqual([]);
    await expect(page.locator(".map").textContent()).resolves.toBe("");
    expect(await librariesLoaded(page, () => showMaps(page))).toEqual(["leaflet"]);
    await page.locator(".map .leaflet-interactive").first().waitFor();
    await page.close();
  });

  it("still gives chart.js to the charts and tiptap to the editor", async () => {
    const charts = await browser.newPage();
    const loaded = await librariesLoaded(charts, async () => {
      await charts.goto(`${app.stationOrigin(station)}/graphiques`);
      await drawnChart(charts);
    });
    expect(loaded).toContain("chart.js");
    await charts.close();
    const editor = await browser.newPage();
    await signInInBrowser(editor, app.origin, DEMO_USERS.find((u) => u.role === "EDITOR")!);
    expect(
      await librariesLoaded(editor, () => editor.goto(`${app.origin}/admin/articles/nouveau`)),
    ).toContain("tiptap");
    await editor.close();
  });
});

describe("compiling the scripts", () => {
  it("gives Chromium every script a page loads with the hint to compile it while it downloads", async () => {
    // scripts/dev/compile-hints.mjs: without the hint, Chromium compiles React and the router function
    // by function on the main thread while the page hydrates (a third to a half of its long tasks).
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    const scripts: Promise<[string, string]>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        scripts.push(response.text().then((text) => [response.url(), text.slice(0, 40)]));
    });
    await page.goto(`${app.stationOrigin(station)}/graphiques/7j`);
    await drawnChart(page);
    await page.waitForLoadState("networkidle");
    const starts = await Promise.all(scripts);
    expect(starts.length).toBeGreaterThan(5);
    for (const [url, start] of starts) expect(start, url).toMatch(/^\/\/# allFunctionsCalledOnLoad\n/);
    await page.close();
  });
});

describe("the stylesheet", () => {
  it("is a file the pages share, not copied into each page and its inline data", async () => {
    // next.config.ts: inlineCss put the 23 KB stylesheet in a <style> and twice more in the RSC payload.
    const article = (await httpRequest(`${app.origin}${ARTICLE}`)).text();
    const payload = [...article.matchAll(/<script>self\.__next_f\.push\(.*?\)<\/script>/gs)].reduce(
      (bytes, [script]) => bytes + Buffer.byteLength(script),
      0,
    );
    console.log(`article: ${article.length} characters of HTML, ${payload} bytes of RSC payload`);
    expect(payload).toBeLessThan(25_000); // 64 KB with the stylesheet copied in
    for (const url of [`${app.origin}/`, `${app.stationOrigin(station)}/`]) {
      const html = (await httpRequest(url)).text();
      expect(html, url).toMatch(/<link rel="stylesheet" href="\/_next\/static\/chunks\/[\w-]+\.css"/);
      expect(html, url).not.toContain("<style");
      expect(html, url).not.toContain("--lightningcss-light");
    }
    // And the pages are styled by it.
    const page = await browser.newPage({ colorScheme: "dark" });
    await page.goto(`${app.origin}${ARTICLE}`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(15, 20, 26)",
    );
    await page.close();
  });
});

describe("other pages' data", () => {
  it("opens a page without fetching the pages it links to (on a wide screen, its whole menu shown)", async () => {
    // A month page links its neighbours, its year, the station's other records and each of its days.
    const month = addMonths(parisDay(Date.now() / 1000).slice(0, 7), -1);
    for (const url of [
      `${app.origin}/`,
      `${app.origin}${ARTICLE}`,
      `${app.stationOrigin(station)}/mois/${month}`,
    ]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const fetched: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).searchParams.has("_rsc")) fetched.push(request.url());
      });
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      expect(fetched, url).toEqual([]);
      await page.close();
    }
  });
});

describe("start-up work", () => {
  it("starts the station home, the apex home and an article without making a date or number formatter", async () => {
    // Intl's first French or Paris formatter costs a phone some 150 ms while the page hydrates: the live
    // conditions and the vigilance banner (in force in the demo) show the texts the server wrote.
    for (const url of [`${app.stationOrigin(station)}/`, `${app.origin}/`, `${app.origin}${ARTICLE}`]) {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      await page.addInitScript(() => {
        const made: string[] = [];
        Object.assign(window, { formattersMade: made });
        const count = <T extends object>(target: T, name: string): T =>
          new Proxy(target, {
            construct: (original, args) => {
              made.push(name);
              return Reflect.construct(original as never, args);
            },
            apply: (original, self, args) => {
              made.push(name);
              return Reflect.apply(original as never, self, args);
            },
          });
        Intl.DateTimeFormat = count(Intl.DateTimeFormat, "Intl.DateTimeFormat");
        Intl.NumberFormat = count(Intl.NumberFormat, "Intl.NumberFormat");
        for (const name of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"] as const)
          Date.prototype[name] = count(Date.prototype[name], `Date.${name}`);
        Number.prototype.toLocaleString = count(Number.prototype.toLocaleString, "Number.toLocaleString");
      });
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      // Hydrated: React has attached its fibres to the page's elements.
      await page.waitForFunction(() =>
        Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__reactFiber")),
      );
      expect(
        await page.evaluate(() => (window as unknown as { formattersMade: string[] }).formattersMade),
        url,
      ).toEqual([]);
      await page.close();
    }
  });
});

describe("the text font", () => {
  it("draws every text of the visitors' pages in the site's own font, preloaded with the page", async () => {
    // On Linux, each system font size a page lays out costs Chromium a round trip to its browser process
    // while the first layout waits (issue 19): a character the font lacks would bring one back.
    const day = addDays(parisDay(Date.now() / 1000), -2);
    const pages = [
      `${app.origin}/`,
      `${app.origin}${ARTICLE}`,
      `${app.origin}/reseau`,
      `${app.stationOrigin(station)}/`,
      `${app.stationOrigin(station)}/graphiques/7j`,
      `${app.stationOrigin(station)}/jour/${day}`,
      `${app.stationOrigin(station)}/mois/${day.slice(0, 7)}`,
    ];
    for (const url of pages) {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      expect(
        await page.$$eval('head link[rel="preload"][as="font"]', (links) =>
          links.map((link) => (link as HTMLLinkElement).href.replace(/.*\./, "")),
        ),
        url,
      ).toEqual(["woff2"]);
      // Every block laid out (not only those near the screen), then the fonts Chromium drew each
      // element's own text with.
      await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
      const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "body *" });
      const systemFonts: string[] = [];
      let elements = 0;
      for (const nodeId of nodeIds) {
        const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
        if (fonts.length) elements++;
        for (const font of fonts.filter((font) => !font.isCustomFont)) {
          const { outerHTML } = await cdp.send("DOM.getOuterHTML", { nodeId });
          systemFonts.push(`${font.familyName}: ${outerHTML.slice(0, 120)}`);
        }
      }
      expect(elements, url).toBeGreaterThan(10);
      expect(systemFonts, url).toEqual([]);
      await page.close();
    }
  });
});

describe("JavaScript budgets", () => {
  const yesterday = addDays(parisDay(Date.now() / 1000), -1);
  const pages: Record<BudgetedPage, string> = {
    "apex home": "apex:/",
    article: `apex:${ARTICLE}`,
    "station home": "station:/",
    "charts, 7 days": "station:/graphiques/7j",
    "day page": `station:/jour/${yesterday}`,
    "month page": `station:/mois/${addMonths(yesterday.slice(0, 7), -1)}`,
  };

  it("keeps the JavaScript a phone downloads on opening each page within its budget", async () => {
    const weights: Record<string, number> = {};
    for (const [name, entry] of Object.entries(pages)) {
      const [site, pathname] = entry.split(/:(.*)/s);
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      const bodies: Promise<Buffer>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body());
      });
      await page.goto(`${site === "apex" ? app.origin : app.stationOrigin(station)}${pathname}`);
      // The charts page is there for its charts: its budget counts chart.js, drawing the first one.
      if (name === "charts, 7 days") await drawnChart(page);
      await page.waitForLoadState("networkidle");
      // What nginx sends in production: each script gzipped (level 5).
      const bytes = (await Promise.all(bodies)).reduce(
        (sum, body) => sum + gzipSync(body, { level: 5 }).length,
        0,
      );
      weights[name] = Math.round(bytes / 1024);
      await page.close();
    }
    console.log("JavaScript (gzip, KiB) per page:", weights);
    for (const [name, kib] of Object.entries(weights))
      expect(kib, name).toBeLessThanOrEqual(JS_BUDGET_KIB[name as BudgetedPage]);
  });
});

describe("the day page", () => {
  const yesterday = addDays(parisDay(Date.now() / 1000), -1);
  const url = () => `${app.stationOrigin(station)}/jour/${yesterday}`;

  it("weighs little: the 10-minute table waits for its fold, the charts' data is compact", async () => {
    const response = await httpRequest(url());
    expect(response.status).toBe(200);
    const html = response.text();
    const gzip = gzipSync(response.body, { level: 5 }).length;
    const payload = [...html.matchAll(/<script>self\.__next_f\.push\(.*?\)<\/script>/gs)];
    const rsc = payload.reduce((bytes, [script]) => bytes + Buffer.byteLength(script), 0);
    console.log(`day page: ${response.body.length} bytes of HTML (${rsc} of RSC payload), ${gzip} gzipped`);
    // 36 hours of 5-minute charts and a 10-minute table: 493 KB (41 KB gzipped) when the table and the
    // charts' row objects (a copy of the times per chart) were in the HTML and again in the RSC payload;
    // about 70 KB more with the stylesheet inlined (next.config.ts inlineCss), and so copied three times.
    expect(response.body.length).toBeLessThan(90_000);
    expect(gzip).toBeLessThan(20_000);
    expect(html).not.toContain('data-table="ten-minutes"');
  });

  it("shows the 10-minute table when its fold is opened, and says so in French when it cannot", async () => {
    const page = await browser.newPage();
    await page.goto(url());
    const fold = page.locator("details[data-fold=ten-minutes]");
    const api = "**/api/v1/**";
    await page.route(api, (route) => route.abort());
    await fold.locator("summary").click();
    const alert = fold.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/Le tableau n'a pas pu être chargé/);
    await page.unroute(api);
    await alert.getByRole("button", { name: "réessayez" }).click();
    const rows = fold.locator("[data-table='ten-minutes'] tbody tr[data-time]");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(100); // 36 hours of 10-minute buckets
    expect(await rows.first().locator("[data-field=outTemp]").textContent()).toMatch(/^−?\d+,\d$/);
    await page.close();
  });
});

describe("images", () => {
  it("announces the article's cover in the head and fetches it first, in a modern format", async () => {
    const page = await browser.newPage();
    const images: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "image" && request.url().startsWith("http")) images.push(request.url());
    });
    await page.goto(`${app.origin}${ARTICLE}`);
    const preload = page.locator('head link[rel="preload"][as="image"]');
    expect(await preload.getAttribute("imagesrcset")).toMatch(/\/api\/media\/\w+\/480\.avif 480w/);
    const cover = page.locator(".cover img");
    expect(await cover.getAttribute("fetchpriority")).toBe("high");
    expect(await cover.getAttribute("width")).toBe("1600");
    expect(await cover.getAttribute("height")).toBe("900");
    await page.waitForLoadState("load");
    expect(images[0]).toMatch(/\/api\/media\/\w+\/\d+\.avif$/);
    expect(await cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.close();
  });

  it("gives a phone the cover at 720 px, not the 960 px one a wider screen needs", async () => {
    // Lighthouse's phone: 412 px wide at a density of 1.75.
    const page = await browser.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
    const images: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "image" && request.url().startsWith("http")) images.push(request.url());
    });
    await page.goto(`${app.origin}${ARTICLE}`);
    await page.waitForLoadState("load");
    // One file of the cover, and the smaller one.
    expect(images.filter((url) => url.includes("/api/media/"))).toEqual([
      expect.stringMatching(/\/api\/media\/\w+\/720\.avif$/),
    ]);
    await page.close();
  });
});

describe("no errors in the console", () => {
  const today = parisDay(Date.now() / 1000);
  const month = currentMonth();
  const pages = [
    ...["/", ARTICLE, "/articles", "/previsions", "/vigilances", "/reseau", "/climatologie", "/foudre"].map(
      (p) => `apex:${p}`,
    ),
    ...["/", "/graphiques", "/graphiques/7j", "/jour", `/jour/${today}`].map((p) => `station:${p}`),
    `station:/mois/${month}`,
    ...["/climatologie", "/records", "/a-propos", "/historique", "/fiabilite"].map((p) => `station:${p}`),
  ];

  it("opens every main page without a console error, a script error or a failed request", async () => {
    const problems: string[] = [];
    for (const entry of pages) {
      const [site, pathname] = entry.split(/:(.*)/s);
      const url = `${site === "apex" ? app.origin : app.stationOrigin(station)}${pathname}`;
      const page = await browser.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`${pathname}: console: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`${pathname}: ${error.message}`));
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`${pathname}: ${response.status()} ${response.url()}`);
      });
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 240_000); // twenty pages, each until its network is idle: over 90 s on a busy 2-core machine

  it("links no day of the month page that has not come yet", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin(station)}/mois/${month}`);
    const rows = page.locator("table.climate-month tbody tr[data-date]");
    const days = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        date: (tr as HTMLElement).dataset.date!,
        link: tr.querySelector("th a")?.getAttribute("href") ?? null,
      })),
    );
    expect(days.length).toBeGreaterThanOrEqual(28);
    for (const { date, link } of days) expect(link, date).toBe(date > today ? null : `/jour/${date}`);
    await page.close();
  });
});

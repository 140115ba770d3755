import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { almanac as almanacOf } from "@/lib/weather/almanac";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import {
  cardinalOf,
  expectShown,
  extreme,
  mean,
  metricRows,
  parisClock,
  parisDay as parisDayOf,
  parisMidnight,
  type Row,
  shownNumber,
  sum,
  vectorDirection,
  within,
} from "../helpers/truth";

/**
 * The station home's dashboard in headless Chromium: the gauges, the wind compass, the 24-hour SVG and the
 * almanac read with JavaScript off (the server's HTML alone) and compared with the archive; chart.js
 * fetched only once a chart is scrolled to.
 */

const DAY = 86400;
const now = Math.floor(Date.now() / 1000);
const villefranche = DEMO_STATIONS.find((s) => s.slug === "villefranche")!;

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 3, archivePrefix: dbs.prefix });
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

const gauge = (page: Page, name: string) => page.locator(`[data-gauge="${name}"]`);
const shown = (locator: Locator, field: string) => locator.locator(`[data-field="${field}"]`).textContent();

/** The gauge shows the current value and the day's extremes of `column`, in its label too. */
async function expectGauge(g: Locator, latest: Row, today: Row[], column: string, decimals: number) {
  expectShown(await shown(g, "value"), latest[column]!, decimals, `${column} value`);
  const min = extreme(today, column, "min");
  const max = extreme(today, column, "max");
  expectShown(await shown(g, "min"), min[column]!, decimals, `${column} min`);
  expectShown(await shown(g, "max"), max[column]!, decimals, `${column} max`);
  // The label says it all, with the times of the extremes.
  const label = (await g.locator("svg[role=img]").getAttribute("aria-label"))!;
  for (const [kind, row] of [
    ["minimum", min],
    ["maximum", max],
  ] as const) {
    const [, value, time] = new RegExp(`${kind} du jour ([^;]+) à (\\d\\d:\\d\\d)`).exec(label) ?? [];
    expectShown(value, row[column]!, decimals, `${column} ${kind} in "${label}"`);
    expect(time, label).toBe(parisClock(row.dateTime));
  }
  // The band of the day's range is drawn.
  expect(await g.locator("path.gauge-range").getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+A/);
}

describe("station home dashboard", () => {
  it("shows gauges, compass, the last 24 hours and the almanac without JavaScript, equal to the archive", async () => {
    const rows = await metricRows(dbs.admin, dbs.prefix + villefranche.archiveDatabase, 0, now + DAY);
    const latest = rows.at(-1)!;
    const at = latest.dateTime;
    const today = within(rows, parisMidnight(at - 1), at);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${app.stationOrigin("villefranche")}/`);
    expect(response?.status()).toBe(200);

    await expectGauge(gauge(page, "temperature"), latest, today, "outTemp", 1);
    await expectGauge(gauge(page, "humidity"), latest, today, "outHumidity", 0);
    await expectGauge(gauge(page, "pressure"), latest, today, "barometer", 1);
    const threeHoursAgo = rows.find((r) => r.dateTime === at - 3 * 3600)!;
    const trend = await shown(gauge(page, "pressure"), "note");
    expectShown(trend!.replace(/^\S+ /, ""), latest.barometer! - threeHoursAgo.barometer!, 1, "trend");
    expect(trend).toMatch(/en 3 h$/);
    expectShown(await shown(gauge(page, "rain"), "value"), sum(today, "rain"), 1, "rain today");
    expectShown(await shown(gauge(page, "rainRate"), "value"), latest.rainRate!, 1, "rain rate");
    expectShown(await shown(gauge(page, "rainRate"), "max"), extreme(today, "rainRate", "max").rainRate!, 1);
    await expectGauge(gauge(page, "uv"), latest, today, "UV", 1);
    await expectGauge(gauge(page, "radiation"), latest, today, "radiation", 0);

    // The compass: 10-minute mean and direction, gusts, and a mark per record of the last 10 minutes.
    const compass = gauge(page, "wind");
    const tenMinutes = within(rows, at - 600, at);
    expectShown(await shown(compass, "value"), mean(tenMinutes, "windSpeed"), 0, "wind");
    expect(await shown(compass, "direction")).toBe(cardinalOf(vectorDirection(tenMinutes)));
    expectShown(await shown(compass, "gust"), extreme(tenMinutes, "windGust", "max").windGust!, 0);
    expectShown(await shown(compass, "max"), extreme(today, "windGust", "max").windGust!, 0);
    const marks = tenMinutes.filter((r) => r.windDir !== null && r.windSpeed !== 0).length;
    expect(await compass.locator("circle.compass-mark").count()).toBe(marks);
    expect(await compass.locator("svg").getAttribute("aria-label")).toContain("Vent moyen sur 10 min");

    // The last 24 hours as SVG: the extremes labelled and the rain total, as text.
    const lastDay = page.locator("[data-chart-svg=last-day]");
    const day = within(rows, at - DAY, at);
    expectShown(await shown(lastDay, "lastDay.min"), extreme(day, "outTemp", "min").outTemp!, 1);
    expectShown(await shown(lastDay, "lastDay.max"), extreme(day, "outTemp", "max").outTemp!, 1);
    expectShown(await shown(lastDay, "lastDay.rain"), sum(day, "rain"), 1);
    const line = (await lastDay.locator("path.temperature-line").getAttribute("d"))!;
    expect(line.match(/[ML]/g)!.length).toBeGreaterThan(200); // a point per 5-minute record
    expect(await lastDay.locator("text.tick").count()).toBeGreaterThan(6);

    // The almanac of today at the station: times in Paris, in order, and the moon.
    const almanac = page.locator(".almanac");
    const clock = async (name: string) => (await shown(almanac, `almanac.${name}`))!;
    const times = await Promise.all(["dawn", "sunrise", "sunset", "dusk"].map(clock));
    const computed = almanacOf(parisDayOf(now), villefranche.profile, "Europe/Paris");
    expect(times).toEqual(
      [computed.dawn, computed.sunrise, computed.sunset, computed.dusk].map((t) => parisClock(t!)),
    );
    expect([...times].sort()).toEqual(times);
    const [sunriseH, sunriseM] = times[1].split(":").map(Number);
    const [sunsetH, sunsetM] = times[2].split(":").map(Number);
    const length = await clock("dayLength");
    expect(length).toMatch(/^\d+ h \d\d \([+−]/);
    expect(shownNumber(length) * 60 + Number(length.split(" h ")[1].slice(0, 2))).toBeCloseTo(
      sunsetH * 60 + sunsetM - (sunriseH * 60 + sunriseM),
      -0.5, // within a minute (the times are rounded down to the minute)
    );
    expect(await clock("moon")).toMatch(
      /^(Nouvelle|Premier|Gibbeuse|Pleine|Dernier).*, éclairée à \d+\u202f%$/,
    );

    // Nothing needed a script: the page has none running, and no chart was drawn.
    expect(await page.locator("[data-chart=ready]").count()).toBe(0);
    await context.close();
  });

  it("fetches chart.js only once a chart is scrolled into view", async () => {
    const page = await browser.newPage();
    const scripts: { url: string; body: string }[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script")
        scripts.push({ url: response.url(), body: await response.text().catch(() => "") });
    });
    const chartJs = () => scripts.filter((s) => s.body.includes("can't acquire context"));
    await page.goto(`${app.stationOrigin("villefranche")}/`, { waitUntil: "networkidle" });
    // The live conditions have hydrated (the age ticks), the charts wait below the fold.
    await page.locator("[data-field=age]").waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(chartJs()).toEqual([]);
    expect(await page.locator("figure[data-chart=waiting]").count()).toBe(3);
    await drawnChart(page, 0);
    // A script's body is read after its response event: it may come in after the chart is drawn.
    await expect.poll(() => chartJs().length).toBe(1);
    expect(
      await page
        .locator("figure[data-chart] canvas")
        .first()
        .evaluate((c: HTMLCanvasElement) => c.width),
    ).toBeGreaterThan(0);
    await page.close();
  });

  it("moves the needles smoothly only for visitors who allow motion", async () => {
    // Chromium emulates the visitor's setting (prefers-reduced-motion) through the DevTools protocol.
    const moves: Record<string, { duration: string; animations: number }> = {};
    for (const reducedMotion of ["no-preference", "reduce"] as const) {
      const context = await browser.newContext({ reducedMotion });
      const page = await context.newPage();
      await page.goto(`${app.stationOrigin("villefranche")}/`);
      await page.locator("[data-field=age]").waitFor();
      // The needle turns to a new value as the poll turns it: does the browser animate the turn?
      moves[reducedMotion] = await gauge(page, "temperature")
        .locator(".gauge-needle")
        .evaluate((needle: SVGGElement) => {
          const duration = getComputedStyle(needle).transitionDuration;
          needle.style.transform = "rotate(200deg)";
          return { duration, animations: needle.getAnimations().length };
        });
      await context.close();
    }
    expect(moves["no-preference"]).toEqual({ duration: "0.8s, 0.8s", animations: 1 });
    expect(moves.reduce).toEqual({ duration: "0s", animations: 0 });
  });
});

describe("day page almanac", () => {
  it("shows the almanac of the chosen day", async () => {
    const page = await browser.newPage();
    const day = parisDayOf(now - 2 * DAY);
    const response = await page.goto(`${app.stationOrigin("villefranche")}/jour/${day}`);
    expect(response?.status()).toBe(200);
    const almanac = page.locator(".almanac");
    expect(await almanac.locator("h2").textContent()).toMatch(/^Éphéméride du /);
    const computed = almanacOf(day, villefranche.profile, "Europe/Paris");
    const clock = (t: number | null, none: string) => (t === null ? none : parisClock(t));
    for (const [name, none] of [
      ["dawn", "—"],
      ["sunrise", "—"],
      ["sunset", "—"],
      ["dusk", "—"],
      ["moonrise", "pas de lever ce jour"],
      ["moonset", "pas de coucher ce jour"],
    ] as const)
      expect(await shown(almanac, `almanac.${name}`), name).toBe(clock(computed[name], none));
    expect(await shown(almanac, "almanac.moon")).toContain(computed.moon.name);
    await page.close();
  });
});

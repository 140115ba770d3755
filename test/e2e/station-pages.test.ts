import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { seedDemo, writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createLevens } from "../helpers/stations";
import {
  cardinalOf,
  expectShown,
  extreme,
  mean,
  metricRows,
  parisClock,
  parisDay,
  parisMidnight,
  parisPeriodStart,
  type Row,
  shownNumber,
  sum,
  vectorDirection,
  within,
} from "../helpers/truth";

/**
 * The station pages in headless Chromium: every value read on the page is compared with the same
 * quantity computed here from the archive rows (plain SQL, conversions of test/helpers/truth.ts).
 */

const HOUR = 3600;
const DAY = 86400;
const now = Math.floor(Date.now() / 1000);
const villefranche = DEMO_STATIONS.find((s) => s.slug === "villefranche")!;

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
const archiveOf = (slug: string) => {
  const demo = DEMO_STATIONS.find((s) => s.slug === slug);
  return dbs.prefix + (demo ? demo.archiveDatabase : slug);
};

/** A station of our own with the villefranche weather, for tests that change its archive. */
async function extraStation(slug: string, until: number, offlineThresholdMinutes = 30) {
  await writeDemoArchive(
    dbs.admin,
    archiveOf(slug),
    { ...villefranche.profile, seed: 77 },
    now - 10 * DAY,
    until,
  );
  return dbs.prisma.station.create({
    data: {
      slug,
      name: `Station ${slug}`,
      shortName: slug,
      commune: "Villefranche-sur-Mer",
      latitude: 43.7,
      longitude: 7.31,
      altitude: 10,
      archiveDatabase: archiveOf(slug),
      offlineThresholdMinutes,
      hasUv: true,
      hasRadiation: true,
    },
  });
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 40, archivePrefix: dbs.prefix });
  await extraStation("silencieuse", now - 3 * HOUR - 600);
  const live = await extraStation("direct", now);
  // Four hours missing two days ago: that day's coverage falls to about 83 %.
  const gapDay = parisMidnight(now) - 2 * DAY;
  await dbs.admin.query("DELETE FROM ??.archive WHERE dateTime > ? AND dateTime <= ?", [
    archiveOf("direct"),
    gapDay + 8 * HOUR,
    gapDay + 12 * HOUR,
  ]);
  await createLevens(dbs);
  for (const station of await dbs.prisma.station.findMany({ where: { slug: { not: "levens" } } }))
    await updateAggregates(station);
  expect(live.slug).toBe("direct");
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

async function open(slug: string, path: string): Promise<Page> {
  const page = await browser.newPage();
  const response = await page.goto(`${app.stationOrigin(slug)}${path}`);
  expect(response?.status(), `${slug}${path}`).toBe(200);
  return page;
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const field = (page: Page, name: string) => text(page, `[data-field="${name}"]`);

/** "12,3 °C à 14:35": the value and the clock time. */
async function expectAt(page: Page, name: string, truth: Row, column: string, decimals = 1) {
  const shown = await field(page, name);
  expectShown(shown, truth[column]!, decimals, name);
  expect(shown, name).toContain(parisClock(truth.dateTime));
}

describe("station home", () => {
  it("shows every current value of the legacy home, equal to the archive's", async () => {
    for (const { slug } of DEMO_STATIONS) {
      const rows = await metricRows(dbs.admin, archiveOf(slug), 0, now + DAY); // 40 days
      const latest = rows.at(-1)!;
      const at = latest.dateTime;
      const today = within(rows, parisMidnight(at - 1), at);
      const last = (seconds: number) => within(rows, at - seconds, at);
      const page = await open(slug, "/");
      expect(await field(page, "dateTime")).toContain(parisClock(at));
      expectShown(await field(page, "outTemp"), latest.outTemp!, 1, "outTemp");
      expectShown(await field(page, "temperature.current"), latest.outTemp!, 1);
      await expectAt(page, "temperature.min", extreme(today, "outTemp", "min"), "outTemp");
      await expectAt(page, "temperature.max", extreme(today, "outTemp", "max"), "outTemp");
      expectShown(await field(page, "humidity.current"), latest.outHumidity!, 0);
      await expectAt(page, "humidity.max", extreme(today, "outHumidity", "max"), "outHumidity", 0);
      await expectAt(page, "dewpoint.min", extreme(today, "dewpoint", "min"), "dewpoint");
      expectShown(await field(page, "pressure.current"), latest.barometer!, 1);
      const threeHoursAgo = rows.find((r) => r.dateTime === at - 3 * HOUR)!;
      expectShown(
        await field(page, "pressure.trend"),
        latest.barometer! - threeHoursAgo.barometer!,
        1,
        "trend",
      );
      // Wind: means over 10 minutes and 1 hour, with the speed-weighted direction.
      for (const [name, seconds] of [
        ["wind.mean10min", 600],
        ["wind.mean1h", HOUR],
      ] as const) {
        const shown = await field(page, name);
        expectShown(shown, mean(last(seconds), "windSpeed"), 0, name);
        // the page names the sector of the whole degrees it shows, as the API gives them
        const direction = Math.round(vectorDirection(last(seconds)));
        expect(shown, name).toContain(`de ${cardinalOf(direction)} (${direction}°)`);
      }
      const gust = extreme(today, "windGust", "max");
      const gustText = await field(page, "wind.gustToday");
      await expectAt(page, "wind.gustToday", gust, "windGust", 0);
      expect(gustText).toContain(`(${Math.round(gust.windGustDir!)}°)`);
      // Rain over every window.
      const midnight = parisMidnight(at - 1);
      const rainDay = Math.floor((at - 1 - 6 * HOUR) / DAY) * DAY + 6 * HOUR;
      for (const [name, from] of [
        ["rain.last1h", at - HOUR],
        ["rain.last3h", at - 3 * HOUR],
        ["rain.last12h", at - 12 * HOUR],
        ["rain.last24h", at - DAY],
        ["rain.sinceMidnight", midnight],
        ["rain.day0606", rainDay],
        ["rain.last7d", at - 7 * DAY],
        ["rain.month", parisPeriodStart(at, "month")],
        ["rain.year", parisPeriodStart(at, "year")], // the archive starts 40 days ago: all of it, or since 1 January
      ] as const)
        expectShown(await field(page, name), sum(within(rows, from, at), "rain"), 1, `${slug} ${name}`);
      expectShown(
        await field(page, "rain.previousDay0606"),
        sum(within(rows, rainDay - DAY, rainDay), "rain"),
      );
      expectShown(await field(page, "rain.rate"), latest.rainRate!, 1);
      if (slug !== "nice-pessicart") {
        await expectAt(page, "uv.max", extreme(today, "UV", "max"), "UV");
        await expectAt(page, "radiation.max", extreme(today, "radiation", "max"), "radiation", 0);
        expectShown(await field(page, "etToday"), sum(today, "ET"), 2);
      } else {
        expect(await page.locator('[data-field="uv.max"]').count()).toBe(0); // no solar sensors
      }
      await expect(page.locator(".banner-danger").count()).resolves.toBe(0);
      await page.close();
    }
  });

  it("says how long a silent station has been offline", async () => {
    const page = await open("silencieuse", "/");
    const banner = await field(page, "offline");
    expect(banner).toMatch(/^Station hors ligne depuis 3 h [0-5]\d/);
    await page.close();
  });

  it("refreshes its values and gauges without a reload, at most once a minute, and shows their age", async () => {
    const page = await browser.newPage();
    await page.clock.install({ time: Date.now() });
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/")) requests.push(r.url());
    });
    await page.goto(`${app.stationOrigin("direct")}/`);
    await page.locator('[data-field="outTemp"]').waitFor();
    // The dashboard's needles are CSS transitions: each one that starts is counted.
    await page.evaluate(() => {
      const moved: string[] = [];
      (window as unknown as { moved: string[] }).moved = moved;
      document.addEventListener("transitionrun", (event) => {
        const gauge = (event.target as Element).closest("[data-gauge]") as HTMLElement | null;
        if (gauge) moved.push(`${gauge.dataset.gauge} ${event.propertyName}`);
      });
    });
    const gaugeValue = (name: string) => text(page, `[data-gauge="${name}"] [data-field="value"]`);
    const needle = () =>
      page
        .locator('[data-gauge="temperature"] .gauge-needle')
        .evaluate((g) => (g as SVGElement).style.transform);
    const before = { temperature: await gaugeValue("temperature"), needle: await needle() };
    expect(before.temperature).not.toBe("31,4\u202f°C");
    const [[{ newest }]] = (await dbs.admin.query("SELECT MAX(dateTime) AS newest FROM ??.archive", [
      archiveOf("direct"),
    ])) as unknown as [{ newest: number }[]];
    // A new record arrives (METRIC: the rain in centimetres).
    const next = Number(newest) + 300;
    await dbs.admin.query(
      "INSERT INTO ??.archive (dateTime, usUnits, `interval`, outTemp, outHumidity, barometer, rain, rainRate) VALUES (?, 16, 5, 31.4, 40, 1000, 0, 0)",
      [archiveOf("direct"), next],
    );
    await page.clock.runFor(30_000);
    expect(requests).toEqual([]); // not before a minute
    await page.clock.runFor(31_000);
    await page.waitForFunction(
      () => document.querySelector('[data-field="outTemp"]')?.textContent === "31,4\u202f°C",
    );
    expect(requests).toHaveLength(1);
    expect(await field(page, "dateTime")).toContain(parisClock(next));
    // The gauges follow: new values, the temperature needle turned (animated: motion is allowed here).
    expect(await gaugeValue("temperature")).toBe("31,4\u202f°C");
    expect(await gaugeValue("humidity")).toBe("40\u202f%");
    expect(await needle()).not.toBe(before.needle);
    expect(await page.evaluate(() => (window as unknown as { moved: string[] }).moved)).toContain(
      "temperature transform",
    );
    // The age keeps counting; past the threshold (30 min) the offline banner appears by itself.
    await page.clock.runFor(40 * 60_000);
    await page.locator('[data-field="offline"]').waitFor();
    // 41 minutes after the page opened, the record stamped up to 5 minutes ahead of then.
    expect(await field(page, "age")).toMatch(/il y a (3[5-9]|4[0-2]) min/);
    await page.close();
  });

  it("explains a station whose archive is missing, on every page", async () => {
    for (const path of ["/", "/graphiques", "/graphiques/30j", `/jour/${parisDay(now)}`]) {
      const page = await browser.newPage();
      const response = await page.goto(`${app.stationOrigin("levens")}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await text(page, ".banner-warning"), path).toMatch(
        /archives de cette station sont introuvables/,
      );
      expect((await page.content()).toLowerCase()).not.toMatch(/er_bad_db|select /);
      await page.close();
    }
  });
});

/** Rows of a chart's CSV download: header and lines split. */
async function chartCsv(page: Page, index: number): Promise<{ header: string[]; lines: string[][] }> {
  const button = (await drawnChart(page, index)).locator("button", { hasText: "Données CSV" });
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const [header, ...lines] = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  return { header: header.split(","), lines: lines.map((line) => line.split(",")) };
}

describe("charts page", () => {
  it("draws 7 days at 1 hour: hourly means, extremes and gusts equal to the archive's", async () => {
    const page = await open("nice-pessicart", "/graphiques/7j");
    expect(await page.locator("[data-step]").getAttribute("data-step")).toBe("1h");
    const rows = await metricRows(dbs.admin, archiveOf("nice-pessicart"), now - 9 * DAY, now + DAY);
    const temperature = await chartCsv(page, 0);
    expect(temperature.header).toEqual([
      "heure_utc",
      "Maximum (°C)",
      "Minimum (°C)",
      "Température moyenne (°C)",
      "Point de rosée (°C)",
      "Humidité (%)",
    ]);
    // 168 hours, fewer if the demo station had an outage.
    expect(temperature.lines.length).toBeGreaterThan(100);
    expect(temperature.lines.length).toBeLessThanOrEqual(170);
    for (const line of temperature.lines.slice(10, 160).filter((_, i) => i % 25 === 0)) {
      const end = Date.parse(line[0]) / 1000;
      const hour = within(rows, end - HOUR, end);
      if (hour.length === 0) continue; // an outage of the demo station
      expect(Number(line[1])).toBeCloseTo(extreme(hour, "outTemp", "max").outTemp!, 2);
      expect(Number(line[2])).toBeCloseTo(extreme(hour, "outTemp", "min").outTemp!, 2);
      expect(Number(line[3])).toBeCloseTo(mean(hour, "outTemp"), 2);
    }
    const wind = await chartCsv(page, 2);
    const line = wind.lines
      .slice(100)
      .find((l) => within(rows, Date.parse(l[0]) / 1000 - HOUR, Date.parse(l[0]) / 1000).length)!;
    const end = Date.parse(line[0]) / 1000;
    expect(Number(line[2])).toBeCloseTo(
      extreme(within(rows, end - HOUR, end), "windGust", "max").windGust!,
      2,
    );
    expect(Number(line[3])).toBeCloseTo(vectorDirection(within(rows, end - HOUR, end)), 1);
    const rain = await chartCsv(page, 3);
    const lastTotal = Number(rain.lines.at(-1)![2]);
    const first = Date.parse(rain.lines[0][0]) / 1000;
    expect(lastTotal).toBeCloseTo(
      sum(within(rows, first - HOUR, Date.parse(rain.lines.at(-1)![0]) / 1000), "rain"),
      1,
    );
    // The PNG of a chart.
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("button:enabled", { hasText: "Image PNG" }).first().click(),
    ]);
    expect(png.suggestedFilename()).toBe("nice-pessicart-7j-temperature.png");
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    await page.close();
  });

  it("tells what the pointer shows as text, each quantity at its own precision, equal to the chart's data", async () => {
    const page = await open("nice-pessicart", "/graphiques/7j");
    const { header, lines } = await chartCsv(page, 0);
    const chart = await drawnChart(page, 0);
    const box = (await chart.locator("canvas").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const region = chart.locator("[data-chart-tooltip]");
    await expect.poll(() => region.textContent()).toMatch(/Humidité/);
    expect(await region.getAttribute("aria-live")).toBe("polite");
    const [title, ...values] = (await region.textContent())!.split(" ; ");
    // The hovered hour, found in the chart's own CSV by its Paris time.
    const paris = new Intl.DateTimeFormat("fr-FR", {
      timeZone: "Europe/Paris",
      day: "2-digit",
      month: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    const line = lines.find((l) => paris.format(new Date(l[0])) === title);
    expect(line, title).toBeDefined();
    const precision: Record<string, number> = { "°C": 1, "%": 0 };
    expect(values.length).toBe(header.length - 1);
    for (const shown of values) {
      const [, label, number, unit] = shown.match(/^(.+) : (\S+)\u202f(\S+)$/) ?? [];
      expect(label, shown).toBeDefined();
      expect((number.split(",")[1] ?? "").length, shown).toBe(precision[unit]);
      const column = header.indexOf(`${label} (${unit})`);
      expectShown(number, Number(line![column]), precision[unit], shown);
    }
    await page.close();
  });

  it("offers every legacy period, each with its step, and the wind rose of the period", async () => {
    const page = await open("villefranche", "/graphiques");
    for (const [label, step] of [
      ["24 heures", "raw"],
      ["48 heures", "10m"],
      ["7 jours", "1h"],
      ["30 jours", "3h"],
      ["1 an", "1d"],
    ]) {
      await page.getByRole("link", { name: label, exact: true }).click();
      await page.waitForFunction(
        (s) => document.querySelector("[data-step]")?.getAttribute("data-step") === s,
        step,
      );
      for (const points of await page
        .locator("figure[data-points]")
        .evaluateAll((f) => f.map((e) => Number(e.getAttribute("data-points")))))
        expect(points).toBeLessThanOrEqual(2000);
    }
    // Solar charts for a station with the sensors.
    await expect(page.locator("canvas[aria-label='Indice UV']").count()).resolves.toBe(1);
    const totals = await page.locator("[data-table='wind-rose'] td[data-sector]").allTextContents();
    const calm = shownNumber(await field(page, "calm"));
    expect(totals.map(shownNumber).reduce((a, b) => a + b, 0) + calm).toBeCloseTo(100, 0);
    await page.close();
  });

  it("draws any range of days with an automatic step under 2,000 points", async () => {
    const page = await open("la-colmiane", "/graphiques");
    const to = new Date((now - 2 * DAY) * 1000).toISOString().slice(0, 10);
    const from = new Date((now - 32 * DAY) * 1000).toISOString().slice(0, 10);
    // Dates typed in the wrong order are swapped.
    await page.locator("input[name=du]").fill(to);
    await page.locator("input[name=au]").fill(from);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(`${app.stationOrigin("la-colmiane")}/graphiques/${from}..${to}`);
    expect(await page.locator("[data-step]").getAttribute("data-step")).toBe("1h"); // 31 days
    expect(Number(await page.locator("[data-rows]").getAttribute("data-rows"))).toBeGreaterThan(600);
    await page.close();
    for (const bad of [
      "/graphiques/2024-13-01..2024-13-02",
      "/graphiques/2025-02-01..2025-01-01",
      "/graphiques/12j",
    ]) {
      const response = await (await browser.newPage()).goto(`${app.stationOrigin("la-colmiane")}${bad}`);
      expect(response?.status(), bad).toBe(404);
    }
  });
});

describe("day page", () => {
  const yesterday = () => {
    const noon = parisMidnight(now) - 12 * HOUR;
    return { start: parisMidnight(noon), end: parisMidnight(now), day: parisDay(noon) };
  };

  it("shows the day's extremes, rain days and 10-minute table, equal to the archive's", async () => {
    const { start, end, day } = yesterday();
    const page = await open("nice-pessicart", `/jour/${day}`);
    const rows = await metricRows(dbs.admin, archiveOf("nice-pessicart"), start - 2 * DAY, end + 2 * DAY);
    const local = within(rows, start, end);
    const cell = (row: string, name: string) => text(page, `[data-row="${row}"] [data-field="${name}"]`);
    for (const [row, column, decimals] of [
      ["temperature", "outTemp", 1],
      ["humidity", "outHumidity", 0],
      ["dewpoint", "dewpoint", 1],
      ["pressure", "barometer", 1],
    ] as const) {
      for (const kind of ["min", "max"] as const) {
        const truth = extreme(local, column, kind);
        const shown = await cell(row, kind);
        expectShown(shown, truth[column]!, decimals, `${row} ${kind}`);
        expect(shown).toContain(parisClock(truth.dateTime));
      }
      expectShown(await cell(row, "mean"), mean(local, column), decimals, `${row} mean`);
    }
    expectShown(
      await field(page, "amplitude"),
      extreme(local, "outTemp", "max").outTemp! - extreme(local, "outTemp", "min").outTemp!,
    );
    const utcDay = Date.parse(`${day}T00:00:00Z`) / 1000;
    const rain = page.locator("[data-table='rain'] tbody tr");
    expectShown(
      await rain.nth(0).locator("[data-field=total]").textContent(),
      sum(within(rows, utcDay + 6 * HOUR, utcDay + 30 * HOUR), "rain"),
    );
    expectShown(
      await rain.nth(1).locator("[data-field=total]").textContent(),
      sum(within(rows, utcDay - 18 * HOUR, utcDay + 6 * HOUR), "rain"),
    );
    expectShown(await rain.nth(2).locator("[data-field=total]").textContent(), sum(local, "rain"));
    // The 10-minute table, loaded when its fold is opened, spans 18 UTC the day before to 06 UTC the day after.
    await page.locator("details[data-fold=ten-minutes] summary").click();
    await page.locator("[data-table='ten-minutes'] tbody tr").first().waitFor();
    const times = await page
      .locator("[data-table='ten-minutes'] tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-time"))));
    expect(times[0]).toBe(utcDay - 6 * HOUR + 600);
    const lastRecord = within(rows, utcDay - 6 * HOUR, utcDay + 30 * HOUR).at(-1)!.dateTime;
    expect(times.at(-1)).toBe(Math.floor((lastRecord - 1) / 600) * 600 + 600);
    for (const t of [times[7], times[100], times[Math.min(200, times.length - 1)]]) {
      const bucket = within(rows, t - 600, t);
      const tr = page.locator(`[data-table='ten-minutes'] tr[data-time="${t}"]`);
      expectShown(
        await tr.locator("[data-field=outTemp]").textContent(),
        mean(bucket, "outTemp"),
        1,
        `10 min ${t}`,
      );
      expectShown(
        await tr.locator("[data-field=windGust]").textContent(),
        extreme(bucket, "windGust", "max").windGust!,
        0, // km/h: whole numbers everywhere
      );
      const rainText = await tr.locator("[data-field=rain]").textContent();
      expectShown(rainText, sum(bucket, "rain"), 1);
    }
    expect(await page.locator("[data-field=progress]").count()).toBe(0); // a whole day
    expect(await page.locator("[data-field=reliability]").count()).toBe(0);
    await page.close();
  });

  it("gives no time to a maximum that stayed at zero: a dry day's rain rates", async () => {
    const rows = await metricRows(dbs.admin, archiveOf("nice-pessicart"), now - 40 * DAY, now);
    // A past day whose rain windows (06 h UTC the day before to 06 h UTC the day after) saw no rain.
    const dry = Array.from({ length: 35 }, (_, i) => parisDay(now - (i + 2) * DAY)).find((day) => {
      const utcDay = Date.parse(`${day}T00:00:00Z`) / 1000;
      const around = within(rows, utcDay - 18 * HOUR, utcDay + 30 * HOUR);
      return around.length > 0 && around.every((row) => row.rainRate === 0);
    });
    expect(dry, "a dry day in the demo's last weeks").toBeDefined();
    const page = await open("nice-pessicart", `/jour/${dry}`);
    const peaks = await page.locator("[data-table='rain'] [data-field=maxRate]").allTextContents();
    expect(peaks).toEqual(Array(3).fill("0,0\u202fmm/h"));
    await page.close();
  });

  it("moves from day to day, with a date picker, and shows today's progress", async () => {
    const { day } = yesterday();
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin("villefranche")}/`);
    await page
      .getByRole("navigation", { name: "Navigation de la station" })
      .getByRole("link", { name: "Journée" })
      .click();
    const today = parisDay(Math.floor(Date.now() / 1000));
    await page.waitForURL(`${app.stationOrigin("villefranche")}/jour/${today}`);
    expect(await field(page, "progress")).toMatch(/^Journée en cours : +\d+ % écoulés\.$/);
    await page.getByRole("link", { name: "← Veille" }).click();
    await page.waitForURL(`**/jour/${day}`);
    await page.locator("input[name=date]").fill("2000-01-01"); // before the archive: nothing to show, no error
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL("**/jour/2000-01-01");
    expect(await text(page, ".banner-info")).toBe("Aucun relevé ce jour-là.");
    await page.close();
  });

  it("warns when the day's records cover 95 % of it or less", async () => {
    const noon = parisMidnight(now) - 2 * DAY + 12 * HOUR;
    const page = await open("direct", `/jour/${parisDay(noon)}`);
    // 20 hours of 24 (of 23 or 25 on the days the clocks change).
    expect(await field(page, "reliability")).toMatch(/les relevés couvrent 8\d % de la journée ;/);
    await page.close();
  });

  it("answers impossible and future days, and unknown stations, with the French 404", async () => {
    const tomorrow = new Date((now + 2 * DAY) * 1000).toISOString().slice(0, 10);
    for (const [slug, path] of [
      ["villefranche", "/jour/2024-13-45"],
      ["villefranche", "/jour/2025-02-30"],
      ["villefranche", `/jour/${tomorrow}`],
      ["inconnue", "/graphiques"],
      ["inconnue", "/jour/2025-01-01"],
    ]) {
      const page = await browser.newPage();
      const response = await page.goto(`${app.stationOrigin(slug)}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await text(page, "h1")).toBe("Page introuvable");
      await page.close();
    }
  });
});

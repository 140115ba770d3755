import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateStations } from "@/lib/aggregates/job";
import { updateClimate } from "@/lib/climate/job";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { archiveRow, recordTimes } from "@/lib/demo/weather";
import type { Station } from "@/lib/generated/prisma/client";
import { startTestApp, type TestApp } from "../helpers/app";
import { drawnChart, launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { signInInBrowser } from "../helpers/session";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

/**
 * The quality control's "done when", end to end on the built app and real Chromium: two sensor faults
 * injected into La Colmiane's demo archive (a temperature stuck at 31.7 °C for 4 h 30, and 5 mm of rain
 * with 30 % humidity) are flagged by the one aggregates run that reads them and e-mailed once to the
 * owner; the month, year, history, comparison, records and network climatology pages and the open-data
 * API say they left out (or kept) flagged values; the owner, on the station admin's "Qualité des données" screen, dismisses the temperature
 * (it comes back in the month's climatology), confirms the rain (an invalidation: it leaves the
 * month's climatology) and tunes a check; each decision is audited.
 */

const HOUR = 3600;
const DAY = 86400;
const NOW = Math.floor(Date.now() / 1000);
/** The faults' day: two days ago (UTC), a closed climatological day. */
const D = Math.floor((NOW - 2 * DAY) / DAY) * DAY;
const DATE = new Date(D * 1000).toISOString().slice(0, 10);
const HISTORY_END = D + 6 * HOUR;
const RAIN_FAULT = D + 8 * HOUR;
const STUCK_FROM = D + 10 * HOUR;
const STUCK_TO = D + 14.5 * HOUR;
const STUCK = 31.7;
const colmiane = DEMO_STATIONS.find((s) => s.slug === "la-colmiane")!;
const owner = DEMO_USERS.find((u) => "stations" in u && u.stations.includes("la-colmiane"))!;

let dbs: TestDatabases;
let smtp: SmtpSink;
let app: TestApp;
let browser: Browser;
let ownerContext: BrowserContext;
let station: Station;
const database = () => dbs.prefix + colmiane.archiveDatabase;

/** Appends La Colmiane's demo records of (from, to], with the faults in them (METRICWX: °C, mm). */
async function append(from: number, to: number) {
  const rows = [...recordTimes(colmiane.profile, from, to, from)].map((t) => {
    const row = archiveRow(colmiane.profile, t);
    if (t > STUCK_FROM && t <= STUCK_TO) row.outTemp = STUCK;
    if (t === RAIN_FAULT) Object.assign(row, { rain: 5, outHumidity: 30 });
    return row;
  });
  const columns = Object.keys(rows[0]);
  await dbs.admin.query("INSERT INTO ??.archive (??) VALUES ?", [
    database(),
    columns,
    rows.map((row) => columns.map((c) => row[c])),
  ]);
}

const runJob = (now: number) => aggregateStations("update", [station], { now });
const french = (text: string | null) => Number((text ?? "").trim().replace(",", "."));

async function stationPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  const response = await page.goto(`${app.stationOrigin("la-colmiane")}${path}`);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The month page's row of the faults' day. */
async function dayRow() {
  const page = await stationPage(`/mois/${DATE.slice(0, 7)}`);
  const row = page.locator(`tr[data-date="${DATE}"]`);
  const values = {
    tx: french(await row.locator('[data-field="tx"]').textContent()),
    rr: french(await row.locator('[data-field="rr"]').textContent()),
    quality: await row.locator('[data-field="quality"]').textContent(),
    notice: await page.locator('[data-field="quality-notice"]').textContent(),
  };
  await page.close();
  return values;
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl; // the jobs below run in this process
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  await seedDemo(dbs.prisma, dbs.admin, {
    now: HISTORY_END,
    historyDays: 20,
    stations: [colmiane],
    archivePrefix: dbs.prefix,
  });
  station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "la-colmiane" } });
  await runJob(HISTORY_END);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, SMTP_URL: smtp.url });
  browser = await launchBrowser();
  ownerContext = await browser.newContext();
  const page = await ownerContext.newPage();
  await signInInBrowser(page, app.origin, owner);
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
  await dbs?.drop();
});

describe("sensor faults in a demo station's archive", () => {
  it("are flagged within one job run, and e-mailed once to the owner", async () => {
    await append(HISTORY_END, STUCK_TO);
    await runJob(STUCK_TO);
    const flags = await dbs.prisma.qcFlag.findMany({ where: { stationId: station.id } });
    const stuck = flags.filter((f) => f.quantity === "outTemp" && f.dateTime > STUCK_FROM);
    expect(stuck).toHaveLength(54);
    expect(stuck.every((f) => f.level === "ERRONEOUS")).toBe(true);
    expect(flags.find((f) => f.quantity === "rain")).toMatchObject({
      dateTime: RAIN_FAULT,
      level: "SUSPECT",
      check: "consistency",
    });

    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe("[Météo06] Valdeblore – La Colmiane : température en défaut");
    expect([mail.to].flat().flatMap((a) => a?.value.map((v) => v.address))).toContain(owner.email);
    await runJob(STUCK_TO + 60); // nothing new: no second message
    await append(STUCK_TO, NOW);
    await runJob(NOW);
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.subject)).toEqual([
      "[Météo06] Valdeblore – La Colmiane : température en défaut",
      "[Météo06] Valdeblore – La Colmiane : température, retour à la normale",
    ]);
    await updateClimate(station);
  });

  it("are left out of (or kept but counted in) the month page, which says so", async () => {
    const row = await dayRow();
    expect(row.tx).toBeLessThan(20); // the stuck 31.7 °C is not the day's Tx
    expect(row.rr).toBeGreaterThanOrEqual(5); // the suspect rain is kept
    expect(row.quality).toMatch(/⚠ \d+ écartées, \d+ suspectes?/);
    const notice = row.notice ?? "";
    expect(notice).toMatch(
      /^Contrôle qualité : \d+ valeurs jugées erronées et écartées des calculs ; \d+ valeurs? suspectes?, conservées?\. Les jours concernés sont signalés dans la colonne Couverture\.$/,
    );
    expect(Number(notice.match(/(\d+) valeurs jugées erronées/)?.[1])).toBeGreaterThanOrEqual(54);
  });

  it("are counted on the year page, in a notice and on their month's row", async () => {
    const page = await stationPage(`/annee/${DATE.slice(0, 4)}`);
    const notice = (await page.locator('[data-field="quality-notice"]').textContent()) ?? "";
    expect(notice).toMatch(
      /^Contrôle qualité : \d+ valeurs jugées erronées et écartées des calculs ; \d+ valeurs? suspectes?, conservées?\. Les mois concernés sont signalés dans le tableau Mois par mois\.$/,
    );
    expect(Number(notice.match(/(\d+) valeurs jugées erronées/)?.[1])).toBeGreaterThanOrEqual(54);
    const mark = page.locator(`tr[data-month="${DATE.slice(0, 7)}"] [data-field="quality"]`);
    expect(await mark.textContent()).toMatch(/⚠ \d+ écartées, \d+ suspectes?/);
    await page.close();
  });

  it("are counted on the history page, in a notice and on their year's row", async () => {
    const page = await stationPage("/historique");
    expect(await page.locator('[data-field="quality-notice"]').textContent()).toMatch(
      /^Contrôle qualité : \d+ valeurs jugées erronées et écartées des calculs ; \d+ valeurs? suspectes?, conservées?\. Les années concernées sont signalées dans le tableau Année par année\.$/,
    );
    const mark = page.locator(`tr[data-year="${DATE.slice(0, 4)}"] [data-field="quality"]`);
    expect(await mark.textContent()).toMatch(/⚠ \d+ écartées, \d+ suspectes?/);
    await page.close();
  });

  it("are counted on the comparison of daily means, temperatures only", async () => {
    const page = await stationPage(`/comparaison/${DATE.slice(0, 7)}`);
    const notice = (await page.locator('[data-field="quality-notice"]').textContent()) ?? "";
    expect(notice).toMatch(
      /^Contrôle qualité : \d+ valeurs jugées erronées et écartées des calculs( ; \d+ valeurs? suspectes?, conservées?)?\. Les jours concernés sont signalés dans le tableau\.$/,
    );
    expect(Number(notice.match(/(\d+) valeurs jugées erronées/)?.[1])).toBeGreaterThanOrEqual(54);
    // The suspect rain is not counted: the page shows no rain.
    const suspect = (text: string | null) => Number(text?.match(/(\d+) valeurs? suspectes?/)?.[1] ?? 0);
    expect(suspect(notice)).toBeLessThan(suspect((await dayRow()).notice));
    const mark = page.locator(`tr[data-date="${DATE}"] [data-field="quality"]`);
    expect(await mark.textContent()).toMatch(/⚠ \d+ écartées/);
    await page.close();
  });

  it("are counted on the network's climatology, on the station's row", async () => {
    const page = await browser.newPage();
    // The page and its data are cached for a minute (rendered once before the faults' climatology):
    // a visitor sees the counts once they are revalidated.
    const notices = async () => {
      await page.goto(`${app.origin}/climatologie?mois=${DATE.slice(0, 7)}`);
      return page.locator('[data-field="quality-notice"]').count();
    };
    await expect.poll(notices, { timeout: 170_000, interval: 5_000 }).toBe(1);
    expect(await page.locator('[data-field="quality-notice"]').textContent()).toMatch(
      /^Contrôle qualité : \d+ valeurs jugées erronées .*Les stations concernées sont signalées dans le tableau\.$/,
    );
    const mark = page.locator('tr[data-station="la-colmiane"] [data-field="quality"]');
    expect(await mark.textContent()).toMatch(/⚠ \d+ écartées, \d+ suspectes?/);
    await page.close();
  }, 200_000);

  it("mark the records resting on the faulty day's sensors, and only those", async () => {
    const page = await stationPage("/records/top-30");
    const entry = (record: string) =>
      page.locator(`section[data-record="${record}"] tbody tr`).filter({
        has: page.locator(`a[href="/jour/${DATE}"]`),
      });
    await expect.poll(() => entry("txHigh").count()).toBe(1);
    expect(await entry("txHigh").locator('[data-field="quality"]').textContent()).toMatch(/⚠ \d+ écartées/);
    expect(await entry("pressureHigh").count()).toBe(1);
    expect(await entry("pressureHigh").locator('[data-field="quality"]').count()).toBe(0);
    expect(await page.locator('[data-field="quality-notice"]').textContent()).toMatch(
      /^Contrôle qualité : \d+ records de cette page reposent sur des journées/,
    );
    await page.close();
  });

  it("are counted in the open-data API's daily aggregates (per quantity asked), climatology and records", async () => {
    const day = async (fields: string) => {
      const response = await fetch(
        `${app.origin}/api/v1/stations/la-colmiane/aggregates/daily?from=${DATE}&to=${DATE}&fields=${fields}`,
      );
      expect(response.status).toBe(200);
      return (await response.json()).observations[0];
    };
    const temperature = await day("outTemp");
    expect(temperature.qcErroneous).toBeGreaterThanOrEqual(54);
    expect(temperature.outTempMax).toBeLessThan(20);
    const pressure = await day("barometer");
    expect(pressure).toMatchObject({ qcErroneous: 0, qcSuspect: 0 });
    const csv = await (
      await fetch(
        `${app.origin}/api/v1/stations/la-colmiane/aggregates/daily?from=${DATE}&to=${DATE}&fields=outTemp&format=csv`,
      )
    ).text();
    const [header, line] = csv.trim().split("\r\n");
    const cells = Object.fromEntries(header.split(",").map((name, i) => [name, line.split(",")[i]]));
    expect(Number(cells.qcErroneous)).toBe(temperature.qcErroneous);

    const climate = await fetch(
      `${app.origin}/api/v1/stations/la-colmiane/climate/daily?from=${DATE}&to=${DATE}`,
    );
    const [climateDay] = (await climate.json()).days;
    expect(climateDay.tx).toBeLessThan(20);
    expect(climateDay.quality.erroneous).toBeGreaterThanOrEqual(54);
    expect(climateDay.quality.suspect).toBeGreaterThanOrEqual(1);

    const monthly = `${app.origin}/api/v1/stations/la-colmiane/climate/monthly?year=${DATE.slice(0, 4)}`;
    const { months, total } = await (await fetch(monthly)).json();
    const month = months.find((m: { period: string }) => m.period === DATE.slice(0, 7));
    expect(month.tx).toBeLessThan(20);
    expect(month.quality.erroneous).toBeGreaterThanOrEqual(climateDay.quality.erroneous);
    expect(month.quality.suspect).toBeGreaterThanOrEqual(1);
    expect(total.quality.erroneous).toBeGreaterThanOrEqual(month.quality.erroneous);
    const [monthlyHeader, ...monthlyLines] = (await (await fetch(`${monthly}&format=csv`)).text())
      .trim()
      .split("\r\n");
    const monthCells = monthlyLines.map((l) => l.split(",")).find((c) => c[0] === DATE.slice(0, 7))!;
    const column = (name: string) => Number(monthCells[monthlyHeader.split(",").indexOf(name)]);
    expect(column("qcErroneous")).toBe(month.quality.erroneous);
    expect(column("qcSuspect")).toBe(month.quality.suspect);

    // The records resting on that day: its temperature ones carry the flagged values, its pressure ones none.
    const records = `${app.origin}/api/v1/stations/la-colmiane/climate/records?limit=30`;
    const tables = (await (await fetch(records)).json()).records as {
      parameter: string;
      entries: { date: string; quality: { erroneous: number; suspect: number } }[];
    }[];
    const onDay = (parameter: string) =>
      tables.find((t) => t.parameter === parameter)?.entries.find((e) => e.date === DATE);
    expect(onDay("txHigh")?.quality.erroneous).toBeGreaterThanOrEqual(54);
    expect(onDay("pressureHigh")?.quality).toEqual({ erroneous: 0, suspect: 0 });
    const [recordsHeader, ...recordsLines] = (await (await fetch(`${records}&format=csv`)).text())
      .trim()
      .split("\r\n");
    expect(recordsHeader).toBe("parameter,rank,date,value,unit,time,qcErroneous,qcSuspect");
    const txLine = recordsLines.find((l) => l.startsWith("txHigh,") && l.includes(`,${DATE},`))!;
    expect(Number(txLine.split(",")[6])).toBe(onDay("txHigh")?.quality.erroneous);
  });

  // The chart data's flagged points are checked in test/integration/qc-job.test.ts.
  it("are announced on the day page, above its drawn charts", async () => {
    const page = await stationPage(`/jour/${DATE}`);
    await drawnChart(page);
    expect(await page.locator('[data-field="quality-notice"]').textContent()).toMatch(
      /Elles sont marquées sur les graphiques\.$/,
    );
    await page.close();
  });
});

describe("the station admin's quality screen, in the owner's browser", () => {
  let page: Page;
  beforeAll(async () => {
    page = await ownerContext.newPage();
    await page.goto(`${app.origin}/admin/stations/la-colmiane/qualite`);
  });
  afterAll(() => page?.close());

  it("lists the open flags", async () => {
    const stuck = page.locator('tr[data-flag="outTemp:persistence"]');
    await expect.poll(() => stuck.count()).toBe(1);
    expect(await stuck.textContent()).toMatch(/température.*Valeur bloquée.*erronée/);
    expect(await stuck.textContent()).toMatch(/valeur bloquée à 31,7\s°C/);
    expect(await page.locator('tr[data-flag="rain:consistency"]').textContent()).toMatch(
      /pluie.*suspecte.*pluie de 5,00\smm avec une humidité de 30\s%/,
    );
  });

  it("dismisses the stuck temperature: it is a real value again in the month's climatology", async () => {
    await page
      .locator('tr[data-flag="outTemp:persistence"]')
      .getByRole("button", { name: "Valeur réelle" })
      .click();
    await expect
      .poll(() => page.locator('tr[data-flag="outTemp:persistence"]').count(), { timeout: 30_000 })
      .toBe(0);
    await expect.poll(async () => (await dayRow()).tx, { timeout: 30_000 }).toBe(STUCK);
  });

  it("confirms the suspect rain: an invalidation, and the rain leaves the month's climatology", async () => {
    const before = (await dayRow()).rr;
    await page
      .locator('tr[data-flag="rain:consistency"]')
      .getByRole("button", { name: "Confirmer (invalider)" })
      .click();
    await expect
      .poll(() => page.locator('tr[data-flag="rain:consistency"]').count(), { timeout: 30_000 })
      .toBe(0);
    const invalidation = await dbs.prisma.sensorInvalidation.findFirstOrThrow({
      where: { stationId: station.id },
    });
    expect(invalidation).toMatchObject({ sensor: "RAIN", createdBy: owner.email });
    expect(invalidation.to.getTime() / 1000).toBe(RAIN_FAULT);
    await expect.poll(async () => (await dayRow()).rr, { timeout: 30_000 }).toBeCloseTo(before - 5, 1);
  });

  it("tunes a check's tolerance", async () => {
    const check = page.locator('select[name="check"]');
    expect(await check.locator("option").allTextContents()).toContain("Valeur bloquée (actuellement × 1)");
    await check.selectOption({ label: "Valeur bloquée (actuellement × 1)" });
    await page.locator('select[name="factor"]').selectOption({ label: "× 2" });
    await page.getByRole("button", { name: "Enregistrer la tolérance" }).click();
    await expect
      .poll(
        () => page.getByText("Tolérance enregistrée : elle s'applique aux prochains contrôles.").count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    expect(
      await dbs.prisma.qcTolerance.findFirstOrThrow({
        where: { stationId: station.id, check: "persistence" },
      }),
    ).toMatchObject({ factor: 2 });
  });

  it("audits every decision, shown on the screen", async () => {
    const decisions = await dbs.prisma.qcDecision.findMany({
      where: { stationId: station.id },
      orderBy: { id: "asc" },
    });
    expect(decisions.map((d) => [d.action, d.decidedBy])).toEqual([
      ["DISMISS", owner.email],
      ["CONFIRM", owner.email],
      ["TOLERANCE", owner.email],
    ]);
    await page.reload();
    const log = await page.locator('[data-field="decisions"]').textContent();
    for (const word of ["valeur réelle", "confirmé", "réglage"])
      expect(log).toContain(`${owner.email} : ${word}`);
  });
});

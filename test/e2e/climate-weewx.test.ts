import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { climateStations } from "@/lib/climate/job";
import { startTestApp, type TestApp } from "../helpers/app";
import { loadWeewxFixture } from "../helpers/archives";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { frenchDecimal } from "../helpers/format";
import { metricRows, type Row } from "../helpers/truth";

/**
 * The climatology API on an archive written by WeeWX itself (US units: every value goes through a unit
 * conversion, and vector means leave tails such as 1.86e-7): values come rounded as the pages show them.
 */

let dbs: TestDatabases;
let app: TestApp;
let rows: Row[];
const SLUG = "weewx-sim";

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  const archive = `${dbs.prefix}weewx_sim`;
  await loadWeewxFixture(dbs.admin, archive);
  const station = await dbs.prisma.station.create({
    data: {
      slug: SLUG,
      name: "Simulateur WeeWX",
      shortName: "Simulateur",
      commune: "Nice",
      latitude: 43.7,
      longitude: 7.25,
      altitude: 100,
      archiveDatabase: archive,
    },
  });
  await updateAggregates(station);
  await climateStations("update", [station]);
  rows = await metricRows(dbs.admin, archive, 0, Date.UTC(2026, 0, 1) / 1000);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies checked field by field
async function api(path: string): Promise<{ headers: Headers; body: any }> {
  const response = await fetch(`${app.origin}/api/v1/stations/${SLUG}${path}`);
  expect(response.status, path).toBe(200);
  return { headers: response.headers, body: await response.json() };
}

const decimals = (value: number) => (String(value).split(".")[1] ?? "").length;
const round1 = (value: number) => Math.round(value * 10) / 10;
const utc = (day: string, hour: number) => Date.parse(`${day}T00:00:00Z`) / 1000 + hour * 3600;

/** Max / min / sum of a field over (from, to], from the rows converted by the test itself. */
function over(field: string, from: number, to: number) {
  const values = rows
    .filter((r) => r.dateTime > from && r.dateTime <= to && r[field] != null)
    .map((r) => r[field] as number);
  return { max: Math.max(...values), min: Math.min(...values), sum: values.reduce((a, b) => a + b, 0) };
}

describe("climatology API on a WeeWX archive", () => {
  it("gives Tn, Tx and RR of each day rounded to the tenth, gusts and directions to the unit", async () => {
    const { headers, body } = await api("/climate/daily?from=2025-01-01&to=2025-01-07");
    expect(headers.get("cache-control")).toBe("public, max-age=3600");
    expect(headers.get("access-control-allow-origin")).toBe("*");
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      "2025-01-01",
      "2025-01-02",
      "2025-01-03",
      "2025-01-04",
      "2025-01-05",
      "2025-01-06",
      "2025-01-07",
    ]);
    let tails = 0;
    for (const day of body.days.slice(1, 6)) {
      const tx = over("outTemp", utc(day.date, 6), utc(day.date, 30)).max;
      const tn = over("outTemp", utc(day.date, -6), utc(day.date, 18)).min;
      const rr = over("rain", utc(day.date, 6), utc(day.date, 30)).sum;
      if (decimals(tx) > 1) tails++;
      expect(day.tx, day.date).toBe(round1(tx));
      expect(day.tn, day.date).toBe(round1(tn));
      expect(day.rr, day.date).toBe(round1(rr));
      expect(Number.isInteger(day.gustMax), day.date).toBe(true);
      expect(Number.isInteger(day.gustDir), day.date).toBe(true);
    }
    expect(tails).toBeGreaterThan(0); // the archive's own values have long tails
    for (const day of body.days) {
      for (const key of ["tn", "tx", "tnTxMean", "rr", "rrRateMax"])
        if (day[key] !== null) expect(decimals(day[key]), `${day.date} ${key}`).toBeLessThanOrEqual(1);
      expect(day.tmoy, "the former name, still given").toBe(day.tnTxMean);
    }
  });

  it("rounds the months' extremes and the records the same way", async () => {
    const { body } = await api("/climate/monthly?year=2025");
    const january = body.months[0];
    expect(january.extremes.txMax.value).toBe(
      round1(over("outTemp", utc("2025-01-01", 6), utc("2025-01-07", 6)).max),
    );
    expect(Number.isInteger(january.extremes.gustMax.value)).toBe(true);
    expect(Number.isInteger(january.extremes.gustMax.dir)).toBe(true);
    const { body: records } = await api("/climate/records?limit=5");
    const byParameter = new Map<string, number[]>(
      records.records.map((t: { parameter: string; entries: { value: number }[] }) => [
        t.parameter,
        t.entries.map((e) => e.value),
      ]),
    );
    expect(byParameter.get("txHigh")!.length).toBeGreaterThan(0);
    for (const key of ["tnLow", "txHigh", "pressureHigh", "dewpointLow"])
      for (const value of byParameter.get(key)!) expect(decimals(value), key).toBeLessThanOrEqual(1);
    for (const key of ["gust", "humidityLow"])
      for (const value of byParameter.get(key)!) expect(Number.isInteger(value), key).toBe(true);
  });

  it("shows the station's current conditions in an article block, and no chart without recent records", async () => {
    await dbs.prisma.article.create({
      data: {
        type: "NEWS",
        status: "PUBLISHED",
        publishedAt: new Date(Date.now() - 3600_000),
        title: "Blocs de station",
        slug: "blocs-de-station",
        excerpt: "",
        bodyText: "",
        bodyHtml:
          `<div data-embed="station-current" data-station="${SLUG}"></div>` +
          `<div data-embed="station-chart" data-station="${SLUG}" data-field="outTemp"></div>` +
          '<div data-embed="station-current" data-station="nulle-part"></div>',
      },
    });
    const response = await fetch(`${app.origin}/articles/blocs-de-station`);
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll("<!-- -->", ""); // React's text separators
    const latest = rows.at(-1)!;
    const current = /<aside class="embed card" data-embed="station-current"[^>]*>([\s\S]*?)<\/aside>/.exec(
      html,
    )![1];
    expect(current).toContain(`${frenchDecimal(latest.outTemp!)}\u202f°C`);
    expect(current).toContain("Simulateur WeeWX");
    expect(html).toContain("Pas assez de relevés sur les dernières 24 heures.");
    expect(html).toMatch(/Station « nulle-part » introuvable/);
  });

  it("documents the rounding on /api", async () => {
    const html = await (await fetch(`${app.origin}/api`)).text();
    expect(html).toContain("/climate/daily");
    expect(html).toMatch(
      /<tr data-quantity="temperature"><td>[^<]*<\/td><td>°C<\/td><td class="num">1<\/td>/,
    );
    expect(html).toMatch(/<tr data-quantity="speed"><td>[^<]*<\/td><td>km\/h<\/td><td class="num">0<\/td>/);
  });
});

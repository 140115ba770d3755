import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { roundAs } from "@/lib/format/numbers";
import { startTestApp, type TestApp } from "../helpers/app";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createLevens } from "../helpers/stations";
import {
  extreme,
  mean,
  metricRows,
  parisDay,
  parisMidnight,
  type Row,
  sum,
  vectorDirection,
  within,
} from "../helpers/truth";

/** The open-data API on the built app: every endpoint, its errors, headers and CSV. */

const HOUR = 3600;
const DAY = 86400;
const now = Math.floor(Date.now() / 1000);

let dbs: TestDatabases;
let app: TestApp;
const rows = new Map<string, Row[]>();
const archiveOf = (slug: string) => dbs.prefix + DEMO_STATIONS.find((s) => s.slug === slug)!.archiveDatabase;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 20, archivePrefix: dbs.prefix });
  await createLevens(dbs);
  for (const station of await dbs.prisma.station.findMany({ where: { slug: { not: "levens" } } }))
    await updateAggregates(station);
  for (const { slug } of DEMO_STATIONS)
    rows.set(slug, await metricRows(dbs.admin, archiveOf(slug), 0, now + DAY));
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
});

const api = (path: string, init?: RequestInit) => fetch(`${app.origin}/api/v1${path}`, init);

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies checked field by field
async function json(path: string): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await api(path);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function csv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\r\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe("stations and current conditions", () => {
  it("lists every station with its metadata and current conditions", async () => {
    const { status, headers, body } = await json("/stations");
    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBe("*");
    expect(headers.get("cache-control")).toBe("public, max-age=30, s-maxage=60");
    expect(body.units.temperature).toBe("°C");
    expect(body.stations.map((s: { slug: string }) => s.slug).sort()).toEqual(
      ["la-colmiane", "levens", "nice-pessicart", "villefranche"].sort(),
    );
    for (const { slug } of DEMO_STATIONS) {
      const station = body.stations.find((s: { slug: string }) => s.slug === slug);
      const latest = rows.get(slug)!.at(-1)!;
      expect(station.url).toBe(`${app.stationOrigin(slug)}/`);
      expect(station.current.time).toBe(new Date(latest.dateTime * 1000).toISOString().replace(".000Z", "Z"));
      expect(station.current.offline).toBe(false);
      expect(station.current.conditions.temperature.current).toBe(roundAs(latest.outTemp!, "temperature"));
      expect(station.current.conditions.wind.gustInstant).toBe(roundAs(latest.windGust!, "speed"));
    }
    // zones keep the codes the API has always published
    expect(body.stations.find((s: { slug: string }) => s.slug === "la-colmiane").zone).toBe("HAUT_PAYS");
    const levens = body.stations.find((s: { slug: string }) => s.slug === "levens");
    expect(levens.current).toMatchObject({ conditions: null, offline: true });
    expect(levens.current.unavailable).toMatch(/introuvables/);
  });

  it("gives one station's current conditions, with ISO-8601 UTC times", async () => {
    const { status, body } = await json("/stations/nice-pessicart/current");
    expect(status).toBe(200);
    expect(body.station).toMatchObject({ slug: "nice-pessicart", sensors: { uv: false, radiation: false } });
    const all = rows.get("nice-pessicart")!;
    const at = all.at(-1)!.dateTime;
    const c = body.conditions;
    expect(seconds(c.at)).toBe(at);
    const today = within(all, parisMidnight(at - 1), at);
    const max = extreme(today, "outTemp", "max");
    expect(c.temperature.max.value).toBe(roundAs(max.outTemp!, "temperature"));
    expect(seconds(c.temperature.max.at)).toBe(max.dateTime);
    expect(c.temperature.max.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(c.rain.last24h).toBe(roundAs(sum(within(all, at - DAY, at), "rain"), "rain"));
    expect(c.wind.mean1h.speed).toBe(roundAs(mean(within(all, at - HOUR, at), "windSpeed"), "speed"));
    expect(c.wind.mean1h.direction).toBe(roundAs(vectorDirection(within(all, at - HOUR, at)), "direction"));
    const rainDay = Math.floor((at - 1 - 6 * HOUR) / DAY) * DAY + 6 * HOUR;
    expect(seconds(c.rain.day0606.from)).toBe(rainDay);
  });

  it("answers in CSV, a row per station", async () => {
    const response = await api("/stations/villefranche/current?format=csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [row] = csv(await response.text());
    const latest = rows.get("villefranche")!.at(-1)!;
    expect(row.station).toBe("villefranche");
    expect(Number(row["outTemp (°C)"])).toBe(roundAs(latest.outTemp!, "temperature"));
    expect(Number(row["radiation (W/m²)"])).toBe(roundAs(latest.radiation, "radiation"));
    const list = csv(await (await api("/stations?format=csv")).text());
    expect(list.map((r) => r.station).sort()).toEqual([
      "la-colmiane",
      "levens",
      "nice-pessicart",
      "villefranche",
    ]);
  });
});

describe("observations", () => {
  it("gives the last day of raw records by default, with units", async () => {
    const { status, body } = await json("/stations/la-colmiane/observations");
    expect(status).toBe(200);
    expect(body.step).toBe("raw");
    const all = rows.get("la-colmiane")!;
    const expected = within(all, seconds(body.from), seconds(body.to));
    expect(body.observations).toHaveLength(expected.length);
    expect(body.observations.length).toBeGreaterThan(280);
    const last = body.observations.at(-1);
    expect(seconds(last.time)).toBe(expected.at(-1)!.dateTime);
    expect(last.windSpeed).toBe(roundAs(expected.at(-1)!.windSpeed!, "speed")); // METRICWX: m/s → km/h
    expect(body.columns.find((c: { name: string }) => c.name === "windSpeed").unit).toBe("km/h");
    expect(body.columns.find((c: { name: string }) => c.name === "rain").unit).toBe("mm");
  });

  it("aggregates by 10 minutes, hours, 3 hours and days, equal to the archive's", async () => {
    const all = rows.get("nice-pessicart")!;
    for (const step of ["10m", "1h", "3h", "1d"]) {
      const from = new Date((now - 5 * DAY) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
      const { status, headers, body } = await json(
        `/stations/nice-pessicart/observations?from=${from}&step=${step}&fields=outTemp,windGust,rain,windDir`,
      );
      expect(status, step).toBe(200);
      expect(headers.get("cache-control")).toBe("public, max-age=30, s-maxage=60");
      expect(body.fields).toEqual(["outTemp", "windGust", "rain", "windDir"]);
      for (const o of body.observations.filter((_: unknown, i: number) => i % 7 === 3).slice(0, 6)) {
        const bucket = within(all, seconds(o.start), seconds(o.time));
        expect(o.records, `${step} ${o.time}`).toBe(bucket.length);
        expect(o.outTemp).toBe(roundAs(mean(bucket, "outTemp"), "temperature"));
        expect(o.outTempMax).toBe(roundAs(extreme(bucket, "outTemp", "max").outTemp!, "temperature"));
        expect(seconds(o.outTempMaxTime)).toBe(extreme(bucket, "outTemp", "max").dateTime);
        const gust = extreme(bucket, "windGust", "max");
        expect(o.windGust).toBe(roundAs(gust.windGust!, "speed"));
        expect(o.windGustDir).toBe(roundAs(gust.windGustDir, "direction"));
        expect(o.rain).toBe(roundAs(sum(bucket, "rain"), "rain"));
        expect(o.windDir).toBe(roundAs(vectorDirection(bucket), "direction"));
      }
      if (step === "1d") expect(body.observations.at(-1).date).toBe(parisDay(now));
    }
  });

  it("gives the same rows in CSV, streamed, with the units in the header", async () => {
    const query = "from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&step=1d&fields=rain";
    const response = await api(`/stations/villefranche/observations?${query}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="villefranche-observations-1d.csv"',
    );
    const lines = csv(await response.text());
    expect(Object.keys(lines[0])).toEqual([
      "date",
      "start",
      "time",
      "records",
      "coverage",
      "qcErroneous",
      "qcSuspect",
      "rain (mm)",
      "rainTotal (mm)",
    ]);
    const { body } = await json(`/stations/villefranche/observations?${query}`);
    expect(lines).toHaveLength(body.observations.length);
    expect(Number(lines.at(-1)!["rainTotal (mm)"])).toBe(
      roundAs(sum(rows.get("villefranche")!, "rain"), "rain"),
    );
  });

  it("refuses bad input with a 400 and a French message, keeping CORS and never caching", async () => {
    for (const [query, message] of [
      ["from=2025-06-10&to=2025-06-01", /^from doit être antérieur à to/],
      ["from=2024-01-01&step=raw", /^Période trop longue pour le pas raw/],
      ["fields=outTemp,foo", /^fields : champ inconnu ou absent de cette station : « foo »/],
      ["fields=UV", /« UV »/], // Pessicart has no UV sensor
      ["fields=inTemp", /« inTemp »/], // indoor sensors are not public
      ["from=hier", /^from : date invalide « hier »/],
      ["to=2024-13-45", /^to : date invalide/],
      ["step=12", /^step : « 12 » n'existe pas/],
      ["format=xml", /^format : « xml »/],
      ["limit=5", /^Paramètre inconnu : « limit »/],
    ] as const) {
      const { status, headers, body } = await json(`/stations/nice-pessicart/observations?${query}`);
      expect(status, query).toBe(400);
      expect(body.error, query).toMatch(message);
      expect(headers.get("access-control-allow-origin")).toBe("*");
      expect(headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers 404 for unknown stations and 503 for an unreadable archive", async () => {
    for (const path of [
      "/stations/nulle-part/current",
      "/stations/nulle-part/observations",
      "/stations/nulle-part/aggregates/daily",
    ]) {
      const { status, body } = await json(path);
      expect(status, path).toBe(404);
      expect(body.error).toBe("Station inconnue : « nulle-part ».");
    }
    const { status, body } = await json("/stations/levens/observations");
    expect(status).toBe(503);
    expect(body.error).toMatch(/introuvables/);
    expect(JSON.stringify(body)).not.toMatch(/ER_|SELECT|m06t_/);
  });
});

describe("daily aggregates", () => {
  it("gives each local day's statistics, in JSON and CSV, cached for an hour when past", async () => {
    const day = parisDay(now - 3 * DAY);
    const { status, headers, body } = await json(
      `/stations/nice-pessicart/aggregates/daily?from=${day}&to=${day}`,
    );
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("public, max-age=3600");
    const [o] = body.observations;
    expect(o.date).toBe(day);
    const start = parisMidnight(Date.parse(`${day}T12:00:00Z`) / 1000);
    expect(seconds(o.start)).toBe(start);
    const local = within(rows.get("nice-pessicart")!, start, seconds(o.time));
    expect(o.records).toBe(local.length);
    expect(o.outTempMin).toBe(roundAs(extreme(local, "outTemp", "min").outTemp!, "temperature"));
    expect(o.outHumidity).toBe(roundAs(mean(local, "outHumidity"), "humidity"));
    expect(o.rain).toBe(roundAs(sum(local, "rain"), "rain"));
    expect(o.rainRate).toBe(roundAs(extreme(local, "rainRate", "max").rainRate!, "rainRate"));
    expect(o.coverage).toBeCloseTo(1, 2);
    const text = await (
      await api(`/stations/nice-pessicart/aggregates/daily?from=${day}&to=${day}&format=csv&fields=rain`)
    ).text();
    expect(csv(text)[0].date).toBe(day);
    expect(Number(csv(text)[0]["rain (mm)"])).toBe(roundAs(sum(local, "rain"), "rain"));
  });

  it("refuses bad days and ranges", async () => {
    for (const [query, message] of [
      ["from=2025-02-30", /^from : jour invalide/],
      ["from=2025-06-02&to=2025-06-01", /^from doit être antérieur ou égal à to/],
      ["from=1990-01-01&to=2025-01-01", /^Période trop longue/],
      ["step=1h", /^Paramètre inconnu : « step »/],
    ] as const) {
      const { status, body } = await json(`/stations/villefranche/aggregates/daily?${query}`);
      expect(status, query).toBe(400);
      expect(body.error).toMatch(message);
    }
  });
});

describe("HTTP", () => {
  it("answers CORS preflights for every endpoint", async () => {
    for (const path of [
      "/stations",
      "/stations/villefranche/current",
      "/stations/villefranche/observations",
      "/stations/villefranche/aggregates/daily",
    ]) {
      const response = await api(path, {
        method: "OPTIONS",
        headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" },
      });
      expect(response.status, path).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-methods")).toBe("GET, OPTIONS");
    }
  });

  it("documents the API on /api", async () => {
    const response = await fetch(`${app.origin}/api`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const endpoint of [
      "/api/v1/stations",
      "/observations",
      "/aggregates/daily",
      "format=csv",
      "Période maximale",
    ])
      expect(html).toContain(endpoint);
  });
});

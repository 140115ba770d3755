import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo, writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { storeWebcamImage } from "@/lib/webcam/storage";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { httpGet } from "../helpers/http";
import { levensData } from "../helpers/stations";
import {
  archiveRows,
  celsius,
  french,
  kmh,
  meanDirection,
  mm,
  newestDateTime,
  parisClock,
  parisDay,
  parisMidnight,
} from "../helpers/weewx";

/**
 * The public side of the station mini-sites, end to end: the network map and table, the PNG widget,
 * webcam uploads and pages, the about page. Every value shown is compared with the archive rows read
 * and converted here.
 */

const WEBCAM_TOKEN = "test-token-for-the-rade-webcam-0123456789";
let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let webcamDir: string;
let photosDir: string;
let webcamId: number;
let villefrancheId: number;
const now = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 2, archivePrefix: dbs.prefix });
  // Sospel stopped sending three hours ago: past its 30-minute threshold.
  const profile = DEMO_STATIONS[0].profile;
  await writeDemoArchive(dbs.admin, `${dbs.prefix}sospel`, profile, now - 86400, now - 3 * 3600);
  await dbs.prisma.station.createMany({
    data: [
      {
        slug: "sospel",
        name: "Sospel",
        shortName: "Sospel",
        commune: "Sospel",
        latitude: 43.88,
        longitude: 7.45,
        altitude: 350,
        archiveDatabase: `${dbs.prefix}sospel`,
      },
      levensData(`${dbs.prefix}missing`),
    ],
  });
  const villefranche = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "villefranche" } });
  villefrancheId = villefranche.id;
  const webcam = await dbs.prisma.webcam.create({
    data: {
      stationId: villefranche.id,
      key: "rade",
      name: "Vue sur la rade",
      tokenHash: createHash("sha256").update(WEBCAM_TOKEN).digest("hex"),
      retentionDays: 30,
    },
  });
  webcamId = webcam.id;
  // About-page content, before the app starts (pages are cached once rendered, and links prefetch them).
  await dbs.prisma.station.update({
    where: { slug: "nice-pessicart" },
    data: {
      description:
        '<p>Jardin <strong>orienté sud</strong>.</p><script>document.title="pwned"</script><img src="x" onerror="alert(1)">',
      model: "Davis Vantage Vue",
      exposure: "Mât de 2 m, pelouse",
      installedAt: new Date("2018-06-01T00:00:00Z"),
      managerName: "Jean Dupont",
      managerUrl: "https://example.org/jean",
      managerContact: "jean@example.org",
      partnerLinks: {
        create: [
          { name: "StatIC (Infoclimat)", url: "https://www.infoclimat.fr/", position: 0 },
          { name: "Mairie de Nice", position: 1 },
        ],
      },
    },
  });
  webcamDir = await mkdtemp(path.join(tmpdir(), "m06t-webcam-"));
  photosDir = await mkdtemp(path.join(tmpdir(), "m06t-photos-"));
  process.env.WEBCAM_DIR = webcamDir; // for the archive written directly below
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    WEBCAM_DIR: webcamDir,
    STATION_PHOTOS_DIR: photosDir,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  for (const dir of [webcamDir, photosDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** What the network table must show for a demo station, computed from its raw rows. */
async function expectedCurrent(slug: string) {
  const station = DEMO_STATIONS.find((s) => s.slug === slug)!;
  const database = dbs.prefix + station.archiveDatabase;
  const newest = await newestDateTime(dbs.admin, database);
  const last10 = await archiveRows(dbs.admin, database, newest - 600, newest);
  const today = await archiveRows(dbs.admin, database, parisMidnight(parisDay(newest - 1)), newest);
  const latest = last10.at(-1)!;
  const speeds = last10.map((r) => kmh(r, "windSpeed")!);
  const direction = meanDirection(last10.map((r) => [kmh(r, "windSpeed"), r.windDir]));
  return {
    newest,
    outTemp: french(celsius(latest)!, "°C"),
    wind: [french(speeds.reduce((a, b) => a + b, 0) / speeds.length, "km/h", 0), direction.cardinal]
      .filter(Boolean)
      .join(" "),
    gust: french(Math.max(...last10.map((r) => kmh(r, "windGust")!)), "km/h", 0),
    rainToday: french(
      today.reduce((sum, r) => sum + mm(r, "rain")!, 0),
      "mm",
    ),
  };
}

describe("network page", () => {
  it("shows every station's current temperature, wind, gust, rain of the day and freshness", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.origin}/reseau`))?.status()).toBe(200);
    for (const station of DEMO_STATIONS) {
      const row = page.locator(`tr[data-row="${station.slug}"]`);
      const expected = await expectedCurrent(station.slug);
      const cell = (field: string) => row.locator(`[data-field="${field}"]`).textContent();
      expect(await cell("outTemp"), station.slug).toBe(expected.outTemp);
      expect(await cell("wind"), station.slug).toBe(expected.wind);
      expect(await cell("gust"), station.slug).toBe(expected.gust);
      expect(await cell("rainToday"), station.slug).toBe(expected.rainToday);
      expect(await cell("age")).toContain(parisClock(expected.newest));
      expect(await cell("age")).toMatch(/il y a \d+ min/);
      expect(await row.locator("a").getAttribute("href")).toBe(`${app.stationOrigin(station.slug)}/`);
    }
    expect(await page.locator('tr[data-row="sospel"] [data-field="age"]').textContent()).toMatch(
      /hors ligne depuis 3 h 0\d/,
    );
    expect(await page.locator('tr[data-row="levens"]').textContent()).toContain("introuvables");
    // the full map: one marker per station
    await page.locator(".map .leaflet-interactive").first().waitFor();
    expect(await page.locator(".map .leaflet-interactive").count()).toBe(DEMO_STATIONS.length + 2);
    await page.close();
  });

  it("sorts the table by a column, highest first, then reversed; missing values last", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/reseau`);
    const temperatures = await Promise.all(
      DEMO_STATIONS.map(async (s) => {
        const rows = await archiveRows(dbs.admin, dbs.prefix + s.archiveDatabase, now - 900, now);
        return { slug: s.slug, t: celsius(rows.at(-1)!)! };
      }),
    );
    const sospel = await archiveRows(dbs.admin, `${dbs.prefix}sospel`, 0, now);
    temperatures.push({ slug: "sospel", t: celsius(sospel.at(-1)!)! });
    const order = () =>
      page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row")));
    const header = page.getByRole("button", { name: /^Température/ });
    await header.click();
    const descending = [...temperatures].sort((a, b) => b.t - a.t).map((x) => x.slug);
    expect(await order()).toEqual([...descending, "levens"]);
    expect(await page.locator("th[aria-sort=descending]").textContent()).toContain("Température");
    await header.click();
    expect(await order()).toEqual([...descending.reverse(), "levens"]);
    await page.getByRole("button", { name: /^Station/ }).click();
    expect(await order()).toEqual(["levens", "nice-pessicart", "sospel", "la-colmiane", "villefranche"]);
    await page.close();
  });
});

describe("image widget", () => {
  async function widget(slug: string) {
    const response = await httpGet(`${app.stationOrigin(slug)}/widget.png`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["cache-control"]).toMatch(/public, max-age=60/);
    const png = response.body;
    const metadata = await sharp(png).metadata();
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    return { metadata, pixel };
  }

  it("is a 250×175 PNG with a blue band while the station reports", async () => {
    const { metadata, pixel } = await widget("villefranche");
    expect([metadata.format, metadata.width, metadata.height]).toEqual(["png", 250, 175]);
    expect(pixel(4, 4)).toEqual([0x0b, 0x63, 0xb6]);
    expect(pixel(120, 170)).toEqual([255, 255, 255]); // white body
  });

  it("turns orange when the station is offline or its archive is missing", async () => {
    for (const slug of ["sospel", "levens"]) {
      const { metadata, pixel } = await widget(slug);
      expect([metadata.width, metadata.height]).toEqual([250, 175]);
      expect(pixel(4, 4), slug).toEqual([0xe8, 0x59, 0x0c]);
    }
    expect((await httpGet(`${app.stationOrigin("inconnue")}/widget.png`)).status).toBe(404);
  });
});

describe("webcam", () => {
  const upload = (body: BodyInit, headers: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${app.origin}/api/v1/stations/villefranche/webcam`, { method: "POST", body, headers, ...init });
  const bearer = (token = WEBCAM_TOKEN) => ({
    authorization: `Bearer ${token}`,
    "content-type": "image/jpeg",
  });
  const files = async () => {
    const all = await readdir(webcamDir, { recursive: true }).catch(() => []);
    return all.sort();
  };

  it("takes a JPEG from the station's Pi, makes web sizes without metadata and shows it with its time", async () => {
    const camera = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#3a7bd5" } })
      .withExif({ IFD0: { Copyright: "secret owner", Make: "PiCam" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(camera).metadata()).exif).toBeDefined();
    const before = Math.floor(Date.now() / 1000);
    const response = await upload(new Uint8Array(camera), bearer());
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ webcam: "rade", width: 1280, height: 960, archived: true });
    const takenAt = Date.parse(body.takenAt) / 1000;
    expect(takenAt).toBeGreaterThanOrEqual(before);

    const served = await httpGet(`${app.stationOrigin("villefranche")}/webcam/images/rade/latest-large.jpg`);
    expect(served.status).toBe(200);
    expect(served.headers["cache-control"]).toBe("public, max-age=30");
    const large = await sharp(served.body).metadata();
    expect([large.format, large.width, large.height, large.exif]).toEqual(["jpeg", 1280, 960, undefined]);
    const small = await httpGet(`${app.stationOrigin("villefranche")}/webcam/images/rade/latest-small.jpg`);
    expect((await sharp(small.body).metadata()).width).toBe(480);

    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("villefranche")}/webcam`))?.status()).toBe(200);
    const time = page.locator('[data-webcam="rade"] [data-field="webcam-time"]');
    expect(await time.getAttribute("data-time")).toBe(String(takenAt));
    expect(await time.textContent()).toContain(parisClock(takenAt));
    expect(
      await page.locator('[data-webcam="rade"] img').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1280);
    await expect(page.getByText(/il y a \d+ min/).count()).resolves.toBe(1);
    // the day of the upload is in the archive list
    expect(await page.locator(`a[href="/webcam/${parisDay(takenAt)}"]`).count()).toBe(1);
    await page.close();
  });

  it.each([
    ["no token", {}, "image", 401, /Jeton de webcam absent ou invalide/],
    ["a wrong token", bearer("not-the-token"), "image", 401, /Jeton de webcam absent ou invalide/],
    ["another station's token", bearer(), "image", 401, /Jeton/],
    ["text posing as a JPEG", bearer(), "text", 415, /n'est pas une image JPEG, PNG ou WebP/],
    ["a truncated JPEG", bearer(), "truncated", 415, /n'est pas une image/],
    ["11 MB", bearer(), "huge", 413, /Image trop volumineuse : 10 Mo au maximum/],
  ])("refuses %s and stores nothing", async (name, headers, kind, status, message) => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#000" } })
      .jpeg()
      .toBuffer();
    const bodies: Record<string, Uint8Array<ArrayBuffer>> = {
      image: new Uint8Array(jpeg),
      text: new TextEncoder().encode("hello, I am not a picture"),
      truncated: new Uint8Array(jpeg.subarray(0, 200)),
      huge: new Uint8Array(11 * 1024 * 1024),
    };
    const before = await files();
    const url =
      name === "another station's token"
        ? `${app.origin}/api/v1/stations/nice-pessicart/webcam`
        : `${app.origin}/api/v1/stations/villefranche/webcam`;
    const response = await fetch(url, { method: "POST", body: bodies[kind], headers });
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await files()).toEqual(before);
  });

  it("refuses an oversized upload sent without a length (chunked) with a 413", async () => {
    const before = await files();
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 14) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await upload(stream, bearer(), { duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/Image trop volumineuse : 10 Mo au maximum/);
    expect(await files()).toEqual(before);
  });

  it("answers 404 for an unknown station", async () => {
    const response = await fetch(`${app.origin}/api/v1/stations/inconnue/webcam`, {
      method: "POST",
      body: "x",
      headers: bearer(),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toBe("Station inconnue.");
  });

  it("keeps the first image of each hour, browsable by local day, and prunes old days", async () => {
    const webcam = { id: webcamId, stationId: villefrancheId };
    const image = async (color: string) => {
      const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
        .jpeg()
        .toBuffer();
      const version = { data: jpeg, width: 320, height: 240 };
      return { large: version, small: version };
    };
    // 15 January 2026 (UTC+1): 10:05 and 10:40 UTC share an hour, 11:10 UTC starts another
    const times = [
      Date.UTC(2026, 0, 15, 10, 5),
      Date.UTC(2026, 0, 15, 10, 40),
      Date.UTC(2026, 0, 15, 11, 10),
    ].map((ms) => ms / 1000);
    for (const t of times) await storeWebcamImage(webcam, await image("#888"), t);

    const page = await browser.newPage();
    // The thumbnails are held back until they have been measured: their place is kept before they load.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/*-small.jpg", async (route) => {
      await held;
      await route.continue();
    });
    const day = `${app.stationOrigin("villefranche")}/webcam/2026-01-15`;
    expect((await page.goto(day, { waitUntil: "domcontentloaded" }))?.status()).toBe(200);
    // Sized like the camera's images (4:3) while still loading.
    const box = await page.locator('[data-webcam="rade"] img').first().boundingBox();
    expect(box!.height).toBeCloseTo((box!.width * 3) / 4, 0);
    release();
    const shown = await page.locator('[data-webcam="rade"] [data-time]').allTextContents();
    expect(shown).toEqual(["11:05", "12:10"]); // Paris time, one per hour
    const thumbnail = await page.locator('[data-webcam="rade"] img').first().getAttribute("src");
    const archived = await httpGet(`${app.stationOrigin("villefranche")}${thumbnail}`);
    expect(archived.status).toBe(200);
    expect(archived.headers["cache-control"]).toContain("immutable");
    expect(await page.locator('a[rel="prev"]').getAttribute("href")).toBe("/webcam/2026-01-14");
    for (const bad of ["2024-13-45", "hier"]) {
      expect((await page.goto(`${app.stationOrigin("villefranche")}/webcam/${bad}`))?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    }
    for (const path of ["..%2F..%2F..%2Fetc%2Fpasswd", "2026-01-15%2F..%2Flatest.json", "latest-huge.jpg"]) {
      const response = await httpGet(`${app.stationOrigin("villefranche")}/webcam/images/rade/${path}`);
      expect(response.status, path).toBe(404);
    }
    await page.close();

    // the daily timer: January is past the 30-day retention, today's image stays
    const result = await runCli(["webcam", "prune"], { DATABASE_URL: dbs.appUrl, WEBCAM_DIR: webcamDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 webcams in .*: 1 archive days and 0 folders of deleted webcams removed/);
    const days = await readdir(path.join(webcamDir, String(villefrancheId), String(webcamId), "archive"));
    expect(days).not.toContain("2026-01-15");
    expect(days.length).toBeGreaterThan(0);
    const latest = JSON.parse(
      await readFile(path.join(webcamDir, String(villefrancheId), String(webcamId), "latest.json"), "utf8"),
    );
    expect(latest.takenAt).toBeGreaterThan(now - 600);
    const run = await dbs.prisma.jobRun.findFirst({ where: { name: "webcam:prune" } });
    expect(run?.status).toBe("SUCCESS");
  });

  it("says so when a station has no webcam", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.stationOrigin("nice-pessicart")}/webcam`);
    await expect(page.getByText("Cette station n'a pas de webcam.").count()).resolves.toBe(1);
    await page.close();
  });
});

describe("about page", () => {
  it("shows the station's description (sanitised), facts, manager, partners, map and widget code", async () => {
    const station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "nice-pessicart" } });
    const page = await browser.newPage();
    expect((await page.goto(`${app.stationOrigin("nice-pessicart")}/a-propos`))?.status()).toBe(200);
    expect(await page.title()).not.toBe("pwned");
    const description = page.locator('[data-field="description"]');
    expect(await description.innerHTML()).toBe('<p>Jardin <strong>orienté sud</strong>.</p><img src="x">');
    const fact = (field: string) => page.locator(`[data-field="${field}"]`).textContent();
    expect(await fact("commune")).toBe(station.commune);
    expect(await fact("altitude")).toBe(`${station.altitude} m`);
    expect(await fact("coordinates")).toBe(
      `${station.latitude.toFixed(4).replace(".", ",")}° N, ${station.longitude.toFixed(4).replace(".", ",")}° E`,
    );
    expect(await fact("model")).toBe("Davis Vantage Vue");
    expect(await fact("installedAt")).toBe("1 juin 2018");
    expect(await fact("exposure")).toBe("Mât de 2 m, pelouse");
    expect(await fact("hasUv")).toBe("non");
    expect(await fact("manager")).toBe("Jean Dupont — jean@example.org");
    expect(await page.locator('[data-field="manager"] a[href="mailto:jean@example.org"]').count()).toBe(1);
    expect(await page.locator('[data-field="partners"] li').allTextContents()).toEqual([
      "StatIC (Infoclimat)",
      "Mairie de Nice",
    ]);
    expect(await page.locator("pre code").textContent()).toContain(
      `<img src="${app.stationOrigin("nice-pessicart")}/widget.png" width="250" height="175"`,
    );
    await page.locator(".map .leaflet-interactive").first().waitFor();
    await page.close();
  });
});

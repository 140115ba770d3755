import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAggregates } from "@/lib/aggregates/job";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { httpGet } from "../helpers/http";
import { signInInBrowser } from "../helpers/session";
import { createLevens } from "../helpers/stations";
import {
  archiveRows,
  celsius,
  french,
  kmh,
  meanDirection,
  mm,
  parisClock,
  parisDay,
  parisMidnight,
  type Row,
} from "../helpers/weewx";

/**
 * The station admin end to end: who may open what, the metadata form and its effect on the public
 * pages, photos, partners, webcams, the console charts and the CSV export (compared with the archive).
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let webcamDir: string;
let photosDir: string;
const contexts: Record<string, BrowserContext> = {};
const now = Math.floor(Date.now() / 1000);
const archiveOf = (slug: string) => dbs.prefix + DEMO_STATIONS.find((s) => s.slug === slug)!.archiveDatabase;
const user = (role: string, stations = false) =>
  DEMO_USERS.find((u) => u.role === role && "stations" in u === stations)!;

async function signIn(email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signInInBrowser(page, app.origin, { email, password });
  await page.close();
  return context;
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 3, archivePrefix: dbs.prefix });
  // a station whose archive never arrived
  await createLevens(dbs);
  process.env.DATABASE_URL = dbs.appUrl; // the aggregates job below runs in this process
  for (const station of await dbs.prisma.station.findMany({ where: { slug: { not: "levens" } } }))
    await updateAggregates(station);
  webcamDir = await mkdtemp(path.join(tmpdir(), "m06t-webcam-"));
  photosDir = await mkdtemp(path.join(tmpdir(), "m06t-photos-"));
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    WEBCAM_DIR: webcamDir,
    STATION_PHOTOS_DIR: photosDir,
  });
  browser = await launchBrowser();
  const owner = user("AUTHOR", true);
  contexts.owner = await signIn(owner.email, owner.password);
  contexts.author = await signIn(user("AUTHOR").email, user("AUTHOR").password);
  contexts.editor = await signIn(user("EDITOR").email, user("EDITOR").password);
  contexts.admin = await signIn(user("ADMIN").email, user("ADMIN").password);
  contexts.anonymous = await browser.newContext();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  for (const dir of [webcamDir, photosDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(who: string, url: string) {
  const page = await contexts[who].newPage();
  const response = await page.goto(`${app.origin}${url}`);
  return { page, status: response?.status() };
}

describe("access", () => {
  const pages = ["", "/a-propos", "/webcams", "/console", "/export"].map(
    (p) => `/admin/stations/villefranche${p}`,
  );
  const csv = (slug: string) =>
    `/admin/stations/${slug}/export/csv?from=2026-01-01&to=2026-01-01&fields=outTemp`;

  it("sends visitors to the login page and answers 401 to the export", async () => {
    for (const url of pages) {
      const { page } = await open("anonymous", url);
      expect(new URL(page.url()).pathname, url).toBe("/connexion");
      await page.close();
    }
    const response = await contexts.anonymous.request.get(`${app.origin}${csv("villefranche")}`);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "Connexion requise" });
  });

  it("refuses a station owner everything about another station, and an author without station", async () => {
    for (const who of ["owner", "author"]) {
      for (const url of pages) {
        const { page, status } = await open(who, url);
        expect(status, `${who} ${url}`).toBe(403);
        expect(await page.locator("h1").textContent()).toBe("Accès refusé");
        await page.close();
      }
      const response = await contexts[who].request.get(`${app.origin}${csv("villefranche")}`);
      expect(response.status()).toBe(403);
      expect(await response.json()).toEqual({ error: "Vous ne gérez pas cette station." });
    }
    const { page } = await open("author", "/admin/stations");
    await expect(page.getByText("Vous ne gérez aucune station.").count()).resolves.toBe(1);
    await page.close();
  });

  it("lets the owner manage their own station, and editors and admins every station", async () => {
    const { page } = await open("owner", "/admin/stations");
    expect(
      await page
        .locator("[data-station]")
        .evaluateAll((items) => items.map((i) => i.getAttribute("data-station"))),
    ).toEqual(["la-colmiane"]);
    await page.close();
    for (const [who, slug] of [
      ["owner", "la-colmiane"],
      ["editor", "villefranche"],
      ["admin", "villefranche"],
    ]) {
      for (const sub of ["", "/a-propos", "/webcams", "/console", "/export"]) {
        const { page, status } = await open(who, `/admin/stations/${slug}${sub}`);
        expect(status, `${who} ${slug}${sub}`).toBe(200);
        await page.close();
      }
      expect((await contexts[who].request.get(`${app.origin}${csv(slug)}`)).status()).toBe(200);
    }
    const { status } = await open("admin", "/admin/stations/inconnue");
    expect(status).toBe(404);
  });

  it("checks access in the server action itself, not only when the form was shown", async () => {
    const editor = await signIn(user("EDITOR").email, user("EDITOR").password);
    const page = await editor.newPage();
    // Every back-office answer renews the session cookie: let the page's requests finish first, so that
    // none of them puts the editor's cookie back after the swap.
    await page.goto(`${app.origin}/admin/stations/villefranche`, { waitUntil: "networkidle" });
    // The session changes to the owner of another station before the form is sent.
    await editor.clearCookies();
    await editor.addCookies(await contexts.owner.cookies());
    expect((await editor.cookies()).map((c) => c.value)).toEqual(
      (await contexts.owner.cookies()).map((c) => c.value),
    );
    await page.locator('input[name="name"]').fill("Pris par un autre");
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Enregistrer" }).click(),
    ]);
    const station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "villefranche" } });
    expect(station.name).toBe(DEMO_STATIONS[0].name);
    await editor.close();
  });
});

describe("station metadata", () => {
  it("explains bad values without saving, then saves and refreshes the public pages", async () => {
    const before = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "villefranche" } });
    // the public pages, cached before the edit
    const visitor = await browser.newPage();
    await visitor.goto(`${app.stationOrigin("villefranche")}/a-propos`);
    expect(await visitor.locator('[data-field="exposure"]').textContent()).toBe("—");

    const { page } = await open("admin", "/admin/stations/villefranche");
    await page.locator('input[name="name"]').fill("Villefranche – Darse (essai)");
    await page.getByLabel("Latitude (°)").fill("nord");
    await page.getByLabel("Adresse du timelapse de la veille").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.locator(".field-error").first().waitFor();
    expect(await page.locator(".field-error").allTextContents()).toEqual([
      "Latitude : un nombre est attendu.",
      "Adresse du timelapse de la veille : une adresse http(s):// complète est attendue.",
    ]);
    expect(await page.locator("form [role=alert].error").textContent()).toBe(
      "Le formulaire contient des erreurs : rien n'a été enregistré.",
    );
    expect(await page.locator('input[name="name"]').inputValue()).toBe("Villefranche – Darse (essai)");
    expect(await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "villefranche" } })).toEqual(before);

    await page.getByLabel("Latitude (°)").fill("43,7010");
    await page.getByLabel("Adresse du timelapse de la veille").fill("");
    await page.getByLabel("Emplacement et exposition").fill("Toit de la capitainerie, mât de 10 m");
    await page.getByLabel("Seuil hors ligne (minutes)").fill("45");
    await page.getByLabel("Type").selectOption("WARNING");
    await page.getByLabel("Titre", { exact: true }).fill("Anémomètre en panne");
    await page
      .getByLabel("Message")
      .fill('<p>Vent <b>indisponible</b></p><script>document.title="pwned"</script>');
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Modifications enregistrées.").waitFor();
    const after = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "villefranche" } });
    expect(after).toMatchObject({
      name: "Villefranche – Darse (essai)",
      latitude: 43.701,
      offlineThresholdMinutes: 45,
      exposure: "Toit de la capitainerie, mât de 10 m",
      bannerType: "WARNING",
      bannerTitle: "Anémomètre en panne",
      bannerMessage: "<p>Vent <b>indisponible</b></p>",
      timelapseUrl: null,
    });
    await page.close();

    await visitor.goto(`${app.stationOrigin("villefranche")}/a-propos`);
    expect(await visitor.locator('[data-field="exposure"]').textContent()).toBe(
      "Toit de la capitainerie, mât de 10 m",
    );
    await visitor.goto(`${app.stationOrigin("villefranche")}/`);
    const banner = visitor.locator('[data-banner="WARNING"]');
    expect(await banner.locator(".banner-title").textContent()).toBe("Anémomètre en panne");
    expect(await banner.locator("div").innerHTML()).toBe("<p>Vent <b>indisponible</b></p>");
    expect(await visitor.title()).not.toBe("pwned");
    expect(await visitor.locator("h1").textContent()).toBe("Villefranche – Darse (essai)");
    await visitor.close();
  });
});

describe("photos and partners", () => {
  it("publishes a photo without its metadata, and refuses a file that is not a picture", async () => {
    const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#6a9" } })
      .withExif({ IFD0: { Artist: "Paul", Make: "Phone" } })
      .jpeg()
      .toBuffer();
    const { page } = await open("owner", "/admin/stations/la-colmiane/a-propos");
    await page
      .locator('input[name="photo"]')
      .setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a photo") });
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    await page.locator(".field-error").waitFor();
    expect(await page.locator(".field-error").textContent()).toBe(
      "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible.",
    );
    expect(await dbs.prisma.stationPhoto.count()).toBe(0);
    expect(await readdir(photosDir)).toEqual([]);

    await page
      .locator('input[name="photo"]')
      .setInputFiles({ name: "IMG_0042.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByLabel("Légende").fill("Le mât au col Saint-Martin");
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    await page.getByText("Photo ajoutée.").waitFor();
    await page.close();

    const visitor = await browser.newPage();
    await visitor.goto(`${app.stationOrigin("la-colmiane")}/a-propos`);
    const image = visitor.locator(".photos img");
    expect(await image.getAttribute("alt")).toBe("Le mât au col Saint-Martin");
    const large = await visitor.locator(".photos a").getAttribute("href");
    const served = await httpGet(`${app.stationOrigin("la-colmiane")}${large}`);
    const metadata = await sharp(served.body).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual([
      "jpeg",
      1600,
      1067,
      undefined,
    ]);
    expect(large).not.toContain("IMG_0042");
    await visitor.close();
  });

  it("adds and removes partners shown on the about page", async () => {
    const { page } = await open("owner", "/admin/stations/la-colmiane/a-propos");
    await page.getByLabel("Nom du partenaire").fill("ROMMA");
    await page.getByLabel("Adresse (facultative)").fill("ftp://romma.fr");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.locator(".field-error").waitFor();
    expect(await page.locator(".field-error").textContent()).toBe(
      "Adresse du partenaire : une adresse http(s):// complète est attendue.",
    );
    await page.getByLabel("Adresse (facultative)").fill("https://www.romma.fr/");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByText("Partenaire « ROMMA » ajouté.").waitFor();
    await page.getByLabel("Nom du partenaire").fill("Commune de Valdeblore");
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByText("Partenaire « Commune de Valdeblore » ajouté.").waitFor();

    const visitor = await browser.newPage();
    await visitor.goto(`${app.stationOrigin("la-colmiane")}/a-propos`);
    expect(await visitor.locator('[data-field="partners"] li').allTextContents()).toEqual([
      "ROMMA",
      "Commune de Valdeblore",
    ]);
    expect(await visitor.locator('[data-field="partners"] a').getAttribute("href")).toBe(
      "https://www.romma.fr/",
    );

    await page.reload();
    // Asked in the back office's dialog; cancelling keeps the partner.
    const partner = page.locator("[data-partner]").first();
    await partner.getByRole("button", { name: "Retirer" }).click();
    const ask = page.getByRole("dialog", { name: /^Retirer .+ \?$/ });
    await ask.getByRole("button", { name: "Annuler" }).click();
    await ask.waitFor({ state: "detached" });
    expect(await dbs.prisma.stationPartnerLink.count()).toBe(2);
    await partner.getByRole("button", { name: "Retirer" }).click();
    await ask.getByRole("button", { name: "Retirer" }).click();
    await expect.poll(() => dbs.prisma.stationPartnerLink.count()).toBe(1);
    await visitor.goto(`${app.stationOrigin("la-colmiane")}/a-propos`);
    expect(await visitor.locator('[data-field="partners"] li').allTextContents()).toEqual([
      "Commune de Valdeblore",
    ]);
    await visitor.close();
    await page.close();
  });
});

describe("webcams", () => {
  const post = (token: string) =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: "#123" } })
      .jpeg()
      .toBuffer()
      .then((jpeg) =>
        fetch(`${app.origin}/api/v1/stations/la-colmiane/webcam`, {
          method: "POST",
          body: new Uint8Array(jpeg),
          headers: { authorization: `Bearer ${token}`, "content-type": "image/jpeg" },
        }),
      );

  it("creates a webcam with a token shown once, replaces the token, and deletes it with its images", async () => {
    const { page } = await open("owner", "/admin/stations/la-colmiane/webcams");
    await page.getByLabel("Identifiant").fill("Col Nord");
    await page.getByLabel("Nom affiché").fill("Col, vers le nord");
    await page.getByRole("button", { name: "Créer la webcam" }).click();
    await page.locator(".field-error").first().waitFor();
    expect(await page.locator(".field-error").first().textContent()).toMatch(
      /^Identifiant : lettres minuscules/,
    );
    await page.getByLabel("Identifiant").fill("nord");
    await page.getByRole("button", { name: "Créer la webcam" }).click();
    const token = (await page.locator('[data-field="webcam-token"]').textContent())!;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(await page.locator("pre code").first().textContent()).toContain(
      `Bearer ${token}" -H "Content-Type: image/jpeg" --data-binary @image.jpg ${app.origin}/api/v1/stations/la-colmiane/webcam`,
    );
    const stored = await dbs.prisma.webcam.findFirstOrThrow({ where: { key: "nord" } });
    expect(stored.tokenHash).not.toContain(token);
    expect((await post(token)).status).toBe(201);

    await page.reload();
    expect(await page.locator('[data-webcam="nord"] [data-field="webcam-latest"]').textContent()).toMatch(
      /^Dernière image reçue le/,
    );
    expect(await page.locator('[data-field="webcam-token"]').count()).toBe(0); // never shown again
    await page.getByRole("button", { name: "Nouveau jeton d'envoi" }).click();
    await page
      .getByRole("dialog", { name: "Créer un nouveau jeton ? L'ancien cessera de fonctionner." })
      .getByRole("button", { name: "Créer un nouveau jeton" })
      .click();
    const replacement = (await page.locator('[data-field="webcam-token"]').textContent())!;
    expect(replacement).not.toBe(token);
    expect((await post(token)).status).toBe(401);
    expect((await post(replacement)).status).toBe(201);

    const visitor = await browser.newPage();
    await visitor.goto(`${app.stationOrigin("la-colmiane")}/webcam`);
    expect(await visitor.locator('[data-webcam="nord"] h2').textContent()).toBe("Col, vers le nord");
    await visitor.close();

    const cameraDir = path.join(webcamDir, String(stored.stationId), String(stored.id));
    expect((await readdir(cameraDir)).sort()).toEqual([
      "archive",
      "latest-large.jpg",
      "latest-small.jpg",
      "latest.json",
    ]);
    await page.getByRole("button", { name: "Supprimer la webcam et ses images" }).click();
    await page
      .getByRole("dialog", { name: "Supprimer la webcam Col, vers le nord et toutes ses images ?" })
      .getByRole("button", { name: "Supprimer la webcam et ses images" })
      .click();
    await expect.poll(() => dbs.prisma.webcam.count({ where: { key: "nord" } })).toBe(0);
    await expect.poll(() => readdir(cameraDir).catch((error) => error.code)).toBe("ENOENT");
    await page.close();
  });
});

describe("indoor sensors and console", () => {
  const extremes = (rows: Row[], field: string) => {
    const values = rows
      .map((r) => (field === "inTemp" ? celsius(r, field) : r[field]))
      .filter((v) => v != null) as number[];
    return { min: Math.min(...values), max: Math.max(...values), latest: values.at(-1)! };
  };

  it("shows the last 48 hours of raw records: latest, minimum and maximum", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { page } = await open("admin", "/admin/stations/nice-pessicart/console");
    const after = Math.floor(Date.now() / 1000);
    const windows = await Promise.all(
      [before, after].map((t) => archiveRows(dbs.admin, archiveOf("nice-pessicart"), t - 48 * 3600, t)),
    );
    for (const [measure, unit, decimals] of [
      ["inTemp", "°C", 1],
      ["inHumidity", "%", 0],
      ["rxCheckPercent", "%", 0],
      ["consBatteryVoltage", "V", 2],
    ] as const) {
      const row = page.locator(`tr[data-measure="${measure}"]`);
      const shown = async (field: string) => (await row.locator(`[data-field="${field}"]`).textContent())!;
      const candidates = windows.map((rows) => extremes(rows, measure));
      for (const key of ["min", "max", "latest"] as const) {
        const text = await shown(key);
        expect(
          candidates.map((c) => french(c[key], unit, decimals)).some((v) => text.startsWith(v)),
          `${measure} ${key}: ${text}`,
        ).toBe(true);
      }
    }
    expect(await page.locator("canvas").count()).toBe(4);
    await page.close();
  });

  it("shows hourly means with the extremes over 7 days (from the hourly aggregates)", async () => {
    const { page } = await open("admin", "/admin/stations/villefranche/console?periode=7j");
    // the demo archive holds three days: the week's extremes are those of every record
    const rows = await archiveRows(dbs.admin, archiveOf("villefranche"), 0, now);
    const e = extremes(rows, "inTemp");
    const row = page.locator('tr[data-measure="inTemp"]');
    expect(await row.locator('[data-field="min"]').textContent()).toMatch(
      new RegExp(`^${french(e.min, "°C")}`),
    );
    expect(await row.locator('[data-field="max"]').textContent()).toMatch(
      new RegExp(`^${french(e.max, "°C")}`),
    );
    expect(await page.locator('[aria-current="page"]').textContent()).toBe("7 jours");
    await page.close();
  });
});

describe("CSV export", () => {
  const yesterday = parisDay(now - 86400);
  const from = parisMidnight(yesterday);
  const to = parisMidnight(parisDay(from + 36 * 3600));
  const round = (v: number | null) => (v == null ? "" : String(Math.round(v * 1000) / 1000));
  const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");
  const local = (t: number) => `${parisDay(t)} ${parisClock(t)}`;
  const parse = (text: string) =>
    text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(","));

  it("downloads the raw records of a day from the form, exactly as in the archive", async () => {
    const { page } = await open("owner", "/admin/stations/la-colmiane/export");
    await page.getByLabel("Du", { exact: true }).fill(yesterday);
    await page.getByLabel("Au (inclus)", { exact: true }).fill(yesterday);
    for (const label of ["Humidité", "Pression au niveau de la mer"])
      await page.getByLabel(label, { exact: true }).uncheck();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger le CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`la-colmiane_${yesterday}_${yesterday}_raw.csv`);
    const [header, ...lines] = parse(await readFile((await download.path())!, "utf8"));
    expect(header).toEqual([
      "Date et heure (UTC)",
      "Heure locale (Europe/Paris)",
      "Température (°C)",
      "Vent moyen (km/h)",
      "Direction du vent (°)",
      "Rafale (km/h)",
      "Direction de la rafale (°)",
      "Pluie (mm)",
    ]);
    const rows = await archiveRows(dbs.admin, archiveOf("la-colmiane"), from, to);
    expect(rows.length).toBeGreaterThan(250);
    expect(lines).toEqual(
      rows.map((r) => [
        iso(r.dateTime),
        local(r.dateTime),
        round(celsius(r)),
        round(kmh(r, "windSpeed")),
        round(r.windDir),
        round(kmh(r, "windGust")),
        round(r.windGustDir),
        round(mm(r, "rain")),
      ]),
    );
    await page.close();
  });

  it("aggregates hours: mean/min/max, rain sums, strongest gust with direction and time, mean direction", async () => {
    const response = await contexts.owner.request.get(
      `${app.origin}/admin/stations/la-colmiane/export/csv?from=${yesterday}&to=${yesterday}&step=1h&fields=outTemp,wind,rain,rainRate`,
    );
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toBe(
      `attachment; filename="la-colmiane_${yesterday}_${yesterday}_1h.csv"`,
    );
    expect(response.headers()["cache-control"]).toBe("no-store");
    const [header, ...lines] = parse(await response.text());
    expect(header.slice(0, 6)).toEqual([
      "Fin de période (UTC)",
      "Fin de période en heure locale (Europe/Paris)",
      "Relevés",
      "Température moyenne (°C)",
      "Température minimum (°C)",
      "Température maximum (°C)",
    ]);
    const rows = await archiveRows(dbs.admin, archiveOf("la-colmiane"), from, to);
    const hours = new Map<number, Row[]>();
    for (const r of rows) {
      const end = Math.ceil(r.dateTime / 3600) * 3600;
      hours.set(end, [...(hours.get(end) ?? []), r]);
    }
    expect(lines.length).toBe(hours.size);
    for (const line of lines) {
      const end = Date.parse(line[0]) / 1000;
      const hour = hours.get(end)!;
      const temps = hour.map((r) => celsius(r)!);
      const gust = hour.reduce((best, r) => (kmh(r, "windGust")! > kmh(best, "windGust")! ? r : best));
      const speeds = hour.map((r) => kmh(r, "windSpeed")!);
      const direction = meanDirection(hour.map((r) => [kmh(r, "windSpeed"), r.windDir]));
      const expected = [
        local(end),
        String(hour.length),
        temps.reduce((a, b) => a + b, 0) / temps.length,
        Math.min(...temps),
        Math.max(...temps),
        speeds.reduce((a, b) => a + b, 0) / speeds.length,
        direction.degrees,
        kmh(gust, "windGust"),
        gust.windGustDir,
        iso(gust.dateTime),
        hour.reduce((sum, r) => sum + mm(r, "rain")!, 0),
        Math.max(...hour.map((r) => mm(r, "rainRate")!)),
      ];
      const actual = line.slice(1);
      expected.forEach((value, i) => {
        if (typeof value === "number")
          expect(Number(actual[i]), `${line[0]} column ${header[i + 1]}`).toBeCloseTo(value, 2);
        else expect(actual[i] ?? "", `${line[0]} column ${header[i + 1]}`).toBe(value ?? "");
      });
    }
  });

  it("makes one row per 10 minutes", async () => {
    const response = await contexts.owner.request.get(
      `${app.origin}/admin/stations/la-colmiane/export/csv?from=${yesterday}&to=${yesterday}&step=10m&fields=outHumidity`,
    );
    const [header, ...lines] = parse(await response.text());
    expect(header.slice(3)).toEqual(["Humidité moyenne (%)", "Humidité minimum (%)", "Humidité maximum (%)"]);
    const rows = await archiveRows(dbs.admin, archiveOf("la-colmiane"), from, to);
    const buckets = new Set(rows.map((r) => Math.ceil(r.dateTime / 600) * 600));
    expect(lines.map((l) => Date.parse(l[0]) / 1000)).toEqual([...buckets]);
  });

  it.each([
    ["from=2026-02-01&to=2026-01-01&fields=outTemp", "La date de début doit précéder la date de fin."],
    [
      "from=2025-01-01&to=2026-01-06&fields=outTemp",
      "Période trop longue : 371 jours demandés, 370 au maximum.",
    ],
    [
      "from=2024-13-45&to=2026-01-01&fields=outTemp",
      "Date de début (from) manquante ou invalide : AAAA-MM-JJ attendu.",
    ],
    ["from=2026-01-01&to=2026-01-01&fields=outTemp,pluie", "Mesure(s) inconnue(s) : « pluie »."],
    [
      "from=2026-01-01&to=2026-01-01&step=5m&fields=outTemp",
      "Pas de temps (step) inconnu « 5m » : raw, 10m ou 1h.",
    ],
  ])("refuses %s with a 400", async (query, message) => {
    const response = await contexts.owner.request.get(
      `${app.origin}/admin/stations/la-colmiane/export/csv?${query}`,
    );
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: message });
  });

  it("explains a missing archive instead of failing (console page and export)", async () => {
    const { page, status } = await open("admin", "/admin/stations/levens/console");
    expect(status).toBe(200);
    expect(await page.locator(".banner-warning").textContent()).toMatch(
      /archives de cette station sont introuvables/,
    );
    await page.close();
    const response = await contexts.admin.request.get(
      `${app.origin}/admin/stations/levens/export/csv?from=2026-01-01&to=2026-01-01&fields=outTemp`,
    );
    expect(response.status()).toBe(503);
    expect((await response.json()).error).toMatch(/archives de cette station sont introuvables/);
  });

  it("explains a bad period in the form before anything is sent", async () => {
    const { page } = await open("owner", "/admin/stations/la-colmiane/export");
    await page.getByLabel("Du", { exact: true }).fill("2026-03-10");
    await page.getByLabel("Au (inclus)", { exact: true }).fill("2026-03-01");
    let downloaded = false;
    page.on("download", () => {
      downloaded = true;
    });
    await page.getByRole("button", { name: "Télécharger le CSV" }).click();
    expect(await page.locator("form [role=alert]").textContent()).toBe(
      "La date de début doit précéder la date de fin.",
    );
    expect(downloaded).toBe(false);
    await page.close();
  });
});

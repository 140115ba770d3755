import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { forecastCell } from "../helpers/articles";
import { launchBrowser } from "../helpers/browser";
import { runCli } from "../helpers/cli";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { sessionCookie as signIn, signInInBrowser } from "../helpers/session";

/** Articles end to end: roles over HTTP, the editor in Chromium, scheduling, feeds, vigilance, redirects. */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let work: string;
const user = (role: string) => DEMO_USERS.find((u) => u.role === role && !("stations" in u))!;

beforeAll(async () => {
  dbs = await createDemoDatabases();
  work = mkdtempSync(path.join(tmpdir(), "m06-e2e-"));
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, MEDIA_DIR: path.join(work, "media") });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

function sessionCookie(email: string, password: string): Promise<string> {
  return signIn(app.origin, email, password);
}

function api(pathname: string, method: string, cookie: string | null, body?: unknown, origin = app.origin) {
  return fetch(`${app.origin}${pathname}`, {
    method,
    headers: { "Content-Type": "application/json", Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function login(page: Page, role: string) {
  return signInInBrowser(page, app.origin, user(role));
}

describe("roles are enforced by every route", () => {
  it("lets an author write and submit, never publish or touch others' articles", async () => {
    const author = await sessionCookie(user("AUTHOR").email, user("AUTHOR").password);
    const editor = await sessionCookie(user("EDITOR").email, user("EDITOR").password);
    const draft = { type: "NEWS", title: "Brouillon d'auteur", bodyHtml: "<p>Texte</p>" };

    expect((await api("/api/admin/articles", "POST", null, draft)).status).toBe(401);
    expect((await api("/api/admin/articles", "POST", author, draft, "https://evil.example")).status).toBe(
      403,
    );
    const published = await api("/api/admin/articles", "POST", author, { ...draft, status: "PUBLISHED" });
    expect(published.status).toBe(403);
    expect(((await published.json()) as { error: string }).error).toMatch(/Seul un éditeur peut publier/);
    const created = await api("/api/admin/articles", "POST", author, draft);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(
      (await api(`/api/admin/articles/${id}`, "PUT", author, { ...draft, status: "PENDING" })).status,
    ).toBe(200);
    expect(
      (
        await api(`/api/admin/articles/${id}`, "PUT", author, {
          ...draft,
          status: "SCHEDULED",
          publishedAt: "2030-01-01T10:00",
        })
      ).status,
    ).toBe(403);

    const editorArticle = (await (
      await api("/api/admin/articles", "POST", editor, { ...draft, title: "Article d'éditeur" })
    ).json()) as { id: number };
    for (const [method, suffix] of [
      ["PUT", ""],
      ["DELETE", ""],
      ["POST", "/autosave"],
    ])
      expect(
        (await api(`/api/admin/articles/${editorArticle.id}${suffix}`, method, author, draft)).status,
        `${method} ${suffix}`,
      ).toBe(403);
    // The back-office pages of someone else's article answer 403 too, with an explanation.
    for (const suffix of ["", "/apercu", "/revisions"]) {
      const page = await fetch(`${app.origin}/admin/articles/${editorArticle.id}${suffix}`, {
        headers: { Cookie: author },
      });
      expect(page.status, `page ${suffix}`).toBe(403);
      expect(await page.text()).toContain("Accès refusé");
    }
    const vigilance = {
      type: "VIGILANCE",
      title: "v",
      vigilance: {
        level: "RED",
        phenomena: ["orages"],
        zones: ["COAST"],
        validFrom: "2030-01-01T10:00",
        validUntil: "2030-01-01T12:00",
      },
    };
    expect((await api("/api/admin/articles", "POST", author, vigilance)).status).toBe(403);
    expect(
      (await api(`/api/admin/articles/${id}`, "PUT", editor, { ...draft, status: "PUBLISHED" })).status,
    ).toBe(200);
    expect((await api(`/api/admin/articles/${id}`, "PUT", author, draft)).status).toBe(403); // published: editors only
    expect((await api("/api/admin/articles", "POST", author, { type: "NEWS" })).status).toBe(422);
    expect(
      (await fetch(`${app.origin}/admin/utilisateurs`, { headers: { Cookie: author }, redirect: "manual" }))
        .status,
    ).not.toBe(200);
  });
});

describe("editors in the browser", () => {
  it("writes an article with an image, schedules it, and it appears on time in the site, the feed and the sitemap", async () => {
    const image = path.join(work, "orage.png");
    await sharp({ create: { width: 1400, height: 900, channels: 3, background: "#345" } })
      .png()
      .toFile(image);
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, "EDITOR");
    await page.goto(`${app.origin}/admin/articles/nouveau`);
    await page.locator('input[name="title"]').fill("Orages planifiés sur Nice");
    await page.locator(".editor-content").click();
    await page.keyboard.type("Un épisode orageux est attendu.");
    await page.getByRole("button", { name: "Image", exact: true }).click();
    await page.locator(".dialog").getByLabel("Texte alternatif (obligatoire)").fill("Ciel d'orage");
    await page.locator(".dialog").getByLabel("Légende").fill("Le ciel ce matin");
    await page.locator('.dialog input[type="file"]').setInputFiles(image);
    await page.locator(".editor-content figure img").waitFor();
    // The form has minute precision: the next whole minute at least 20 s away.
    const due = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    const when = new Date(due);
    const paris = when.toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).slice(0, 16).replace(" ", "T");
    await page.getByLabel("Date de publication (heure de Paris)").fill(paris);
    await page.getByRole("button", { name: "Planifier" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await expect(page.locator("[data-status]").first().getAttribute("data-status")).resolves.toBe(
      "SCHEDULED",
    );
    const slug = "orages-planifies-sur-nice";
    const articleUrl = `${app.origin}/articles/${slug}`;

    expect((await fetch(articleUrl)).status).toBe(404);
    expect(await (await fetch(`${app.origin}/flux/rss.xml`)).text()).not.toContain(
      "Orages planifiés sur Nice",
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now() + 1500)));
    // The every-minute job refreshes the cached pages once the article is due.
    const job = await runCli(["site", "refresh"], {
      DATABASE_URL: dbs.appUrl,
      SITE_URL: app.origin,
      AUTH_SECRET: "test-secret-not-for-production",
    });
    expect(job.stdout, job.stderr).toContain("pages refreshed");
    const response = await page.goto(articleUrl);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Orages planifiés sur Nice");
    expect(await page.locator(".article-body figcaption").textContent()).toBe("Le ciel ce matin");
    const img = page.locator(".article-body picture img");
    expect(await img.getAttribute("alt")).toBe("Ciel d'orage");
    expect(
      (await fetch(`${app.origin}${await img.getAttribute("src")}`)).headers.get("cache-control"),
    ).toContain("immutable");
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toBe(
      "Orages planifiés sur Nice",
    );
    expect(await (await fetch(`${app.origin}/flux/rss.xml`)).text()).toContain(`<link>${articleUrl}</link>`);
    expect(await (await fetch(`${app.origin}/flux/actualites/atom.xml`)).text()).toContain(
      "Orages planifiés sur Nice",
    );
    expect(await (await fetch(`${app.origin}/sitemap.xml`)).text()).toContain(`<loc>${articleUrl}</loc>`);
    await context.close();
  }, 180_000); // up to 80 s until the publication minute, then the refresh job

  it("raises a vigilance: the banner shows on the apex and a station site, then disappears by itself", async () => {
    const editor = await sessionCookie(user("EDITOR").email, user("EDITOR").password);
    const now = Date.now();
    const created = await api("/api/admin/articles", "POST", editor, {
      type: "VIGILANCE",
      title: "Vigilance orange orages",
      status: "PUBLISHED",
      vigilance: {
        level: "ORANGE",
        phenomena: ["orages", "pluie-inondation"],
        zones: ["COAST"],
        validFrom: new Date(now - 1000).toISOString(),
        validUntil: new Date(now + 25_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage();
    await page.goto(`${app.origin}/`);
    await expect(page.locator('[data-vigilance="ORANGE"]').textContent()).resolves.toContain(
      "Orages, Pluie-inondation",
    );
    const station = await browser.newPage();
    await station.goto(`${app.stationOrigin("villefranche")}/`);
    await expect(station.locator('[data-vigilance="ORANGE"]').textContent()).resolves.toContain(
      "Vigilance orange",
    );
    await station.locator('[data-vigilance="ORANGE"]').waitFor({ state: "detached", timeout: 45_000 });
    await page.locator('[data-vigilance="ORANGE"]').waitFor({ state: "detached", timeout: 15_000 });
    await page.close();
    await station.close();
  });

  it("slows down repeated wrong passwords with a clear message", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/connexion`);
    for (let i = 0; i < 6; i++) {
      await page.getByLabel("E-mail").fill("auteur@meteo06.test");
      await page.getByLabel("Mot de passe").fill(`faux-${i}`);
      await page.getByRole("button", { name: "Se connecter" }).click();
      // Each answer replaces the previous one: wait until this attempt has been answered.
      await page.locator("button:enabled", { hasText: "Se connecter" }).waitFor();
    }
    await expect
      .poll(() => page.locator("form [role=alert]").textContent(), { timeout: 15_000 })
      .toMatch(/Trop de tentatives : réessayez dans \d+ s/);
    await page.close();
    await dbs.prisma.loginThrottle.deleteMany({});
  });
});

describe("revisions", () => {
  it("shows how a forecast's table changed between two saves on the compare page", async () => {
    const editor = await sessionCookie(user("EDITOR").email, user("EDITOR").password);
    const forecast = (sky: string, tMax: number) => ({
      type: "FORECAST",
      title: "Prévisions de la semaine",
      bodyHtml: "<p>Texte inchangé</p>",
      forecast: [forecastCell("COAST", sky, tMax)],
    });
    const { id } = (await (
      await api("/api/admin/articles", "POST", editor, forecast("SUNNY", 24))
    ).json()) as {
      id: number;
    };
    expect((await api(`/api/admin/articles/${id}`, "PUT", editor, forecast("THUNDERSTORM", 19))).status).toBe(
      200,
    );
    const page = await fetch(`${app.origin}/admin/articles/${id}/revisions`, { headers: { Cookie: editor } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const details = /<div class="card diff" data-diff="details">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(details).toContain(
      "<del>Prévision du 01/06/2030, Littoral : Ensoleillé, min 15 °C, max 24 °C, vent SE 20 km/h, pluie 10 %\n</del>",
    );
    expect(details).toContain(
      "<ins>Prévision du 01/06/2030, Littoral : Orages, min 15 °C, max 19 °C, vent SE 20 km/h, pluie 10 %\n</ins>",
    );
  });
});

describe("the move off WordPress", () => {
  it("answers old permalinks with a 301 to the imported articles", async () => {
    const result = await runCli(
      ["import", "wordpress", "test/fixtures/wordpress/wordpress-4.9-classic.xml"],
      {
        DATABASE_URL: dbs.appUrl,
        MEDIA_DIR: path.join(work, "media"),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const direct = await fetch(`${app.origin}/api/legacy?from=${encodeURIComponent("/?p=101")}`, {
      redirect: "manual",
    });
    expect([direct.status, direct.headers.get("location")]).toEqual([301, "/articles/orages-littoral-bilan"]);
    for (const [from, to] of [
      ["/?p=101", "/articles/orages-littoral-bilan"],
      ["/2019/07/orages-littoral-bilan/", "/articles/orages-littoral-bilan"],
      ["/qui-sommes-nous/", "/pages/qui-sommes-nous"],
      ["/feed/", "/flux/rss.xml"],
      ["/category/previsions/", "/articles?categorie=previsions"],
    ]) {
      const response = await fetch(`${app.origin}${from}`, { redirect: "manual" });
      expect(response.status, from).toBe(301);
      expect(response.headers.get("location"), from).toBe(to);
    }
    expect((await fetch(`${app.origin}/2019/07/inconnu/`, { redirect: "manual" })).status).toBe(301); // trailing slash
    expect((await fetch(`${app.origin}/?p=999999`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${app.origin}/articles/orages-littoral-bilan`)).status).toBe(200);
    expect((await fetch(`${app.origin}/pages/qui-sommes-nous`)).status).toBe(200);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/demo/stations";
import { mediaUrl as mediaUrlOf } from "@/lib/media/urls";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser, showMaps, takePolicyViolations } from "../helpers/browser";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session";

/**
 * Security headers on every kind of answer, and the Content-Security-Policy of cached pages: a page
 * served from the ISR cache carries a policy that allows exactly its own scripts, which run.
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let work: string;
let mediaUrl: string;

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  work = mkdtempSync(path.join(tmpdir(), "m06-headers-"));
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    MEDIA_DIR: path.join(work, "media"),
    MAP_TILES_URL: "http://{s}.tiles.localhost:9/{z}/{x}/{y}.png",
  });
  browser = await launchBrowser();
  const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
  const form = new FormData();
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#468" } })
    .png()
    .toBuffer();
  form.set("file", new File([new Uint8Array(png)], "carre.png", { type: "image/png" }));
  form.set("alt", "Un carré");
  const upload = await fetch(`${app.origin}/api/admin/media`, {
    method: "POST",
    headers: { Origin: app.origin, Cookie: await sessionCookie(app.origin, editor.email, editor.password) },
    body: form,
  });
  expect(upload.status).toBe(201);
  const { media } = (await upload.json()) as { media: { key: string; widths: string } };
  mediaUrl = mediaUrlOf(media.key, Number(media.widths.split(",")[0]), "webp");
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")] as [string, string];
    }),
  );
}

describe("headers on every answer", () => {
  const kinds: [string, () => string, "page" | "other" | "embeddable"][] = [
    ["home page", () => `${app.origin}/`, "page"],
    ["station page (ISR)", () => `${app.stationOrigin("la-colmiane")}/a-propos`, "page"],
    ["login page", () => `${app.origin}/connexion`, "page"],
    ["404 page", () => `${app.origin}/page-qui-n-existe-pas`, "page"],
    ["station 404 page", () => `${app.stationOrigin("la-colmiane")}/nulle-part`, "page"],
    ["open-data API", () => `${app.origin}/api/v1/stations`, "other"],
    ["API error", () => `${app.origin}/api/v1/stations/inconnue/current`, "other"],
    ["admin API without session", () => `${app.origin}/api/admin/media`, "other"],
    ["media file", () => `${app.origin}${mediaUrl}`, "other"],
    ["RSS feed", () => `${app.origin}/flux/rss.xml`, "other"],
    ["sitemap", () => `${app.origin}/sitemap.xml`, "other"],
    ["robots.txt", () => `${app.origin}/robots.txt`, "other"],
    ["health check", () => `${app.origin}/api/health`, "other"],
    ["station widget", () => `${app.stationOrigin("la-colmiane")}/widget.png`, "embeddable"],
  ];

  it.each(kinds)("%s", async (_name, url, kind) => {
    const response = await httpGet(url());
    const header = (name: string) => String(response.headers[name] ?? "");
    expect(response.status, url()).toBeLessThan(500);
    expect(header("x-content-type-options")).toBe("nosniff");
    expect(header("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(header("permissions-policy")).toMatch(/camera=\(\)/);
    const csp = directives(header("content-security-policy"));
    expect(csp.get("base-uri")).toBe("'none'");
    if (kind === "page") {
      expect(header("content-type")).toMatch(/^text\/html/);
      const scripts = csp.get("script-src") ?? "";
      expect(scripts).toMatch(/^'strict-dynamic' 'report-sample'( 'sha256-[A-Za-z0-9+/=]+')+$/);
      expect(scripts).not.toMatch(/unsafe|https?:|\*/);
      expect(csp.get("object-src")).toBe("'none'");
      expect(csp.get("frame-ancestors")).toBe("'none'");
      expect(csp.get("frame-src")).toContain("https://www.youtube-nocookie.com");
      expect(csp.get("img-src")).toContain("http://*.tiles.localhost:9");
    } else {
      expect(csp.get("default-src")).toBe("'none'");
      expect(csp.get("frame-ancestors")).toBe(kind === "embeddable" ? "*" : "'none'");
    }
  });

  it("on the build's files too", async () => {
    const html = await (await fetch(`${app.origin}/connexion`)).text();
    const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    const response = await fetch(`${app.origin}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("cached pages under the policy", () => {
  it("serves a station page from the ISR cache, and its scripts run under the policy it carries", async () => {
    const url = `${app.stationOrigin("la-colmiane")}/a-propos`;
    await httpGet(url); // rendered (or prerendered) and cached
    const cached = await httpGet(url);
    expect(cached.headers["x-nextjs-cache"]).toBe("HIT");
    const policy = cached.headers["content-security-policy"];

    const page = await browser.newPage();
    const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    expect(response?.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(response?.headers()["content-security-policy"]).toBe(policy);
    // The map is drawn by the page's scripts (Leaflet, loaded on demand): they ran.
    await showMaps(page, 60_000);
    await page.locator("path.leaflet-interactive").first().dispatchEvent("mouseover");
    await expect
      .poll(() => page.locator(".leaflet-tooltip").textContent(), { timeout: 30_000 })
      .toContain("Colmiane");
    // …and a script that is not the framework's would not: the policy blocks an inline one.
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), {
            once: true,
          });
          const script = document.createElement("div");
          script.innerHTML = "<img src=x onerror=\"document.title='ran'\">";
          document.body.append(script);
        }),
    );
    expect(blocked).toBe("script-src-attr");
    expect(await page.title()).not.toBe("ran");
    // The browser helper saw it too (and would fail the test): that one was expected.
    const reported: string[] = [];
    await expect
      .poll(() => reported.push(...takePolicyViolations()), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    expect(reported.join("\n")).toMatch(/script-src-attr blocked inline/);
    await page.close();
  });

  it("answers a revalidation of an unchanged cached page with 304, and a changed one in full", async () => {
    const url = `${app.stationOrigin("la-colmiane")}/a-propos`;
    const cached = await httpGet(url);
    expect(cached.headers["x-nextjs-cache"]).toBe("HIT");
    const etag = String(cached.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const unchanged = await httpGet(url, { "If-None-Match": `W/${etag}` });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
    expect(unchanged.headers.etag).toBe(etag);
    const changed = await httpGet(url, { "If-None-Match": '"an-older-copy"' });
    expect(changed.status).toBe(200);
    expect(changed.body.equals(cached.body)).toBe(true);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { writeIssue17Uploads } from "../helpers/wordpress";

/**
 * Issue 17 in Chromium: what readers see of an imported WordPress site — click-to-load embeds,
 * galleries, players, page breaks, folding details, columns, the comment archive, old addresses.
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let work: string;
const pageErrors: string[] = [];
const frameRequests: string[] = [];

/** A real one-second WebM made by Chromium itself (MediaRecorder on a canvas). */
async function recordWebm(): Promise<Buffer> {
  const recorder = await browser.newPage();
  const base64 = await recorder.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 90;
    const context2d = canvas.getContext("2d") as CanvasRenderingContext2D;
    const media = new MediaRecorder(canvas.captureStream(10), { mimeType: "video/webm;codecs=vp8" });
    const chunks: Blob[] = [];
    media.ondataavailable = (event) => chunks.push(event.data);
    media.start();
    for (let i = 0; i < 12; i++) {
      context2d.fillStyle = `hsl(${i * 30}, 80%, 50%)`;
      context2d.fillRect(0, 0, 160, 90);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stopped = new Promise((resolve) => {
      media.onstop = resolve;
    });
    media.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let text = "";
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
  await recorder.close();
  return Buffer.from(base64, "base64");
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  work = mkdtempSync(path.join(tmpdir(), "m06-e2e-wp-"));
  browser = await launchBrowser();
  await writeIssue17Uploads(path.join(work, "uploads"), await recordWebm());
  const env = { DATABASE_URL: dbs.appUrl, MEDIA_DIR: path.join(work, "media") };
  const imported = await runCli(
    [
      "import",
      "wordpress",
      "test/fixtures/wordpress/issue-17-every-behaviour.xml",
      "--uploads",
      path.join(work, "uploads"),
    ],
    env,
  );
  if (imported.code !== 0) throw new Error(imported.stderr);
  app = await startTestApp(env);
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // The players' frames never leave this machine: answered here, and recorded.
  await context.route(
    /^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com|www\.dailymotion\.com)\//,
    (route) => {
      frameRequests.push(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<title>lecteur</title>" });
    },
  );
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe("an imported post as readers see it", () => {
  it("loads a video of another site only when asked", async () => {
    await page.goto(`${app.origin}/articles/bilan-hiver-images`);
    const embed = page.locator('figure.external-embed[data-provider="youtube"]');
    await expect(embed.locator("figcaption a").textContent()).resolves.toBe("Le bilan en vidéo");
    expect(await embed.locator("figcaption a").getAttribute("href")).toBe(
      "https://www.youtube.com/watch?v=aBcDeFgHiJk",
    );
    expect(await page.locator("iframe").count()).toBe(0);
    expect(frameRequests).toEqual([]);
    await embed.getByRole("button", { name: /Lire la vidéo/ }).click();
    const frame = embed.locator("iframe");
    await frame.waitFor();
    expect(await frame.getAttribute("src")).toBe(
      "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1",
    );
    await expect.poll(() => frameRequests.length).toBe(1);
  });

  it("shows galleries and columns side by side, and folds details", async () => {
    const boxes = await page
      .locator(".gallery figure")
      .evaluateAll((figures) =>
        figures
          .map((f) => f.getBoundingClientRect())
          .map((r) => ({ top: Math.round(r.top), left: Math.round(r.left) })),
      );
    expect(boxes).toHaveLength(2);
    expect(boxes[0].top).toBe(boxes[1].top);
    expect(boxes[1].left).toBeGreaterThan(boxes[0].left);
    const columns = await page
      .locator(".wp-block-column")
      .evaluateAll((c) => c.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(columns[0]).toBe(columns[1]);
    const hidden = page.getByText("Normales 1991-2020 de Météo-France.");
    expect(await hidden.isVisible()).toBe(false);
    await page.locator("summary", { hasText: "Méthode de calcul" }).click();
    expect(await hidden.isVisible()).toBe(true);
    expect(await page.locator(".wp-block-button__link").evaluate((a) => getComputedStyle(a).display)).toBe(
      "inline-block",
    );
  });

  it("plays the imported video and sound from the site itself", async () => {
    const video = await page.locator("article video").evaluate(
      (v: HTMLVideoElement) =>
        new Promise<{ src: string; width: number }>((resolve, reject) => {
          const done = () => resolve({ src: v.currentSrc, width: v.videoWidth });
          if (v.readyState >= 1) done();
          v.addEventListener("loadedmetadata", done);
          v.addEventListener("error", () => reject(new Error(`video error ${v.error?.code}`)));
          v.load();
        }),
    );
    expect(video.src).toMatch(new RegExp(`^${app.origin}/api/media/[a-f0-9]{16}/file\\.webm$`));
    expect(video.width).toBe(160);
    const duration = await page.locator("article audio").evaluate(
      (a: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          if (a.readyState >= 1) resolve(a.duration);
          a.addEventListener("loadedmetadata", () => resolve(a.duration));
          a.addEventListener("error", () => reject(new Error(`audio error ${a.error?.code}`)));
          a.load();
        }),
    );
    expect(duration).toBeCloseTo(1, 1);
  });

  it("shows page breaks, and an old paginated address lands on its page", async () => {
    expect(await page.locator(".page-break").textContent()).toBe("Page 2");
    await page.goto(`${app.origin}/2024/03/bilan-hiver-images/2/`);
    expect(page.url()).toBe(`${app.origin}/articles/bilan-hiver-images#page-2`);
    const place = await page
      .locator("#page-2")
      .evaluate((e) => ({ top: e.getBoundingClientRect().top, height: innerHeight, scrolled: scrollY }));
    expect(place.scrolled).toBeGreaterThan(0); // scrolled to the second page, which is on screen
    expect(place.top).toBeGreaterThanOrEqual(0);
    expect(place.top).toBeLessThan(place.height);
    expect(await page.locator("article.article > header").textContent()).toContain("mis à jour le 14 mars 2024");
  });

  it("keeps the old comments read-only under the article, without e-mails", async () => {
    await page.goto(`${app.origin}/articles/videos-episode-9-mars`);
    const archive = page.locator(".comment-archive");
    expect(await archive.locator("h2").textContent()).toContain("Commentaires (2)");
    const marc = archive.locator('[data-comment="71"]');
    expect(await marc.locator(".comment-meta a").textContent()).toBe("Marc & Julie");
    expect(await marc.locator('[data-comment="72"] .comment-body').textContent()).toContain("Merci Marc");
    const text = (await archive.textContent()) ?? "";
    expect(text).not.toMatch(/@|en attente|Achetez/);
    expect(await archive.locator("form, textarea").count()).toBe(0);
    // A post on X and a frame of an unknown site: link cards, no frame.
    const tweet = page.locator('figure.external-embed[data-provider="twitter"] a');
    expect(await tweet.getAttribute("href")).toBe("https://x.com/meteo06/status/1766543210987654321");
    expect(await page.locator('figure[data-provider="twitter"] button').count()).toBe(0);
    expect(await page.getByRole("link", { name: "Contenu externe (embed.windy.com)" }).count()).toBe(1);
  });

  it("pins sticky posts and keeps password-protected ones off the site", async () => {
    await page.goto(`${app.origin}/actualites`);
    expect(await page.locator(".article-card h3").first().textContent()).toContain("Adhérez à l'association");
    const response = await page.goto(`${app.origin}/articles/post-501`);
    expect(response?.status()).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});

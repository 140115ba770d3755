import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeXML } from "entities";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/passwords";
import { importWordpress } from "@/lib/articles/wordpress/import";
import { actionId } from "../helpers/actions";
import { startTestApp, type TestApp } from "../helpers/app";
import { allowPolicyViolations, launchBrowser } from "../helpers/browser";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { signInInBrowser } from "../helpers/session";
import { writeIssue17Uploads } from "../helpers/wordpress";

/**
 * Issue 17 in Chromium: what readers see of an imported WordPress site — click-to-load embeds,
 * galleries, players, page breaks, folding details, columns, the comment archive, old addresses — and
 * what an editor keeps of an imported post by opening it in the back office and saving it.
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let work: string;
const pageErrors: string[] = [];
/** The WordPress exports imported, and the articles each one made. */
const EXPORTS = [
  "issue-17-every-behaviour",
  "wordpress-4.9-classic",
  "wordpress-5.8-gutenberg",
  "wordpress-6.4-blocks",
];
const importedIds = new Map<string, number[]>();
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

// Pictures of posts imported without --fetch-media stay at the old site's address: (www.)meteo06.fr is the
// site's own domain in production (allowed by img-src), another origin in this test.
allowPolicyViolations(/: img-src blocked https?:\/\/(www\.)?meteo06\.fr\//);

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
  // Exports of real WordPress versions too (classic editor, Gutenberg, WordPress 6 blocks), for the editor.
  Object.assign(process.env, env);
  const ids = async () => (await dbs.prisma.article.findMany({ select: { id: true } })).map((a) => a.id);
  importedIds.set(EXPORTS[0], await ids());
  for (const name of EXPORTS.slice(1)) {
    const earlier = new Set(await ids());
    await importWordpress(`test/fixtures/wordpress/${name}.xml`);
    importedIds.set(
      name,
      (await ids()).filter((id) => !earlier.has(id)),
    );
  }
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
    expect(await page.locator("article.article > header").textContent()).toContain(
      "mis à jour le 14 mars 2024",
    );
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

  it("shows an excerpt decoded once: on the page, in its description and in the feed", async () => {
    const excerpt = "Restrictions d'eau & arrosage : ce qui change"; // "d&#039;eau &amp; arrosage" in the export
    await page.goto(`${app.origin}/articles/secheresse-restrictions`);
    expect(await page.locator("article .lead").textContent()).toBe(excerpt);
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toBe(excerpt);
    const rss = await (await fetch(`${app.origin}/flux/rss.xml`)).text();
    const item = rss.split("<item>").find((i) => i.includes("Sécheresse : restrictions")) ?? "";
    expect(decodeXML(/<description>([^<]*)<\/description>/.exec(item)?.[1] ?? "")).toBe(excerpt);
  });

  it("pins sticky posts and keeps password-protected ones off the site", async () => {
    await page.goto(`${app.origin}/actualites`);
    expect(await page.locator(".article-card-title").first().textContent()).toContain(
      "Adhérez à l'association",
    );
    const response = await page.goto(`${app.origin}/articles/post-501`);
    expect(response?.status()).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * HTML as readers see it, to compare a body before and after the editor: elements with all their
 * attributes, and text; only what does not show is made equal — whitespace between blocks and after a
 * line break, the paragraph Tiptap puts in list items and table cells, a table's single body (header
 * cells stay <th>), text between blocks written as a paragraph, and wrappers without attributes
 * (<div>, <span>, <a> without href) that display nothing of their own. Runs in the browser.
 */
function asRendered(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const unwrap = (element: Element) => element.replaceWith(...element.childNodes);
  for (const e of doc.querySelectorAll("div, span, a")) if (e.attributes.length === 0) unwrap(e);
  for (const e of doc.querySelectorAll("figure.wp-block-table"))
    if (!e.querySelector("figcaption")) unwrap(e);
  for (const table of doc.querySelectorAll("table")) {
    const body = doc.createElement("tbody");
    body.append(...table.querySelectorAll("tr"));
    table.replaceChildren(body);
  }
  for (const p of doc.querySelectorAll("li > p:only-child, td > p:only-child, th > p:only-child"))
    if (
      p.attributes.length === 0 &&
      [...p.parentElement!.childNodes].every((n) => n === p || !n.textContent?.trim())
    )
      unwrap(p);
  const BLOCK =
    /^(P|H[1-6]|DIV|FIGURE|FIGCAPTION|UL|OL|LI|DL|DT|DD|BLOCKQUOTE|DETAILS|SUMMARY|TABLE|TBODY|TR|TD|TH|PRE|HR|VIDEO|AUDIO)$/;
  const isBlock = (n: Node | null) => n?.nodeType === 1 && BLOCK.test((n as Element).tagName);
  // Text between blocks (directly in the body, a quote, a cell…): a paragraph of its own.
  for (const container of [
    doc.body,
    ...doc.body.querySelectorAll("blockquote, li, td, th, details, figure"),
  ]) {
    if (![...container.childNodes].some(isBlock)) continue;
    let run: Node[] = [];
    const close = () => {
      if (run.some((n) => n.nodeType === 1 || n.textContent?.trim())) {
        const p = doc.createElement("p");
        container.insertBefore(p, run[0]);
        p.append(...run);
      }
      run = [];
    };
    for (const node of [...container.childNodes]) {
      if (isBlock(node)) close();
      else run.push(node);
    }
    close();
  }
  doc.body.normalize();
  const out: string[] = [];
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      let text = node.textContent ?? "";
      if (!pre) {
        text = text.replace(/\s+/g, " ");
        const before = node.previousSibling;
        const after = node.nextSibling;
        const parentIsBlock = isBlock(node.parentElement) || node.parentElement === doc.body;
        if ((!before && parentIsBlock) || isBlock(before) || before?.nodeName === "BR")
          text = text.replace(/^ /, "");
        if ((!after && parentIsBlock) || isBlock(after)) text = text.replace(/ $/, "");
      }
      if (text) out.push(text);
    } else if (node.nodeType === 1) {
      const element = node as Element;
      const tag = element.tagName.toLowerCase();
      const attributes = [...element.attributes]
        .map((a) => ` ${a.name}="${a.value}"`)
        .sort()
        .join("");
      if (element !== doc.body) out.push(`<${tag}${attributes}>`);
      for (const child of element.childNodes) walk(child, pre || tag === "pre");
      if (element !== doc.body) out.push(`</${tag}>`);
    }
  };
  walk(doc.body, false);
  return out.join("");
}

describe("an imported post in the back office", () => {
  let editor: Page;
  beforeAll(async () => {
    const credentials = { email: "redaction@meteo06.test", password: "une phrase de passe solide" };
    await dbs.prisma.user.create({
      data: {
        email: credentials.email,
        passwordHash: await hashPassword(credentials.password),
        name: "Rédaction",
        role: "EDITOR",
      },
    });
    editor = await context.newPage();
    editor.on("pageerror", (error) => pageErrors.push(error.message));
    await signInInBrowser(editor, app.origin, credentials);
  });

  it("shows the blocks it cannot edit as blocks", async () => {
    await editor.goto(`${app.origin}/admin/articles/${(await bySlug("bilan-hiver-images")).id}`);
    const kept = editor.locator(".editor-content .editor-kept strong");
    await kept.first().waitFor();
    expect(await kept.allTextContents()).toEqual([
      "Galerie de 2 images",
      "Lecteur",
      "Lecteur",
      "Liste de définitions",
      "Bloc repliable",
      "2 colonnes",
      "Boutons",
      "Image",
      "Saut de page",
      "Notes de bas de page",
    ]);
    expect(await editor.locator(".editor-content h5").textContent()).toBe("Températures");
    expect(await editor.locator(".editor-content sup").textContent()).toBe("1");
  });

  it.each(EXPORTS)("keeps every block of %s when its posts are opened and saved", async (name) => {
    const ids = importedIds.get(name)!;
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const before = await dbs.prisma.article.findUniqueOrThrow({ where: { id } });
      await editor.goto(`${app.origin}/admin/articles/${id}`);
      await editor.locator(".editor-content").waitFor();
      if (before.type === "VIGILANCE") {
        // WordPress had no vigilance notice: the editor has to give one (long over) to save the post.
        await editor.getByRole("checkbox", { name: "Orages" }).check();
        await editor.getByRole("checkbox", { name: "Littoral" }).check();
        await editor.locator('input[name="validFrom"]').fill("2024-03-09T06:00");
        await editor.locator('input[name="validUntil"]').fill("2024-03-09T18:00");
      }
      // The editor saves through its server action (not an autosave, which posts to the same page).
      const saveAction = actionId("app/admin/articles/actions.ts", "saveArticleAction");
      // Every save is a revision.
      // Every save is a revision.
      const revisions = () => dbs.prisma.articleRevision.count({ where: { articleId: id, autosave: false } });
      const revisionsBefore = await revisions();
      const saved = editor.waitForResponse((r) => r.request().headers()["next-action"] === saveAction);
      await editor.getByRole("button", { name: "Enregistrer", exact: true }).click();
      expect((await saved).status(), before.slug).toBe(200);
      const refused = editor.locator(".editor-side [role=alert]");
      await expect
        .poll(
          async () =>
            (await refused.count()) > 0 ? await refused.textContent() : (await revisions()) > revisionsBefore,
          { message: `${before.slug} saved`, timeout: 30_000 },
        )
        .toBe(true);
      const after = await dbs.prisma.article.findUniqueOrThrow({ where: { id } });
      const [was, is] = await editor.evaluate(
        ([source, html, saved]) => {
          const render = new Function(`return ${source}`)() as (html: string) => string;
          return [render(html), render(saved)];
        },
        [asRendered.toString(), before.bodyHtml, after.bodyHtml] as const,
      );
      expect(was.length).toBeGreaterThan(before.bodyText.length);
      expect(is, `${before.slug} after the editor`).toBe(was);
    }
    expect(pageErrors).toEqual([]);
  });
});

const bySlug = (slug: string) => dbs.prisma.article.findUniqueOrThrow({ where: { slug } });

import { createHash, randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { forecastCell } from "../helpers/articles";
import { launchBrowser, showMaps } from "../helpers/browser";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { sessionCookie, signInInBrowser } from "../helpers/session";

/**
 * Stored XSS, end to end in Chromium: each vector below is written into every field a user or an import
 * can set and the site shows (station name, short name, commune, description, banner, manager, webcam
 * name, user name, category, tag, media alt and caption, article title, excerpt and body, with forecast
 * and vigilance articles), then every page, map tooltip, feed, share image, widget and admin screen
 * showing them is opened. A vector that runs calls `xss(n)`, which the browser reports here; a vector
 * the Content-Security-Policy had to block fails the test too (test/helpers/browser.ts). Plain text must
 * stay plain text: the map tooltips show the station names as written.
 *
 * Forecast cells are numbers and fixed choices (sky, wind direction): no text of a user reaches them.
 */

const VECTORS = [
  "<img src=x onerror=xss(N)>",
  "<svg onload=xss(N)>",
  "<svg><script>xss(N)</script></svg>",
  "<script>xss(N)</script>",
  '"><img src=x onerror=xss(N)>',
  "'><svg onload=xss(N)>",
  "</script><script>xss(N)</script>",
  "</title><script>xss(N)</script>",
  "</textarea><img src=x onerror=xss(N)>",
  "</style><script>xss(N)</script>",
  "]]><script>xss(N)</script><![CDATA[",
  '<a href="javascript:xss(N)">lien</a>',
  '<a href="&#106;avascript:xss(N)">lien</a>',
  '<a href="jav&#x09;ascript:xss(N)">lien</a>',
  '<a href=" javascript:xss(N)">lien</a>',
  "<IMG SRC=JaVaScRiPt:xss(N)>",
  '<img src=x onerror="&#120;ss(N)">',
  '<iframe src="javascript:xss(N)"></iframe>',
  '<iframe srcdoc="<script>parent.xss(N)</script>"></iframe>',
  '<object data="javascript:xss(N)"></object>',
  '<embed src="javascript:xss(N)">',
  '<form action="javascript:xss(N)"><button>ok</button></form>',
  "<body onload=xss(N)>",
  "<details open ontoggle=xss(N)>",
  "<input autofocus onfocus=xss(N)>",
  "<video><source onerror=xss(N)></video>",
  '<svg><a xlink:href="javascript:xss(N)"><text y="20">x</text></a></svg>',
  "<svg><animate onbegin=xss(N) attributeName=x dur=1s>",
  "<marquee onstart=xss(N)>x</marquee>",
  '<img srcset=",,,x" onerror=xss(N)>',
  "<math><mtext><table><mglyph><style><img src=x onerror=xss(N)>",
  '<noscript><p title="</noscript><img src=x onerror=xss(N)>">',
  "<svg><style><img src=x onerror=xss(N)></style></svg>",
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=xss(N)>",
  '<!--<img src="--><img src=x onerror=xss(N)//">',
  "<scr<script>ipt>xss(N)</script>",
  '<div style="background:url(javascript:xss(N))">css</div>',
  '<style>@import "javascript:xss(N)";</style>',
  '<div style="width:expression(xss(N))">css</div>',
  '<base href="//evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:xss(N)">',
  '<link rel="stylesheet" href="javascript:xss(N)">',
  '"onmouseover="xss(N)" x="',
  "' onfocus='xss(N)' autofocus='",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal is the vector
  "${xss(N)}",
  "`;xss(N);`",
  "\\u003cimg src=x onerror=xss(N)\\u003e",
  "{{constructor.constructor('xss(N)')()}}",
  '<a href="data:text/html,<script>xss(N)</script>">data</a>',
].map((vector, index) => vector.replaceAll("ss(N)", `ss(${index})`));

const TYPES = ["NEWS", "FORECAST", "VIGILANCE"] as const;

interface Written {
  vector: string;
  station: string;
  articleId: number;
  articlePath: string;
  authorId: number;
}

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let visitor: BrowserContext;
let admin: BrowserContext;
const written: Written[] = [];
/** Vector numbers whose script ran, with the page where it did. */
const ran: string[] = [];

/** Writes vector `index` into every field that shows it. */
async function writeEverywhere(vector: string, index: number, editorCookie: string): Promise<Written> {
  const { prisma } = dbs;
  const text = (max: number) => vector.slice(0, max);
  const author = await prisma.user.create({
    data: { email: `xss${index}@meteo06.test`, name: text(120), role: "AUTHOR" },
  });
  const station = await prisma.station.create({
    data: {
      slug: `xss-${index}`,
      name: text(120),
      shortName: text(40),
      commune: text(120),
      latitude: 43.55 + (index % 10) * 0.06,
      longitude: 6.8 + Math.floor(index / 10) * 0.12,
      altitude: 100 + index,
      archiveDatabase: `${dbs.prefix}xss${index}`,
      model: text(120),
      exposure: vector,
      description: vector,
      bannerType: "WARNING",
      bannerTitle: text(200),
      bannerMessage: vector,
      managerName: text(120),
      managerContact: text(200),
    },
  });
  await prisma.webcam.create({
    data: {
      stationId: station.id,
      key: "nord",
      name: text(120),
      tokenHash: createHash("sha256").update(randomBytes(16)).digest("hex"),
    },
  });
  const category = await prisma.category.create({ data: { slug: `xss-${index}`, name: text(191) } });
  const media = await prisma.media.create({
    data: {
      key: `xss${index}${randomBytes(4).toString("hex")}`,
      originalName: "photo.jpg",
      alt: text(500),
      caption: vector,
      width: 1200,
      height: 800,
      bytes: 1000,
      widths: "480,960",
      blurDataUrl: "data:image/png;base64,iVBORw0KGgo=",
      sha256: createHash("sha256").update(`xss-${index}`).digest("hex"),
    },
  });
  const type = TYPES[index % TYPES.length];
  const response = await fetch(`${app.origin}/api/admin/articles`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: app.origin, Cookie: editorCookie },
    body: JSON.stringify({
      type,
      title: vector,
      excerpt: vector,
      bodyHtml: `<p>${vector}</p>${vector}`,
      // The first article has no cover: its share image is drawn from its title.
      coverId: index === 0 ? null : media.id,
      categoryIds: [category.id],
      tags: [text(60).trim() || "xss"],
      status: "PUBLISHED",
      forecast: type === "FORECAST" ? [forecastCell("COAST", "THUNDERSTORM", 20)] : [],
      vigilance:
        type === "VIGILANCE"
          ? {
              level: "ORANGE",
              phenomena: ["orages"],
              zones: ["COAST"],
              validFrom: new Date(Date.now() - 3_600_000).toISOString().slice(0, 16),
              validUntil: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16),
            }
          : null,
    }),
  });
  expect(response.status, `article with vector ${index}: ${await response.clone().text()}`).toBe(201);
  const { id } = (await response.json()) as { id: number };
  const article = await prisma.article.update({ where: { id }, data: { authorId: author.id } });
  return {
    vector,
    station: station.slug,
    articleId: id,
    articlePath: `/articles/${article.slug}`,
    authorId: author.id,
  };
}

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  browser = await launchBrowser();
  const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
  const editorCookie = await sessionCookie(app.origin, editor.email, editor.password);
  for (const [index, vector] of VECTORS.entries())
    written.push(await writeEverywhere(vector, index, editorCookie));

  const watch = async (context: BrowserContext) => {
    await context.exposeBinding("xss", ({ page }, n: number) => {
      ran.push(`vector ${n} (${VECTORS[n]}) ran on ${page.url()}`);
    });
    return context;
  };
  visitor = await watch(await browser.newContext());
  admin = await watch(await browser.newContext());
  const adminPage = await admin.newPage();
  await signInInBrowser(adminPage, app.origin, DEMO_USERS.find((u) => u.role === "ADMIN")!);
  await adminPage.close();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
});

/** Opens `url`, lets its maps show every tooltip, and checks that what was written stayed inert. */
async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  expect(response?.status(), url).toBeLessThan(500);
  const markers = page.locator("path.leaflet-interactive");
  if ((await page.locator(".map").count()) > 0) {
    await showMaps(page, 60_000);
    for (const marker of await markers.all()) await marker.dispatchEvent("mouseover");
  }
  // Nothing written by a user may become a live link, frame, form target, <base> or refresh (React's
  // own formaction placeholder on server-action buttons aside).
  const live = await page.evaluate(() =>
    [...document.querySelectorAll("[href], [src], [action], [formaction], [data], base, meta[http-equiv]")]
      .filter(
        (e) =>
          e.tagName === "BASE" ||
          (e.tagName === "META" && /refresh/i.test(e.getAttribute("http-equiv") ?? "")) ||
          ["href", "src", "action", "formaction", "data", "xlink:href"].some(
            (a) =>
              /^\s*(javascript|data:text\/html)/i.test(e.getAttribute(a) ?? "") &&
              e.getAttribute(a) !== "javascript:throw new Error('React form unexpectedly submitted.')",
          ),
      )
      .map((e) => e.outerHTML.slice(0, 200)),
  );
  expect(live, url).toEqual([]);
}

/** Every screen that shows vector `w`, and the screens that show them all. */
function pagesOf(w: Written): { url: string; asAdmin?: boolean }[] {
  const station = app.stationOrigin(w.station);
  return [
    { url: `${station}/` },
    { url: `${station}/a-propos` },
    { url: `${station}/webcam` },
    { url: `${app.origin}${w.articlePath}` },
    { url: `${app.origin}/auteurs/${w.authorId}` },
    { url: `${app.origin}/articles?categorie=xss-${VECTORS.indexOf(w.vector)}` },
    { url: `${app.origin}/admin/stations/${w.station}`, asAdmin: true },
    { url: `${app.origin}/admin/stations/${w.station}/a-propos`, asAdmin: true },
    { url: `${app.origin}/admin/stations/${w.station}/webcams`, asAdmin: true },
    { url: `${app.origin}/admin/articles/${w.articleId}`, asAdmin: true },
  ];
}

const SHARED_PAGES = [
  "/",
  "/reseau",
  "/foudre",
  "/articles",
  "/articles?page=2",
  "/articles?page=3",
  "/actualites",
  "/previsions",
  "/vigilances",
  "/recherche?q=xss",
  "/flux/rss.xml",
  "/flux/atom.xml",
  "/sitemap.xml",
];
const SHARED_ADMIN_PAGES = [
  "/admin",
  "/admin/stations",
  "/admin/articles",
  "/admin/utilisateurs",
  "/admin/medias",
  "/admin/categories",
];

/** Opens every screen with a few visitor and admin pages at once (the machine may be busy: no short timeouts). */
async function openAll(screens: { url: string; asAdmin?: boolean }[], width = 3): Promise<void> {
  const queue = [...screens];
  await Promise.all(
    Array.from({ length: width }, async () => {
      const pages = { visitor: await visitor.newPage(), admin: await admin.newPage() };
      for (let screen = queue.shift(); screen; screen = queue.shift()) {
        await open(screen.asAdmin ? pages.admin : pages.visitor, screen.url);
      }
      await pages.visitor.close();
      await pages.admin.close();
    }),
  );
}

describe("stored XSS", () => {
  it(`${VECTORS.length} vectors in every field stay inert on every screen that shows them`, async () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
    const screens = [
      ...SHARED_PAGES.map((path) => ({ url: `${app.origin}${path}` })),
      ...SHARED_ADMIN_PAGES.map((path) => ({ url: `${app.origin}${path}`, asAdmin: true })),
      ...written.flatMap(pagesOf),
    ];
    await openAll(screens);
    expect(ran).toEqual([]);
  }, 1_800_000);

  it("shows station names as written in the map tooltips", async () => {
    const page = await visitor.newPage();
    await open(page, `${app.origin}/reseau`);
    const tooltips = await page.locator(".leaflet-tooltip").allTextContents();
    // "<name> : <temperature>", the name exactly as written.
    for (const { vector } of written) {
      expect(
        tooltips.filter((t) => t.startsWith(`${vector.slice(0, 120)} : `)),
        vector,
      ).toHaveLength(1);
    }
    expect(ran).toEqual([]);
  }, 300_000);

  it("keeps share images, the widget and the feeds working with every vector", async () => {
    const page = await visitor.newPage();
    // An article without a cover advertises the share image drawn from its title.
    const uncovered = await (await fetch(`${app.origin}${written[0].articlePath}`)).text();
    expect(/<meta property="og:image" content="([^"]+)"/.exec(uncovered)?.[1]).toBe(
      `${app.origin}${written[0].articlePath}/image-partage`,
    );
    for (const w of written) {
      const widget = await page.goto(`${app.stationOrigin(w.station)}/widget.png`, { timeout: 120_000 });
      expect(widget?.headers()["content-type"], w.station).toMatch(/^image\/png|^text\/plain/);
      // The share image drawn from the title (what an article without a cover advertises).
      const share = await fetch(`${app.origin}${w.articlePath}/image-partage`);
      expect(share.status, w.articlePath).toBe(200);
      expect(share.headers.get("content-type")).toBe("image/png");
    }
    for (const feed of ["/flux/rss.xml", "/flux/atom.xml"]) {
      const xml = await (await fetch(`${app.origin}${feed}`)).text();
      // Titles are XML text and bodies sanitised HTML: no script, no event handler in either.
      expect(xml, feed).not.toMatch(/<script\b|<[a-z]+[^>]*\son[a-z]+=/i);
    }
    expect(ran).toEqual([]);
  }, 1_200_000);
});

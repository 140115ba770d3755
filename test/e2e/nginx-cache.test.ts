import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { freePort, startTestApp, type TestApp } from "../helpers/app";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { httpRequest } from "../helpers/http";
import { type RunningNginx, startNginx } from "../helpers/nginx";
import { sessionCookie } from "../helpers/session";

/**
 * The production nginx site (deploy/nginx, rendered as install.sh does, HTTPS) in front of the built
 * app: what its micro-cache serves to anonymous and signed-in visitors, how soon a published or
 * unpublished article shows through it, and which uploads it lets through.
 */

const DOMAIN = "meteo06.localhost";
const STATION = DEMO_STATIONS[0];
const [ADMIN, EDITOR] = DEMO_USERS;
let dbs: TestDatabases;
let app: TestApp;
let nginx: RunningNginx;
let admin: string;
let editor: string;

beforeAll(async () => {
  dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays: 2,
    stations: [STATION],
    archivePrefix: dbs.prefix,
  });
  const httpsPort = await freePort();
  // The app believes it is served at https://meteo06.localhost:<port>, as behind nginx in production.
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, SITE_URL: `https://${DOMAIN}:${httpsPort}` }, DOMAIN);
  nginx = await startNginx({ appPort: app.port, domain: DOMAIN, httpsPort });
  const direct = `http://127.0.0.1:${app.port}`;
  admin = await sessionCookie(direct, ADMIN.email, ADMIN.password);
  editor = await sessionCookie(direct, EDITOR.email, EDITOR.password);
}, 180_000);
afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
  await dbs?.drop();
});

interface Visit {
  status: number;
  cache: string | undefined;
  cacheControl: string;
  body: string;
}

async function visit(
  pathname: string,
  {
    sub,
    cookie,
    method = "GET",
    body,
  }: { sub?: string; cookie?: string; method?: string; body?: string } = {},
): Promise<Visit> {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  // nginx passes the Host without its port (443 in production), which the app's CSRF check compares
  // with the Origin: here the origin of that host.
  if (body) Object.assign(headers, { "Content-Type": "application/json", Origin: `https://${DOMAIN}` });
  const answer = await httpRequest(nginx.url(pathname, sub), { method, headers, body, ca: nginx.ca });
  return {
    status: answer.status,
    cache: answer.headers["x-cache-status"] as string | undefined,
    cacheControl: String(answer.headers["cache-control"] ?? ""),
    body: answer.text(),
  };
}

/** The page's content without what changes on every render (script hashes, build ids, nonces). */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

/** Polls until `check` holds (every 2 s), failing after `seconds`; returns how long it took. */
async function within(seconds: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return (Date.now() - started) / 1000;
    if (Date.now() - started > seconds * 1000) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

describe("nginx micro-cache in front of the app", () => {
  it("serves a station's home to anonymous visitors from the cache, as the app allows", async () => {
    const first = await visit("/", { sub: STATION.slug });
    expect(first.status).toBe(200);
    expect(first.body).toContain(STATION.name);
    expect(first.cacheControl).toMatch(/s-maxage=\d+/);
    expect(first.cache).toMatch(/^(MISS|EXPIRED|HIT)$/);
    const second = await visit("/", { sub: STATION.slug });
    expect(second.cache).toBe("HIT");
    expect(second.body).toBe(first.body);
  });

  it("keeps the apex home when the app marks it public, and only then", async () => {
    const first = await visit("/");
    expect(first.status).toBe(200);
    const second = await visit("/");
    expect(second.cache).toBe(/s-maxage=/.test(first.cacheControl) ? "HIT" : "MISS");
  });

  it("never serves a signed-in visitor the anonymous copy, nor anyone else a signed-in answer", async () => {
    const anonymous = await visit("/", { sub: STATION.slug });
    expect((await visit("/", { sub: STATION.slug })).cache).toBe("HIT");
    // Signed in: the app answers (the apex, where the session cookie is sent).
    const signedIn = await visit("/", { cookie: admin });
    expect(signedIn.cache).toBe("BYPASS");
    // The back office: each editor sees their own page, never another's, never a kept copy.
    for (const [cookie, user, other] of [
      [admin, ADMIN, EDITOR],
      [editor, EDITOR, ADMIN],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const page = await visit("/admin", { cookie });
        expect(page.cache).toBe("BYPASS");
        expect(page.status).toBe(200);
        expect(page.body).toContain(user.name);
        expect(page.body).not.toContain(other.name);
      }
    }
    const outsider = await visit("/admin");
    expect(outsider.cache).toBe("BYPASS");
    expect(outsider.body).not.toContain(ADMIN.name);
    expect(outsider.body).not.toContain(EDITOR.name);
    // A page first asked for by a signed-in visitor is not kept for the next, anonymous, one.
    const path = "/?premiere-visite=connecte";
    expect((await visit(path, { sub: STATION.slug, cookie: admin })).cache).toBe("BYPASS");
    expect((await visit(path, { sub: STATION.slug })).cache).toBe("MISS");
    // And the anonymous copy is still the one anonymous visitors had.
    const again = await visit("/", { sub: STATION.slug });
    expect(again.cache).toBe("HIT");
    expect(again.body).toBe(anonymous.body);
  });

  it("lets POSTs, the back office, sign-in and client navigations reach the app", async () => {
    for (const pathname of ["/connexion", "/api/auth/csrf", "/api/auth/session", "/api/admin/media"]) {
      await visit(pathname);
      expect((await visit(pathname)).cache, pathname).toBe("BYPASS");
    }
    const csrf = await httpRequest(nginx.url("/api/auth/csrf"), { ca: nginx.ca });
    expect(csrf.headers["set-cookie"]?.join()).toContain("authjs.csrf-token");
    const posted = await visit("/api/admin/articles", { method: "POST", cookie: editor, body: "{}" });
    expect(posted.cache).toBeUndefined();
    expect(posted.status).toBe(422);
    // React Server Component requests (client navigations) reach the app and never take the page's
    // place, whether they carry the _rsc query or not (Next then redirects to add it).
    const rscPath = "/?navigation=rsc";
    for (const pathname of [rscPath, `${rscPath}&_rsc=1x2y3`]) {
      const rsc = await httpRequest(nginx.url(pathname, STATION.slug), {
        headers: { RSC: "1" },
        ca: nginx.ca,
      });
      expect(rsc.headers["x-cache-status"], pathname).toBe("BYPASS");
      expect(rsc.text(), pathname).not.toMatch(/^<!DOCTYPE html>/i);
    }
    const page = await visit(rscPath, { sub: STATION.slug });
    expect(page.cache).toBe("MISS");
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/^<!DOCTYPE html>/i);
    // A page that does not exist is not kept.
    const missing = await visit("/stations-inconnues", { sub: STATION.slug });
    expect(missing.status).toBe(404);
    expect((await visit("/stations-inconnues", { sub: STATION.slug })).cache).not.toBe("HIT");
  });

  it("shows a published article within a minute, and an unpublished one is gone within a minute", async () => {
    const title = `Coup de mistral ${Date.now()}`;
    const draft = { type: "NEWS", title, bodyHtml: "<p>Rafales à 90 km/h.</p>" };
    // Visitors have the home page and the article list in the cache before it is published.
    await visit("/");
    await visit("/articles");
    const created = await visit("/api/admin/articles", {
      method: "POST",
      cookie: editor,
      body: JSON.stringify({ ...draft, status: "PUBLISHED" }),
    });
    expect(created.status).toBe(201);
    const { id, slug } = JSON.parse(created.body) as { id: number; slug: string };
    const shown = await within(60, "published article on the home page", async () =>
      text((await visit("/")).body).includes(title),
    );
    await within(
      60,
      "the published article's page",
      async () => (await visit(`/articles/${slug}`)).status === 200,
    );
    // The article's page as visitors have it now (kept, if the app allows).
    await visit(`/articles/${slug}`);
    const article = await visit(`/articles/${slug}`);
    expect(text(article.body)).toContain(title);

    const unpublished = await visit(`/api/admin/articles/${id}`, {
      method: "PUT",
      cookie: editor,
      body: JSON.stringify({ ...draft, status: "DRAFT" }),
    });
    expect(unpublished.status).toBe(200);
    const gone = await within(60, "unpublished article's page gone", async () => {
      const page = await visit(`/articles/${slug}`);
      return page.status === 404 && !text(page.body).includes(title);
    });
    await within(
      60,
      "unpublished article off the home page",
      async () => !text((await visit("/")).body).includes(title),
    );
    // A second look: not a stale copy coming back.
    expect((await visit(`/articles/${slug}`)).status).toBe(404);
    console.log(`through nginx: published article shown after ${shown} s, unpublished gone after ${gone} s`);
  }, 180_000);
});

describe("uploads through nginx", () => {
  /** An editor's upload of `bytes` (not an image) to the media library, through nginx. */
  async function upload(bytes: number) {
    const head = Buffer.from(
      '--limite\r\nContent-Disposition: form-data; name="alt"\r\n\r\nLe port de Nice\r\n' +
        '--limite\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n' +
        "Content-Type: image/jpeg\r\n\r\n",
    );
    const body = Buffer.concat([head, Buffer.alloc(bytes, 0x61), Buffer.from("\r\n--limite--\r\n")]);
    const answer = await httpRequest(nginx.url("/api/admin/media"), {
      method: "POST",
      headers: {
        Cookie: editor,
        Origin: `https://${DOMAIN}`,
        "Content-Type": "multipart/form-data; boundary=limite",
      },
      body,
      ca: nginx.ca,
    });
    return { status: answer.status, error: (JSON.parse(answer.text()) as { error: string }).error };
  }

  it("lets a file of the app's whole 20 MB limit reach the app, which judges it", async () => {
    const answer = await upload(20 * 1024 * 1024);
    expect(answer).toEqual({
      status: 415,
      error: "Ce fichier n'est pas une image reconnue (JPEG, PNG, WebP, AVIF, GIF, TIFF, HEIC ou SVG).",
    });
  });

  it("refuses a far larger one itself, in JSON and in French as the app would", async () => {
    expect(await upload(26 * 1024 * 1024)).toEqual({
      status: 413,
      error: "Envoi trop lourd : 25 Mo au plus.",
    });
  });
});

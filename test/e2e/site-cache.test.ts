import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { runCli } from "../helpers/cli";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session";

/**
 * The apex site's full-route cache, end to end: anonymous visitors get pages a shared cache (nginx)
 * may keep, edits show at once, what goes live or expires on a clock shows once `meteo site refresh`
 * (the every-minute job) has run, and the back office is never cached.
 */

const AUTH_SECRET = "test-secret-not-for-production";
let dbs: TestDatabases;
let app: TestApp;
let editor: string;
const user = (role: string) => DEMO_USERS.find((u) => u.role === role && !("stations" in u))!;

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, AUTH_SECRET });
  editor = await sessionCookie(app.origin, user("EDITOR").email, user("EDITOR").password);
  await runRefreshJob(); // its first run looks back an hour; the test's runs look back to this one
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
});

const page = (path: string, cookie?: string) =>
  httpGet(`${app.origin}${path}`, cookie ? { Cookie: cookie } : {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeArticle(body: Record<string, unknown>, id?: number) {
  return fetch(`${app.origin}/api/admin/articles${id ? `/${id}` : ""}`, {
    method: id ? "PUT" : "POST",
    headers: { "Content-Type": "application/json", Origin: app.origin, Cookie: editor },
    body: JSON.stringify({ type: "NEWS", excerpt: "", bodyHtml: "<p>Texte</p>", ...body }),
  });
}

async function createArticle(body: Record<string, unknown>): Promise<number> {
  const response = await writeArticle(body);
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** The every-minute job, as systemd runs it: the CLI, reaching the app over HTTP. */
async function runRefreshJob(): Promise<string> {
  const result = await runCli(["site", "refresh"], {
    DATABASE_URL: dbs.appUrl,
    SITE_URL: app.origin,
    AUTH_SECRET,
  });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe("anonymous visitors", () => {
  it("get apex pages a shared cache may keep, without a cookie, served from the app's cache", async () => {
    await createArticle({ title: "Bulletin du matin", status: "PUBLISHED" });
    for (const path of [
      "/",
      "/articles/bulletin-du-matin",
      "/actualites",
      "/articles",
      "/recherche",
      "/reseau",
      "/climatologie",
      "/flux/rss.xml",
      "/flux/actualites/atom.xml",
    ]) {
      const first = await page(path);
      expect([path, first.status]).toEqual([path, 200]);
      expect([path, first.headers["cache-control"]]).toEqual([
        path,
        expect.stringMatching(/^public, s-maxage=\d+$/),
      ]);
      expect([path, first.headers["set-cookie"]]).toEqual([path, undefined]);
      const again = await page(path);
      expect([path, again.headers["x-nextjs-cache"]]).toEqual([path, "HIT"]);
      expect(again.text()).toBe(first.text());
    }
  });

  it("are sent from a station's /jour to today's page with one Location, rendered and cached, kept by shared caches", async () => {
    for (const attempt of [1, 2]) {
      const answer = await httpGet(`${app.stationOrigin(DEMO_STATIONS[0].slug)}/jour`);
      expect(answer.status, `visit ${attempt}`).toBeGreaterThanOrEqual(300);
      expect(answer.status, `visit ${attempt}`).toBeLessThan(400);
      const locations = answer.rawHeaders.filter(
        (_, i) => i % 2 === 0 && /^location$/i.test(answer.rawHeaders[i]),
      );
      expect(locations, `visit ${attempt}`).toHaveLength(1);
      expect(answer.headers.location).toMatch(/\/jour\/\d{4}-\d\d-\d\d$/);
      expect(answer.headers["cache-control"], `visit ${attempt}`).toMatch(/^public, s-maxage=\d+$/);
    }
  });

  it("still get a section's filters, a search and another month, each from its query", async () => {
    const filtered = await page("/articles?etiquette=neige");
    expect(filtered.status).toBe(200);
    expect(filtered.text()).toContain("étiquette « <!-- -->neige<!-- --> »");
    expect((await page("/articles")).text()).not.toContain("étiquette");
    const search = await page("/recherche?q=pluie");
    expect(search.text()).toMatch(/data-results="\d+"/);
    expect(search.headers["cache-control"]).toMatch(/no-store/);
    const month = await page("/climatologie?mois=2020-01");
    expect(month.text()).toMatch(/<h1>Climatologie du réseau — (<!-- -->)?janvier 2020<\/h1>/);
    expect((await page("/climatologie")).text()).not.toContain("janvier 2020");
  });
});

describe("changes", () => {
  it("show a published article on the home page and its own page at once, and remove it when unpublished", async () => {
    expect((await page("/")).text()).not.toContain("Tempête annoncée sur le littoral");
    expect((await page("/articles/tempete-annoncee-sur-le-littoral")).status).toBe(404);
    const id = await createArticle({ title: "Tempête annoncée sur le littoral", status: "PUBLISHED" });
    expect((await page("/")).text()).toContain("Tempête annoncée sur le littoral");
    const own = await page("/articles/tempete-annoncee-sur-le-littoral");
    expect(own.status).toBe(200);
    expect((await page("/flux/rss.xml")).text()).toContain("Tempête annoncée sur le littoral");

    const back = await writeArticle({ title: "Tempête annoncée sur le littoral", status: "DRAFT" }, id);
    expect(back.status).toBe(200);
    expect((await page("/articles/tempete-annoncee-sur-le-littoral")).status).toBe(404);
    expect((await page("/")).text()).not.toContain("Tempête annoncée sur le littoral");
    expect((await page("/flux/rss.xml")).text()).not.toContain("Tempête annoncée sur le littoral");
  });

  it("publish a scheduled article and drop an expired vigilance notice once the job runs", async () => {
    const due = Date.now() + 20_000; // room for the steps below on a busy machine
    await createArticle({
      title: "Neige attendue en montagne",
      status: "SCHEDULED",
      publishedAt: new Date(due).toISOString(),
    });
    await createArticle({
      type: "VIGILANCE",
      title: "Vigilance rouge vent",
      status: "PUBLISHED",
      vigilance: {
        level: "RED",
        phenomena: ["vent-violent"],
        zones: ["COAST"],
        validFrom: new Date(Date.now() - 3_600_000).toISOString(),
        validUntil: new Date(due).toISOString(),
      },
    });
    const home = await page("/");
    expect(home.text()).not.toContain("Neige attendue en montagne");
    expect(home.text()).toContain('data-vigilance="RED"');
    expect((await page("/articles/neige-attendue-en-montagne")).status).toBe(404);

    await sleep(Math.max(0, due - Date.now() + 1_000));
    // The cached pages were rendered before: they stay as they were until the job says otherwise.
    expect((await page("/")).text()).toContain('data-vigilance="RED"');
    expect((await page("/articles/neige-attendue-en-montagne")).status).toBe(404);

    expect(await runRefreshJob()).toContain("pages refreshed");
    const after = await page("/");
    expect(after.text()).toContain("Neige attendue en montagne");
    expect(after.text()).not.toContain('data-vigilance="RED"');
    expect((await page("/articles/neige-attendue-en-montagne")).status).toBe(200);
    expect((await page("/vigilances")).text()).not.toContain('data-vigilance="RED"');
    // The next run has nothing left to do.
    expect(await runRefreshJob()).toContain("nothing went live or expired");
  }, 180_000); // waits for the due time and runs the job three times (tsx starts each)

  it("refuses a revalidation without the token derived from AUTH_SECRET", async () => {
    for (const authorization of [undefined, "Bearer forged"]) {
      const response = await fetch(`${app.origin}/api/revalidation`, {
        method: "POST",
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(403);
    }
  });
});

describe("signed-in users", () => {
  it("get the same public pages as anyone, and their own back office, never cached", async () => {
    const admin = await sessionCookie(app.origin, user("ADMIN").email, user("ADMIN").password);
    const anonymous = await page("/");
    for (const cookie of [editor, admin]) {
      const home = await page("/", cookie);
      expect(home.text()).toBe(anonymous.text());
      expect(home.headers["set-cookie"]).toBeUndefined();
    }
    for (const [cookie, mine, theirs] of [
      [editor, user("EDITOR").name, user("ADMIN").name],
      [admin, user("ADMIN").name, user("EDITOR").name],
    ]) {
      for (const path of ["/admin", "/admin/articles"]) {
        const office = await page(path, cookie);
        expect([path, office.status]).toEqual([path, 200]);
        expect(office.headers["cache-control"]).toMatch(/^private, no-cache, no-store/);
        expect(office.text()).toContain(mine);
        expect(office.text()).not.toContain(`${theirs} </span>`);
      }
    }
    const signIn = await page("/connexion");
    expect(signIn.headers["cache-control"]).toMatch(/no-store/);
  });
});

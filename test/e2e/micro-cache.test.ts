import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { REPLAY_HEADER, TTL_MS } from "@/lib/http/micro-cache";
import { startTestApp, type TestApp } from "../helpers/app";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { type HttpResult, httpRequest } from "../helpers/http";
import { sessionCookie } from "../helpers/session";

/**
 * The app's own micro-cache (lib/http/micro-cache.ts) on the built app: which repeat requests it answers
 * before Next, that its answer is Next's, and that an edit or a signed-in visitor never sees an old or
 * foreign page.
 */

let dbs: TestDatabases;
let app: TestApp;
let editor: string;
let admin: string;
const user = (role: string) => DEMO_USERS.find((u) => u.role === role && !("stations" in u))!;
const [STATION, OTHER] = DEMO_STATIONS;

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  app = await startTestApp({ DATABASE_URL: dbs.appUrl });
  editor = await sessionCookie(app.origin, user("EDITOR").email, user("EDITOR").password);
  admin = await sessionCookie(app.origin, user("ADMIN").email, user("ADMIN").password);
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
});

const get = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  httpRequest(url, { method, headers });
const replayed = (answer: HttpResult) => answer.headers[REPLAY_HEADER] === "HIT";
/** Every entry of the cache has expired. */
const expire = () => new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));

/** Headers as sent, but those that differ by nature between an answer and its replay. */
function headersOf(answer: HttpResult): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i].toLowerCase();
    const framing = ["connection", "keep-alive", "transfer-encoding", "content-length"];
    if (![...framing, "date", REPLAY_HEADER, "x-nextjs-cache"].includes(name))
      pairs.push([name, answer.rawHeaders[i + 1]]);
  }
  return pairs.sort(([a], [b]) => a.localeCompare(b));
}

describe("a repeat anonymous visit", () => {
  it("is answered from memory with Next's answer: status, headers, policy and bytes", async () => {
    await expire();
    for (const url of [
      `${app.stationOrigin(STATION.slug)}/`,
      `${app.origin}/`,
      `${app.origin}/flux/rss.xml`,
    ]) {
      const first = await get(url);
      expect([url, first.status, replayed(first)]).toEqual([url, 200, false]);
      const again = await get(url);
      expect([url, replayed(again)]).toEqual([url, true]);
      expect(again.status).toBe(200);
      expect(again.body.equals(first.body), url).toBe(true);
      expect(headersOf(again)).toEqual(headersOf(first));
      expect(again.headers["content-length"]).toBe(String(first.body.length));
      expect(again.headers["x-nextjs-cache"]).toBe("HIT");
      expect(Date.parse(String(again.headers.date))).toBeGreaterThan(0);
    }
    const page = await get(`${app.origin}/`);
    expect(page.headers["content-security-policy"]).toMatch(/script-src [^;]*'sha256-/);
  });

  it("to a HEAD gets the headers alone, and to a known ETag a 304", async () => {
    const url = `${app.stationOrigin(STATION.slug)}/a-propos`;
    const page = await get(url);
    const head = await get(url, {}, "HEAD");
    expect(replayed(head)).toBe(true);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(page.body.length));
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const unchanged = await get(url, { "If-None-Match": `W/${etag}` });
    expect([unchanged.status, replayed(unchanged), unchanged.body.length]).toEqual([304, true, 0]);
    expect(unchanged.headers.etag).toBe(etag);
    expect(unchanged.headers["content-security-policy"]).toBe(page.headers["content-security-policy"]);
    const changed = await get(url, { "If-None-Match": '"an-older-copy"' });
    expect([changed.status, replayed(changed)]).toEqual([200, true]);
    expect(changed.body.equals(page.body)).toBe(true);
  });

  it("never mixes hosts nor queries", async () => {
    const station = (slug: string) => get(`${app.stationOrigin(slug)}/a-propos`);
    await station(STATION.slug);
    await station(OTHER.slug);
    const [one, other] = [await station(STATION.slug), await station(OTHER.slug)];
    expect([replayed(one), replayed(other)]).toEqual([true, true]);
    const title = (answer: HttpResult) => /<title>([^<]*)<\/title>/.exec(answer.text())?.[1];
    expect(title(one)).toContain(STATION.name);
    expect(title(other)).toContain(OTHER.name);

    const month = `${app.origin}/climatologie?mois=2020-01`;
    await get(month);
    await get(`${app.origin}/climatologie`);
    const [january, latest] = [await get(month), await get(`${app.origin}/climatologie`)];
    expect([replayed(january), replayed(latest)]).toEqual([true, true]);
    expect(january.text()).toMatch(/janvier 2020/);
    expect(latest.text()).not.toMatch(/janvier 2020/);
  });

  it("of a client navigation (RSC payload) goes to Next, and its payload is never served as a page", async () => {
    const url = `${app.stationOrigin(STATION.slug)}/a-propos`;
    await expire();
    // Next answers a payload request whose _rsc does not match its headers with a redirect to the one that does.
    const asked = await get(`${url}?_rsc=abc`, { RSC: "1" });
    expect([asked.status, replayed(asked)]).toEqual([307, false]);
    const rsc = new URL(String(asked.headers.location), url).href;
    for (const attempt of [1, 2]) {
      const payload = await get(rsc, { RSC: "1" });
      expect([attempt, payload.status, replayed(payload)]).toEqual([attempt, 200, false]);
      expect(payload.headers["content-type"]).toMatch(/text\/x-component/);
      expect(replayed(await get(url, { RSC: "1" }))).toBe(false);
      expect(replayed(await get(rsc))).toBe(false);
    }
    await get(url);
    const page = await get(url);
    expect(replayed(page)).toBe(true);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
  });
});

describe("signed-in visitors", () => {
  it("never get a kept page, nor leave one for others, and see only their own back office", async () => {
    await expire();
    for (const cookie of [editor, editor]) {
      const home = await get(`${app.origin}/`, { Cookie: cookie });
      expect([home.status, replayed(home)]).toEqual([200, false]);
    }
    expect(replayed(await get(`${app.origin}/`))).toBe(false); // the editor's visits stored nothing
    expect(replayed(await get(`${app.origin}/`, { Cookie: editor }))).toBe(false); // nor is anyone's served
    for (const [cookie, mine, theirs] of [
      [editor, user("EDITOR").name, user("ADMIN").name],
      [admin, user("ADMIN").name, user("EDITOR").name],
      [editor, user("EDITOR").name, user("ADMIN").name],
    ]) {
      const office = await get(`${app.origin}/admin`, { Cookie: cookie });
      expect([office.status, replayed(office)]).toEqual([200, false]);
      expect(office.text()).toContain(mine);
      expect(office.text()).not.toContain(`${theirs} </span>`);
    }
    const signIn = [await get(`${app.origin}/connexion`), await get(`${app.origin}/connexion`)];
    expect(signIn.map(replayed)).toEqual([false, false]);
  });
});

describe("an edit", () => {
  it("empties the cache when it ends: a published article shows on the next visit", async () => {
    const home = `${app.origin}/`;
    await get(home);
    expect(replayed(await get(home))).toBe(true);
    const response = await fetch(`${app.origin}/api/admin/articles`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: app.origin, Cookie: editor },
      body: JSON.stringify({
        type: "NEWS",
        title: "Grêle sur le Var",
        status: "PUBLISHED",
        excerpt: "",
        bodyHtml: "<p>Texte</p>",
      }),
    });
    expect(response.status, await response.text()).toBe(201);
    const after = await get(home);
    expect(replayed(after)).toBe(false);
    expect(after.text()).toContain("Grêle sur le Var");
  });
});

import { describe, expect, it } from "vitest";
import { type Entry, isStorable, lookupKey, MicroCache, TTL_MS } from "@/lib/http/micro-cache";

/** What the app's micro-cache may serve and keep (lib/http/micro-cache.ts), and how it forgets. */

const anonymous = { host: "meteo06.fr", accept: "text/html" };

describe("lookupKey", () => {
  it("keys an anonymous GET or HEAD by host and full address", () => {
    expect(lookupKey("GET", "/articles?page=2", anonymous)).toBe("meteo06.fr /articles?page=2");
    expect(lookupKey("HEAD", "/", { host: "colmiane.meteo06.fr" })).toBe("colmiane.meteo06.fr /");
    expect(lookupKey("GET", "/", { host: "a.meteo06.fr" })).not.toBe(
      lookupKey("GET", "/", { host: "b.meteo06.fr" }),
    );
    expect(lookupKey("GET", "//articles", { host: "meteo06.fr" })).not.toBe(
      lookupKey("GET", "/articles", { host: "meteo06.fr/" }),
    );
    expect(lookupKey("GET", "/?a=1", anonymous)).not.toBe(lookupKey("GET", "/?a=2", anonymous));
  });

  it("lets every other request through to Next", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", undefined])
      expect(lookupKey(method, "/", anonymous), method).toBeUndefined();
    for (const extra of [
      { cookie: "meteo06.session=x" },
      { cookie: "anything=1" },
      { authorization: "Bearer x" },
      { rsc: "1" },
      { "next-router-state-tree": "%5B%5D" },
      { "next-router-prefetch": "1" },
      { "next-action": "abc" },
      { "next-url": "/" },
      { "x-middleware-subrequest": "proxy" },
    ])
      expect(lookupKey("GET", "/", { ...anonymous, ...extra }), JSON.stringify(extra)).toBeUndefined();
    for (const url of [
      "/admin",
      "/admin/articles",
      "/api/admin/media",
      "/api/auth/session",
      "/connexion",
      "/?_rsc=abc",
      "/jour?x=1&_rsc=1",
      "*",
    ])
      expect(lookupKey("GET", url, anonymous), url).toBeUndefined();
    expect(lookupKey("GET", "/administration-du-reseau", anonymous)).toBeDefined();
    expect(lookupKey("GET", "/?not_rsc=1", anonymous)).toBeDefined();
  });
});

describe("isStorable", () => {
  const page = { "cache-control": "public, s-maxage=60", "content-type": "text/html; charset=utf-8" };

  it("keeps a 200 a shared cache may keep", () => {
    expect(isStorable(200, page)).toBe(true);
    expect(isStorable(200, { ...page, vary: "rsc, next-router-state-tree, next-router-prefetch" })).toBe(
      true,
    );
  });

  it("refuses anything else", () => {
    expect(isStorable(304, page)).toBe(false);
    expect(isStorable(404, page)).toBe(false);
    expect(isStorable(308, page)).toBe(false);
    expect(isStorable(200, { ...page, "set-cookie": ["a=1"] })).toBe(false);
    for (const cacheControl of [
      undefined,
      "public, max-age=60",
      "public, s-maxage=0",
      "private, s-maxage=60",
      "s-maxage=60, no-store",
      "no-cache, s-maxage=60",
      "private, no-cache, no-store, max-age=0, must-revalidate",
    ])
      expect(isStorable(200, { ...page, "cache-control": cacheControl }), cacheControl).toBe(false);
    expect(isStorable(200, { ...page, vary: "accept-language" })).toBe(false);
    expect(isStorable(200, { ...page, vary: "*" })).toBe(false);
  });
});

describe("MicroCache", () => {
  const entry = (bytes: number, expires: number): Entry => ({
    headers: [],
    etag: undefined,
    body: Buffer.alloc(bytes),
    expires,
  });

  it("forgets an entry when it expires and everything when emptied", () => {
    const cache = new MicroCache();
    cache.set("a", entry(10, 1000 + TTL_MS), 1000);
    expect(cache.get("a", 1000 + TTL_MS - 1)).toBeDefined();
    expect(cache.get("a", 1000 + TTL_MS)).toBeUndefined();
    cache.set("b", entry(10, 5000), 1000);
    const generation = cache.generation;
    cache.clear();
    expect(cache.get("b", 1000)).toBeUndefined();
    expect(cache.generation).toBe(generation + 1);
  });

  it("stays within its byte budget, oldest out first, and keeps no oversized answer", () => {
    const cache = new MicroCache();
    const mb = 1024 * 1024;
    for (let i = 0; i < 9; i++) cache.set(`page${i}`, entry(mb, 5000), 1000);
    expect(cache.get("page0", 1000)).toBeUndefined();
    for (let i = 1; i < 9; i++) expect(cache.get(`page${i}`, 1000), `page${i}`).toBeDefined();
    cache.set("big", entry(mb + 1, 5000), 1000);
    expect(cache.get("big", 1000)).toBeUndefined();
    expect(cache.get("page1", 1000)).toBeDefined();
  });
});

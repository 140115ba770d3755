import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER, parseTrustedProxies } from "@/lib/http/client-address";
import {
  apexVariant,
  dayPickerTarget,
  hostName,
  isBackOfficePath,
  isGlobalPath,
  resolveHost,
  sitePath,
  stationUrl,
} from "@/lib/http/hosts";

describe("host routing", () => {
  it("serves the apex and www as the main site", () => {
    expect(resolveHost("meteo06.fr", "meteo06.fr")).toEqual({ kind: "apex" });
    expect(resolveHost("WWW.Meteo06.fr:443", "meteo06.fr")).toEqual({ kind: "apex" });
    expect(resolveHost("localhost:3000", "localhost")).toEqual({ kind: "apex" });
    expect(resolveHost(null, "meteo06.fr")).toEqual({ kind: "apex" });
    expect(resolveHost("127.0.0.1:3000", "meteo06.fr")).toEqual({ kind: "apex" });
  });

  it("maps a sub-domain to its station", () => {
    expect(resolveHost("nice-pessicart.meteo06.fr", "meteo06.fr")).toEqual({
      kind: "station",
      slug: "nice-pessicart",
    });
    expect(resolveHost("la-colmiane.localhost:3000", "localhost")).toEqual({
      kind: "station",
      slug: "la-colmiane",
    });
  });

  it("refuses nested, reserved and malformed sub-domains", () => {
    expect(resolveHost("a.b.meteo06.fr", "meteo06.fr")).toEqual({ kind: "invalid" });
    expect(resolveHost("api.meteo06.fr", "meteo06.fr")).toEqual({ kind: "invalid" });
    expect(resolveHost("-bad-.meteo06.fr", "meteo06.fr")).toEqual({ kind: "invalid" });
  });

  it("strips ports and trailing dots", () => {
    expect(hostName("Nice.Meteo06.fr.:8443")).toBe("nice.meteo06.fr");
    expect(hostName("[::1]:3000")).toBe("[::1]");
  });

  it("keeps shared paths global", () => {
    for (const path of ["/api/v1/stations", "/admin", "/admin/users", "/connexion", "/_next/static/x.js"]) {
      expect(isGlobalPath(path)).toBe(true);
    }
    for (const path of ["/", "/jour/2025-01-01", "/administration", "/apix"])
      expect(isGlobalPath(path)).toBe(false);
  });

  it("builds station URLs from the site URL", () => {
    expect(stationUrl("villefranche", new URL("https://meteo06.fr"))).toBe(
      "https://villefranche.meteo06.fr/",
    );
    expect(stationUrl("villefranche", new URL("http://localhost:3000"), "/graphiques")).toBe(
      "http://villefranche.localhost:3000/graphiques",
    );
  });
});

describe("redirect targets", () => {
  it("keeps paths of this site, normalised", () => {
    expect(sitePath("/admin/articles?page=2#liste")).toBe("/admin/articles?page=2#liste");
    expect(sitePath("/x/../articles")).toBe("/articles");
    expect(sitePath("/")).toBe("/");
  });

  it.each([
    "/x/..//evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j, which a browser would take off the site", (target) => {
    expect(sitePath(target)).toBeNull();
  });
});

describe("cached apex pages and their query variants", () => {
  const variant = (path: string, query = "") => apexVariant(path, new URLSearchParams(query));

  it("sends a section's further pages and filters to the per-request route", () => {
    expect(variant("/actualites", "page=2")).toBe("/selection/actualites");
    expect(variant("/articles", "categorie=orages")).toBe("/selection/articles");
    expect(variant("/vigilances", "etiquette=neige")).toBe("/selection/vigilances");
    expect(variant("/climat", "mois=2026-01")).toBe("/selection/climat");
    expect(variant("/recherche", "q=orage")).toBe("/recherche/resultats");
    expect(variant("/climatologie", "mois=2026-01")).toBe("/climatologie/2026-01");
    expect(variant("/climatologie", "mois=../x")).toBe("/climatologie/..%2Fx");
  });

  it("lets the cached page answer without a query, or with one it ignores", () => {
    for (const [path, query] of [
      ["/actualites", ""],
      ["/actualites", "utm_source=lettre"],
      ["/recherche", ""],
      ["/climatologie", "mois="],
      ["/", "page=2"],
      ["/articles/une-breve", "page=2"],
    ])
      expect([path, query, variant(path, query)]).toEqual([path, query, null]);
  });
});

describe("a station's day picker", () => {
  it("leads to the day asked for, or to today's page", () => {
    const target = (query: string) => dayPickerTarget("/jour", new URLSearchParams(query));
    expect(target("date=2025-06-01")).toBe("/jour/2025-06-01");
    expect(target("date=%202025-06-01%20")).toBe("/jour/2025-06-01");
    for (const query of ["date=2025-02-30", "date=", "date=../admin"]) expect(target(query)).toBe("/jour");
    expect(target("")).toBeNull();
    expect(dayPickerTarget("/jour/2025-06-01", new URLSearchParams("date=2025-06-02"))).toBeNull();
  });
});

describe("back office", () => {
  it("names the paths served on the apex only", () => {
    for (const path of ["/admin", "/admin/articles", "/connexion", "/connexion/mot-de-passe-oublie"])
      expect([path, isBackOfficePath(path)]).toEqual([path, true]);
    for (const path of ["/api/admin/media/1", "/api/auth/session"]) expect(isBackOfficePath(path)).toBe(true);
    for (const path of ["/", "/administration", "/api/v1/stations", "/api/media/x", "/connexions"])
      expect([path, isBackOfficePath(path)]).toEqual([path, false]);
  });
});

describe("client address", () => {
  const headers = (peer: string | null, forwarded?: string) =>
    new Headers({
      ...(peer ? { [PEER_HEADER]: peer } : {}),
      ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
    });
  const loopback = parseTrustedProxies(undefined);

  it("believes X-Forwarded-For only as far as our proxies wrote it", () => {
    // Through nginx on loopback: the address nginx saw.
    expect(clientIp(headers("127.0.0.1", "198.51.100.7"), loopback)).toBe("198.51.100.7");
    expect(clientIp(headers("::ffff:127.0.0.1", "203.0.113.1, 198.51.100.7"), loopback)).toBe("198.51.100.7");
    // A client talking to the app directly: its own address, whatever it claims.
    expect(clientIp(headers("198.51.100.9", "10.0.0.1"), loopback)).toBe("198.51.100.9");
    expect(clientIp(headers("::ffff:198.51.100.9"), loopback)).toBe("198.51.100.9");
    // Nothing trusted: the connection's peer, always.
    expect(clientIp(headers("127.0.0.1", "198.51.100.7"), parseTrustedProxies(""))).toBe("127.0.0.1");
    // Two proxies (a CIDR range): the first address they did not write.
    const two = parseTrustedProxies("10.0.0.0/8, ::1");
    expect(clientIp(headers("10.0.0.2", "203.0.113.5, 198.51.100.7, 10.0.0.1"), two)).toBe("198.51.100.7");
    // Not through the server at all (a script): no address.
    expect(clientIp(headers(null, "198.51.100.7"), loopback)).toBeNull();
  });

  it("refuses a TRUSTED_PROXIES it cannot read, naming it", () => {
    expect(() => parseTrustedProxies("127.0.0.1, nginx")).toThrow(
      /TRUSTED_PROXIES: "nginx" is not an address/,
    );
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
  });
});

import { describe, expect, it } from "vitest";
import { hostName, isGlobalPath, resolveHost, stationUrl } from "@/lib/hosts";

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

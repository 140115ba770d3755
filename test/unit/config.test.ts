import { describe, expect, it } from "vitest";
import { ConfigError, connectionOptions, parseConfig } from "@/lib/config/settings";

const valid = { DATABASE_URL: "mysql://app:s3cret@127.0.0.1:3306/meteo06", ROOT_DOMAIN: "meteo06.fr" };

describe("configuration", () => {
  it("parses a valid environment with defaults", () => {
    const config = parseConfig(valid);
    expect(config.rootDomain).toBe("meteo06.fr");
    expect(config.siteUrl.origin).toBe("https://meteo06.fr");
    expect(config.archiveServerUrl).toBe(valid.DATABASE_URL);
  });

  it("names a missing DATABASE_URL", () => {
    expect(() => parseConfig({ ROOT_DOMAIN: "meteo06.fr" })).toThrow(/DATABASE_URL is missing/);
  });

  it("rejects a DATABASE_URL that is not a MySQL URL or names no database", () => {
    expect(() => parseConfig({ ...valid, DATABASE_URL: "postgres://x@y/z" })).toThrow(
      /DATABASE_URL must look like/,
    );
    expect(() => parseConfig({ ...valid, DATABASE_URL: "mysql://root@127.0.0.1:3306/" })).toThrow(
      /must name the app database/,
    );
  });

  it.each(["https://meteo06.fr", "meteo06.fr:443", "meteo06.fr/x", "bad domain", "-x.fr"])(
    "rejects ROOT_DOMAIN %s",
    (root) => {
      expect(() => parseConfig({ ...valid, ROOT_DOMAIN: root })).toThrow(ConfigError);
      expect(() => parseConfig({ ...valid, ROOT_DOMAIN: root })).toThrow(
        /ROOT_DOMAIN must be a bare host name/,
      );
    },
  );

  it("requires SITE_URL to be on ROOT_DOMAIN", () => {
    expect(
      parseConfig({ ...valid, ROOT_DOMAIN: "localhost", SITE_URL: "http://localhost:3000" }).siteUrl.port,
    ).toBe("3000");
    expect(() => parseConfig({ ...valid, SITE_URL: "https://example.org" })).toThrow(/SITE_URL host/);
  });

  it("reads connection options from URLs", () => {
    expect(connectionOptions("mysql://app:p%40ss@db.local:3307/meteo06")).toEqual({
      host: "db.local",
      port: 3307,
      user: "app",
      password: "p@ss",
      database: "meteo06",
    });
  });
});

describe("map tiles", () => {
  it("gives the attribution as plain text and a link, for the page to show (never HTML for Leaflet)", async () => {
    const { mapTiles } = await import("@/lib/config/map-tiles");
    const saved = { ...process.env };
    try {
      delete process.env.MAP_TILES_URL;
      delete process.env.MAP_TILES_ATTRIBUTION;
      expect(mapTiles()?.attribution).toEqual({
        text: "© OpenStreetMap",
        href: "https://www.openstreetmap.org/copyright",
      });
      process.env.MAP_TILES_ATTRIBUTION = '<img src=x onerror="alert(1)"> IGN';
      process.env.MAP_TILES_ATTRIBUTION_URL = "https://geoservices.ign.fr/";
      expect(mapTiles()?.attribution).toEqual({
        text: '<img src=x onerror="alert(1)"> IGN',
        href: "https://geoservices.ign.fr/",
      });
      process.env.MAP_TILES_URL = "";
      expect(mapTiles()).toBeNull();
    } finally {
      process.env = saved;
    }
  });
});

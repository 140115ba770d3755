import { describe, expect, it } from "vitest";
import { FORM_INVALID } from "@/lib/actions/result";
import { ValidationError, validateForm } from "@/lib/actions/validation";
import type { Observation } from "@/lib/archive/reader";
import { freshness, outOfService } from "@/lib/conditions/freshness";
import { bucketRow, exportHeader } from "@/lib/export/csv";
import { parseExportRequest } from "@/lib/export/request";
import { bucketRecords } from "@/lib/series/compute";
import { stationMetadataSchema, webcamSchema } from "@/lib/station-admin/metadata";
import { type StationSummary, splitNetwork } from "@/lib/stations/network";
import { WIDGET_OFFLINE, WIDGET_ONLINE, widgetSvg } from "@/lib/stations/widget";

const VALID = {
  name: "Nice – Pessicart",
  shortName: "Pessicart",
  commune: "Nice",
  latitude: "43,7262",
  longitude: "7.2438",
  altitude: "230",
  model: "Davis Vantage Vue",
  exposure: "",
  installedAt: "2018-06-01",
  hasUv: "on",
  offlineThresholdMinutes: "45",
  webcamUrl: "",
  timelapseUrl: "https://example.org/hier.mp4",
  radarImageUrl: "",
  bannerType: "WARNING",
  bannerTitle: "Travaux",
  bannerMessage: '<p>Capteur de vent <a href="javascript:alert(1)">déposé</a></p><script>alert(1)</script>',
  managerName: "Jean",
  managerUrl: "",
  managerContact: "jean@example.org",
  description: '<p onclick="x()">Station <strong>de colline</strong></p>',
};

/** The ValidationError `parse` throws. */
function refusal(parse: () => unknown): ValidationError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("station metadata form", () => {
  it("accepts French decimals, checkboxes and empty optional fields, and sanitises the HTML", () => {
    expect(validateForm(stationMetadataSchema, VALID)).toMatchObject({
      latitude: 43.7262,
      longitude: 7.2438,
      altitude: 230,
      hasUv: true,
      hasRadiation: false, // unchecked boxes are absent from a submitted form
      hasConsole: false,
      exposure: null,
      webcamUrl: null,
      installedAt: new Date("2018-06-01T00:00:00Z"),
      offlineThresholdMinutes: 45,
      bannerType: "WARNING",
      bannerMessage: "<p>Capteur de vent <a>déposé</a></p>",
      description: "<p>Station <strong>de colline</strong></p>",
    });
  });

  it.each([
    [{ name: " " }, "name", "Nom : obligatoire."],
    [{ latitude: "nord" }, "latitude", "Latitude : un nombre est attendu."],
    [{ latitude: "95" }, "latitude", "Latitude : entre -90 et 90."],
    [{ altitude: "12.5" }, "altitude", "Altitude : un nombre entier est attendu."],
    [
      { offlineThresholdMinutes: "1" },
      "offlineThresholdMinutes",
      "Seuil hors ligne (minutes) : entre 5 et 10080.",
    ],
    [
      { webcamUrl: "javascript:alert(1)" },
      "webcamUrl",
      "Adresse d'une webcam externe : une adresse http(s):// complète est attendue.",
    ],
    [{ installedAt: "2024-13-45" }, "installedAt", "Date d'installation : une date AAAA-MM-JJ est attendue."],
    [
      { installedAt: "2999-01-01" },
      "installedAt",
      "Date d'installation : elle ne peut pas être dans le futur.",
    ],
    [{ bannerType: "PANIC" }, "bannerType", "Type de bandeau inconnu."],
  ])("refuses %j with a French message on the field", (change, field, message) => {
    const error = refusal(() => validateForm(stationMetadataSchema, { ...VALID, ...change }));
    expect(error.message).toBe(FORM_INVALID);
    expect(error.fieldErrors[field]).toBe(message);
    expect(error.values).toMatchObject({ shortName: expect.any(String), [field]: expect.any(String) });
  });

  it("names missing webcam fields in French (a missing field is empty, not a type error)", () => {
    const { fieldErrors, values } = refusal(() => validateForm(webcamSchema, { name: "Nord" }));
    expect(fieldErrors.key).toMatch(/^Identifiant : lettres minuscules/);
    expect(fieldErrors.intervalMinutes).toBe("Intervalle entre deux images : un nombre est attendu.");
    expect(values).toMatchObject({ name: "Nord", key: "" });
  });
});

describe("export request", () => {
  const query = (change: Record<string, unknown>) => ({
    from: "2025-01-01",
    to: "2025-01-31",
    step: "10m",
    fields: ["outTemp,wind", "rain"],
    ...change,
  });

  it("keeps the catalogue order and accepts comma-separated or repeated fields", () => {
    const { request } = parseExportRequest(query({ fields: ["rain", "outTemp,wind", "rain"] }));
    expect(request?.fields.map((f) => f.key)).toEqual(["outTemp", "wind", "rain"]);
    expect(request?.step).toBe("10m");
    expect(parseExportRequest(query({ step: null })).request?.step).toBe("raw");
    // 370 days is the limit, included
    expect(parseExportRequest(query({ from: "2024-01-01", to: "2025-01-04" })).error).toBeNull();
  });

  it.each([
    [{ from: "2025-02-01" }, "La date de début doit précéder la date de fin."],
    [{ from: "2024-01-01", to: "2025-01-05" }, "Période trop longue : 371 jours demandés, 370 au maximum."],
    [{ from: "2024-13-45" }, "Date de début (from) manquante ou invalide : AAAA-MM-JJ attendu."],
    [{ to: undefined }, "Date de fin (to) manquante ou invalide : AAAA-MM-JJ attendu."],
    [{ step: "5m" }, "Pas de temps (step) inconnu « 5m » : raw, 10m ou 1h."],
    [{ fields: ["outTemp,pluie,x"] }, "Mesure(s) inconnue(s) : « pluie », « x »."],
    [{ fields: [] }, "Choisissez au moins une mesure (fields)."],
  ])("refuses %j", (change, message) => {
    const { request, error } = parseExportRequest(query(change));
    expect(request).toBeNull();
    expect(error).toBe(message);
  });
});

describe("export steps", () => {
  const record = (dateTime: number, values: Partial<Observation>): Observation => ({
    dateTime,
    interval: 5,
    ...values,
  });

  it("puts a record stamped t in the bucket (end - step, end] and aggregates each bucket", () => {
    const records = [
      record(300, { outTemp: 10, windSpeed: 10, windDir: 350, windGust: 20, windGustDir: 340, rain: 0.2 }),
      record(600, { outTemp: 12, windSpeed: 10, windDir: 10, windGust: 25, windGustDir: 20, rain: 0.4 }),
      record(900, { outTemp: 11, windSpeed: 0, windDir: null, windGust: 5, rain: null }),
    ];
    const parts = bucketRecords(records, "10m", "Europe/Paris");
    expect(parts.map((p) => [p.end, p.aggregate.records])).toEqual([
      [600, 2],
      [1200, 1],
    ]);
    const { request } = parseExportRequest({
      from: "2025-01-01",
      to: "2025-01-01",
      step: "10m",
      fields: ["outTemp", "wind", "rain"],
    });
    const header = exportHeader(request!, "Europe/Paris");
    const row = Object.fromEntries(
      bucketRow(parts[0], request!, "Europe/Paris").map((v, i) => [header[i], v]),
    );
    expect(row).toEqual({
      "Fin de période (UTC)": "1970-01-01T00:10:00Z",
      "Fin de période en heure locale (Europe/Paris)": "1970-01-01 01:10",
      Relevés: 2,
      "Température moyenne (°C)": 11,
      "Température minimum (°C)": 10,
      "Température maximum (°C)": 12,
      "Vent moyen (km/h)": 10,
      "Direction moyenne du vent (°)": 0, // 350° and 10°: north, not south
      "Rafale maximale (km/h)": 25,
      "Direction de la rafale (°)": 20,
      "Heure de la rafale (UTC)": "1970-01-01T00:10:00Z",
      "Pluie cumul (mm)": 0.6,
    });
  });
});

const summary: StationSummary = {
  slug: "x",
  name: "Cagnes & Co <test>",
  shortName: "Cagnes & Co",
  commune: "Cagnes",
  altitude: 20,
  latitude: 43.66,
  longitude: 7.15,
  offlineThresholdMinutes: 30,
  at: 1_000_000,
  temperature: 12.34,
  humidity: 71,
  tn: { value: 8.1, at: 990_000 },
  tx: { value: 15.2, at: 995_000 },
  windSpeed: 12.4,
  windDirection: 300,
  windCardinal: "ONO",
  gust: 35.2,
  rainToday: 2.4,
  unavailable: null,
};

describe("image widget", () => {
  it("escapes text and shows the values in French", () => {
    const svg = widgetSvg(summary, 1_000_000 + 60);
    expect(svg).toContain("Cagnes &amp; Co");
    expect(svg).not.toContain("Cagnes & Co");
    expect(svg).toContain("12,3\u202f°C");
    expect(svg).toContain("Vent 12\u202fkm/h ONO");
    expect(svg).toContain("Rafale 35\u202fkm/h");
    expect(svg).toContain("Pluie du jour 2,4\u202fmm");
    expect(svg).toContain(`fill="${WIDGET_ONLINE}"`);
  });

  it("turns orange past the offline threshold", () => {
    expect(freshness(summary.at, 30, 1_000_000 + 30 * 60)).toEqual({
      ageSeconds: 1800,
      offline: false,
      outOfService: false,
    });
    expect(freshness(summary.at, 30, 1_000_000 + 30 * 60 + 1).offline).toBe(true);
    const svg = widgetSvg(summary, 1_000_000 + 7200);
    expect(svg).toContain(`fill="${WIDGET_OFFLINE}"`);
    expect(svg).toContain("Hors ligne depuis 2 h 00");
    expect(freshness(null, 30, 0)).toEqual({
      ageSeconds: null,
      offline: true,
      outOfService: false,
    });
  });

  it("calls a station silent for more than 30 days out of service, not one without any record", () => {
    expect(outOfService(30 * 86400)).toBe(false);
    expect(outOfService(30 * 86400 + 1)).toBe(true);
    expect(outOfService(null)).toBe(false);
  });
});

describe("stations out of service", () => {
  it("calls a station silent for more than 30 days out of service, and lists it apart", () => {
    const now = 2_000_000_000;
    expect(freshness(now - 30 * 86400, 30, now).outOfService).toBe(false);
    expect(freshness(now - 30 * 86400 - 1, 30, now)).toMatchObject({ offline: true, outOfService: true });
    expect(freshness(null, 30, now)).toMatchObject({ offline: true, outOfService: false });
    const base = { ...summary, offlineThresholdMinutes: 30 };
    const { live, outOfService } = splitNetwork(
      [
        { ...base, slug: "a", at: now - 3600 },
        { ...base, slug: "b", at: now - 40 * 86400 },
      ],
      now,
    );
    expect(live.map((s) => [s.summary.slug, s.offline])).toEqual([["a", true]]);
    expect(outOfService.map((s) => s.summary.slug)).toEqual(["b"]);
  });
});

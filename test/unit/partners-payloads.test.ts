import { describe, expect, it } from "vitest";
import type { Observation } from "@/lib/archive/reader";
import { rommaParams, rommaRequests } from "@/lib/partners/romma";
import { buildStaticFile, staticWindow } from "@/lib/partners/static";
import { fixed, utcDayStart, utcYearStart } from "@/lib/partners/values";

/** The payload builders on hand-made metric records (the golden files per unit system are in integration). */

const T = (iso: string) => Date.parse(iso) / 1000;

function record(iso: string, values: Record<string, number | null> = {}): Observation {
  return { dateTime: T(iso), interval: 5, ...values };
}

/** key → value of a StatIC file (every line but the section headers). */
function fields(file: string): Record<string, string> {
  return Object.fromEntries(
    file
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("rounding", () => {
  it.each([
    [10.05, 1, "10.1"],
    [10.049999999999999, 1, "10.1"], // 10.05 after a unit conversion round trip
    [10.04, 1, "10.0"],
    [-0.35, 1, "-0.4"],
    [-0.04, 1, "0.0"], // never "-0.0"
    [87.5, 0, "88"],
    [12, 1, "12.0"],
    [1013.2499999999999, 1, "1013.3"],
    [null, 1, ""],
    [Number.NaN, 1, ""],
  ])("fixed(%s, %s) = %j", (value, decimals, expected) => {
    expect(fixed(value as number | null, decimals)).toBe(expected);
  });
});

describe("day and year boundaries (a record stamped at midnight closes the day before)", () => {
  it("puts 00:00 in the previous UTC day and 00:05 in the new one", () => {
    expect(utcDayStart(T("2026-03-10T00:00:00Z"))).toBe(T("2026-03-09T00:00:00Z"));
    expect(utcDayStart(T("2026-03-10T00:05:00Z"))).toBe(T("2026-03-10T00:00:00Z"));
    expect(utcYearStart(T("2026-01-01T00:00:00Z"))).toBe(T("2025-01-01T00:00:00Z"));
    expect(utcYearStart(T("2026-01-01T00:05:00Z"))).toBe(T("2026-01-01T00:00:00Z"));
  });
});

describe("StatIC file", () => {
  const base = { outTemp: 10, barometer: 1015, outHumidity: 80, dewpoint: 6.7, rain: 0, rainRate: 0 };

  it("averages wind directions across north (350° and 10° give 0°, not 180°)", () => {
    const file = buildStaticFile("x", {
      records: [
        record("2026-05-10T11:55:00Z", { ...base, windSpeed: 10, windDir: 350, windGust: 18 }),
        record("2026-05-10T12:00:00Z", { ...base, windSpeed: 14, windDir: 10, windGust: 22.25 }),
      ],
      rainYearBeforeDay: 0,
    });
    expect(fields(file)).toMatchObject({ vent_dir_moy: "0", vent_moyen: "12.0", vent_rafales: "22.3" });
  });

  it("only uses the records of the last 10 minutes for the wind", () => {
    const file = buildStaticFile("x", {
      records: [
        record("2026-05-10T11:50:00Z", { ...base, windSpeed: 50, windDir: 180, windGust: 80 }),
        record("2026-05-10T11:55:00Z", { ...base, windSpeed: 3, windDir: 80, windGust: 6 }),
        record("2026-05-10T12:00:00Z", { ...base, windSpeed: 5, windDir: 100, windGust: 7 }),
      ],
      rainYearBeforeDay: 0,
    });
    expect(fields(file)).toMatchObject({ vent_dir_moy: "90", vent_moyen: "4.0", vent_rafales: "7.0" });
  });

  it("leaves the direction empty in a calm", () => {
    const file = buildStaticFile("x", {
      records: [
        record("2026-05-10T11:55:00Z", { ...base, windSpeed: 0, windDir: null, windGust: 0 }),
        record("2026-05-10T12:00:00Z", { ...base, windSpeed: 0, windDir: 200, windGust: 1.6 }),
      ],
      rainYearBeforeDay: 0,
    });
    expect(fields(file)).toMatchObject({ vent_dir_moy: "", vent_moyen: "0.0", vent_rafales: "1.6" });
  });

  it("writes empty values for missing sensors, keeping every key in order", () => {
    const file = buildStaticFile("sans_capteurs", {
      records: [record("2026-05-10T12:00:00Z", { outTemp: 21.04 })],
      rainYearBeforeDay: null,
    });
    expect(file).toBe(
      [
        "# INFORMATIONS",
        "id_station=sans_capteurs",
        "type=txt",
        "version=Meteo06-1.0",
        "date_releve=10/05/2026",
        "heure_releve_utc=12h00",
        "# PARAMETRES TEMPS REEL",
        "temperature=21.0",
        "pression=",
        "humidite=",
        "point_de_rosee=",
        "vent_dir_moy=",
        "vent_moyen=",
        "vent_rafales=",
        "pluie_intensite=",
        "pluie_intensite_maxi_1h=",
        "# PARAMETRES TEMPS PASSE",
        "pluie_cumul_1h=",
        "pluie_cumul=",
        "pluie_cumul_heure_utc=",
        "pluie_cumul_annee=",
        "pluie_intensite_maxi=",
        "pluie_intensite_maxi_heure_utc=",
        "tn_heure_utc=12h00",
        "tn_deg_c=21.0",
        "tx_heure_utc=12h00",
        "tx_deg_c=21.0",
        "# ENSOLEILLEMENT",
        "radiations_solaires_wlk=",
        "uv_wlk=",
        "",
      ].join("\n"),
    );
  });

  // A day: 23:55 and 00:00 close the 14th; 00:05 opens the 15th.
  const midnight = [
    record("2026-07-14T12:00:00Z", { ...base, outTemp: 30.5, rain: 1.0, rainRate: 8 }),
    record("2026-07-14T23:55:00Z", { ...base, outTemp: 18.2, rain: 0.4, rainRate: 2 }),
    record("2026-07-15T00:00:00Z", { ...base, outTemp: 17.9, rain: 0.2, rainRate: 1 }),
    record("2026-07-15T00:05:00Z", { ...base, outTemp: 17.6, rain: 0.6, rainRate: 4 }),
  ];

  it("at 00:00 UTC reports the day that just ended", () => {
    const file = buildStaticFile("x", { records: midnight.slice(0, 3), rainYearBeforeDay: 100 });
    expect(fields(file)).toMatchObject({
      date_releve: "15/07/2026",
      heure_releve_utc: "00h00",
      pluie_cumul: "1.6",
      pluie_cumul_annee: "101.6",
      pluie_intensite_maxi: "8.0",
      pluie_intensite_maxi_heure_utc: "12h00",
      tx_deg_c: "30.5",
      tx_heure_utc: "12h00",
      tn_deg_c: "17.9",
      tn_heure_utc: "00h00",
      pluie_cumul_1h: "0.6",
    });
  });

  it("at 00:05 UTC starts the new day from the 00:05 record only", () => {
    const { dayStart, from } = staticWindow(T("2026-07-15T00:05:00Z"));
    expect(dayStart).toBe(T("2026-07-15T00:00:00Z"));
    expect(from).toBe(T("2026-07-14T23:05:00Z"));
    const file = buildStaticFile("x", { records: midnight, rainYearBeforeDay: 101.6 });
    expect(fields(file)).toMatchObject({
      pluie_cumul: "0.6",
      pluie_cumul_annee: "102.2",
      pluie_intensite_maxi: "4.0",
      pluie_intensite_maxi_heure_utc: "00h05",
      tn_deg_c: "17.6",
      tx_deg_c: "17.6",
      pluie_cumul_1h: "1.2", // the rolling hour does cross midnight
      pluie_intensite_maxi_1h: "4.0",
    });
  });

  it("restarts the yearly rain on 1 January 00:05 UTC, not at 00:00", () => {
    const newYear = [
      record("2025-12-31T23:55:00Z", { ...base, rain: 2 }),
      record("2026-01-01T00:00:00Z", { ...base, rain: 3 }),
      record("2026-01-01T00:05:00Z", { ...base, rain: 0.25 }),
    ];
    expect(staticWindow(T("2026-01-01T00:00:00Z")).yearStart).toBe(T("2025-01-01T00:00:00Z"));
    expect(staticWindow(T("2026-01-01T00:05:00Z")).yearStart).toBe(T("2026-01-01T00:00:00Z"));
    const atMidnight = fields(buildStaticFile("x", { records: newYear.slice(0, 2), rainYearBeforeDay: 700 }));
    expect(atMidnight).toMatchObject({ pluie_cumul: "5.0", pluie_cumul_annee: "705.0" });
    const after = fields(buildStaticFile("x", { records: newYear, rainYearBeforeDay: 0 }));
    expect(after).toMatchObject({ pluie_cumul: "0.3", pluie_cumul_annee: "0.3", date_releve: "01/01/2026" });
  });
});

describe("ROMMA parameters", () => {
  const auth = { id: "42", password: "p&ss=wörd" };

  it("rounds each parameter and omits missing ones, in the documented order", () => {
    const params = rommaParams(
      record("2026-05-10T12:00:00Z", {
        outTemp: 21.25,
        lowOutTemp: null,
        outHumidity: 54.5,
        barometer: 1013.25,
        rain: 0.254,
        rainRate: 3.048,
        windSpeed: 12.34,
        windGust: 20.05,
        windDir: 359.6,
        windGustDir: null,
        radiation: 640.5,
        dewpoint: 11.45,
        soilMoist1: 23.5,
      }),
      5.08,
      auth,
    );
    expect([...params]).toEqual([
      ["id", "42"],
      ["pwd", "p&ss=wörd"],
      ["date", String(T("2026-05-10T12:00:00Z"))],
      ["temp_e", "21.3"],
      ["hum_e", "55"],
      ["baro", "1013.3"],
      ["pluie", "0.3"],
      ["pluiejour", "5.1"],
      ["ipluie", "3.0"],
      ["vent", "12.3"],
      ["rafale", "20.1"],
      ["direction", "360"],
      ["solaire", "641"],
      ["dew_point", "11.5"],
      ["humsoil1", "24"],
    ]);
    expect(params.toString()).toContain("pwd=p%26ss%3Dw%C3%B6rd&");
  });

  it("sums the rain since local midnight, resetting at each Paris midnight (a record at midnight closes its day)", () => {
    // Winter: Paris midnight is 23:00 UTC.
    const pending = [
      record("2026-01-14T22:55:00Z", { rain: 0.2 }),
      record("2026-01-14T23:00:00Z", { rain: 0.4 }), // 00:00 in Paris: closes the 14th
      record("2026-01-14T23:05:00Z", { rain: 1.0 }),
      record("2026-01-14T23:10:00Z", { rain: null }),
      record("2026-01-14T23:15:00Z", { rain: 0.0 }),
    ];
    const requests = rommaRequests(pending, 3.0, {
      id: "1",
      password: "x",
      endpoint: "http://127.0.0.1:9/donnees.php",
      timeZone: "Europe/Paris",
    });
    const dayRain = requests.map((r) => new URL(r.url).searchParams.get("pluiejour"));
    expect(dayRain).toEqual(["3.2", "3.6", "1.0", "1.0", "1.0"]);
    expect(requests.map((r) => r.dateTime)).toEqual(pending.map((p) => p.dateTime));
    expect(requests[0].url.startsWith("http://127.0.0.1:9/donnees.php?id=1&pwd=x&date=")).toBe(true);
  });

  it("follows Paris midnight across a daylight-saving change (a 23-hour day)", () => {
    // 29 March 2026: clocks go forward; the day starts at 23:00 UTC on the 28th, ends at 22:00 UTC.
    const pending = [
      record("2026-03-28T22:55:00Z", { rain: 5.0 }), // 23:55 on the 28th in Paris
      record("2026-03-28T23:05:00Z", { rain: 0.5 }),
      record("2026-03-29T12:00:00Z", { rain: 1.0 }),
      record("2026-03-29T22:00:00Z", { rain: 0.25 }), // midnight in Paris: closes the 29th
      record("2026-03-29T22:05:00Z", { rain: 2.0 }),
    ];
    const requests = rommaRequests(pending, null, {
      id: "1",
      password: "x",
      endpoint: "http://127.0.0.1:9/",
      timeZone: "Europe/Paris",
    });
    expect(requests.map((r) => new URL(r.url).searchParams.get("pluiejour"))).toEqual([
      "5.0",
      "0.5",
      "1.5",
      "1.8",
      "2.0",
    ]);
  });

  it("omits pluiejour when the station has no rain gauge", () => {
    const [request] = rommaRequests([record("2026-05-10T12:00:00Z", { outTemp: 20 })], null, {
      id: "1",
      password: "x",
      endpoint: "https://www.romma.fr/donneesdeweewx.php",
      timeZone: "Europe/Paris",
    });
    expect(new URL(request.url).searchParams.has("pluiejour")).toBe(false);
    expect(new URL(request.url).searchParams.has("pluie")).toBe(false);
  });
});

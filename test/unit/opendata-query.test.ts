import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api";
import {
  climateDaysSchema,
  climateYearSchema,
  dailyQuery,
  monthChartSchema,
  observationsQuery,
  parseInstant,
  recordsSchema,
  validQuery,
} from "@/lib/opendata/query";
import type { Field } from "@/lib/series/fields";

const PARIS = "Europe/Paris";
const NOW = Date.UTC(2025, 5, 15, 12) / 1000;
const FIELDS: Field[] = ["outTemp", "rain", "windGust"];
const url = (query: string) => new URL(`http://x/api?${query}`);

function error(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return (e as ApiError).message;
  }
  throw new Error("no error");
}

describe("ISO-8601 times", () => {
  it("reads date-times with their offset, and dates as local days", () => {
    expect(parseInstant("2025-06-01T12:00:00Z", PARIS)).toBe(Date.UTC(2025, 5, 1, 12) / 1000);
    expect(parseInstant("2025-06-01T12:00+02:00", PARIS)).toBe(Date.UTC(2025, 5, 1, 10) / 1000);
    // An unencoded "+" arrives as a space.
    expect(parseInstant("2025-06-01T12:00:00 02:00", PARIS)).toBe(Date.UTC(2025, 5, 1, 10) / 1000);
    expect(parseInstant("2025-06-01T12:00:00.250Z", PARIS)).toBe(Date.UTC(2025, 5, 1, 12) / 1000);
    expect(parseInstant("2025-06-01", PARIS)).toBe(Date.UTC(2025, 4, 31, 22) / 1000);
    expect(parseInstant("2025-06-01", PARIS, true)).toBe(Date.UTC(2025, 5, 1, 22) / 1000);
  });

  it("refuses impossible dates, missing offsets and anything else", () => {
    for (const bad of [
      "2024-13-45",
      "2025-02-30",
      "2025-02-29T10:00Z",
      "2025-06-01T25:00Z",
      "2025-06-01T12:00",
      "1717236000",
      "abc",
      "",
    ])
      expect(parseInstant(bad, PARIS), bad).toBeNull();
  });
});

describe("observations query", () => {
  it("defaults to the last day of raw records, all the station's fields, JSON", () => {
    expect(observationsQuery(url(""), PARIS, NOW, FIELDS)).toEqual({
      from: NOW - 86400,
      to: NOW,
      step: "raw",
      fields: FIELDS,
      format: "json",
    });
  });

  it("chooses the step when none is given, and keeps the one asked for", () => {
    const q = (s: string) => observationsQuery(url(s), PARIS, NOW, FIELDS);
    expect(q("from=2025-06-10").step).toBe("raw");
    expect(q("from=2025-06-05").step).toBe("10m");
    expect(q("from=2025-03-01").step).toBe("3h");
    expect(q("from=2025-03-01&step=1d&fields=rain,outTemp&format=csv")).toMatchObject({
      step: "1d",
      fields: ["rain", "outTemp"],
      format: "csv",
    });
    expect(q("step=1h").from).toBe(NOW - 7 * 86400);
  });

  it("answers bad input with a French message naming the problem", () => {
    const q = (s: string) => error(() => observationsQuery(url(s), PARIS, NOW, FIELDS));
    expect(q("from=abc")).toMatch(/^from : date invalide « abc »/);
    expect(q("to=2024-13-45")).toMatch(/^to : date invalide/);
    expect(q("from=2025-06-10&to=2025-06-01")).toBe("from doit être antérieur à to.");
    expect(q("step=5min")).toMatch(/^step : « 5min » n'existe pas \(raw, 10m, 1h, 3h ou 1d\)/);
    expect(q("step=raw&from=2025-04-01")).toMatch(
      /^Période trop longue pour le pas raw : 76 jours \(au plus 31 jours/,
    );
    expect(q("fields=outTemp,inTemp")).toMatch(
      /^fields : champ inconnu ou absent de cette station : « inTemp »/,
    );
    expect(q("fields=")).toMatch(/^fields : /);
    expect(q("format=xml")).toMatch(/^format : « xml »/);
    expect(q("limit=10")).toMatch(/^Paramètre inconnu : « limit »/);
    expect(q("step=1h&step=1d")).toMatch(/^Paramètre répété : « step »/);
  });
});

describe("daily query", () => {
  it("takes local days, by default the last 31", () => {
    expect(dailyQuery(url(""), "2025-06-15", FIELDS)).toMatchObject({
      fromDay: "2025-05-16",
      toDay: "2025-06-15",
    });
    expect(dailyQuery(url("from=2025-01-01&to=2025-01-31&fields=rain"), "2025-06-15", FIELDS)).toEqual({
      fromDay: "2025-01-01",
      toDay: "2025-01-31",
      fields: ["rain"],
      format: "json",
    });
  });

  it("refuses bad days, reversed and too long ranges", () => {
    const q = (s: string) => error(() => dailyQuery(url(s), "2025-06-15", FIELDS));
    expect(q("from=2025-02-30")).toMatch(/^from : jour invalide « 2025-02-30 »/);
    expect(q("from=2025-06-02&to=2025-06-01")).toMatch(/^from doit être antérieur ou égal à to/);
    expect(q("from=2000-01-01&to=2025-01-01")).toMatch(/^Période trop longue : 9133 jours/);
  });
});

describe("climatology queries", () => {
  it("read valid parameters with their defaults", () => {
    expect(validQuery(url("from=2025-03-01&to=2025-03-31"), climateDaysSchema)).toEqual({
      from: "2025-03-01",
      to: "2025-03-31",
      format: "json",
    });
    expect(validQuery(url("year=2024&format=csv"), climateYearSchema)).toEqual({ year: 2024, format: "csv" });
    expect(validQuery(url(""), recordsSchema)).toEqual({ limit: 10, format: "json" });
    expect(validQuery(url("limit=30"), recordsSchema).limit).toBe(30);
    expect(validQuery(url("month=2025-02"), monthChartSchema)).toEqual({
      month: "2025-02",
      kind: "temperature",
    });
  });

  it("refuse bad ones with the messages of the other endpoints", () => {
    expect(error(() => validQuery(url("to=2025-03-01"), climateDaysSchema))).toBe(
      "from : paramètre obligatoire (attendu : AAAA-MM-JJ).",
    );
    expect(error(() => validQuery(url("from=2025-02-30&to=2025-03-01"), climateDaysSchema))).toBe(
      "from : jour invalide « 2025-02-30 » (attendu : AAAA-MM-JJ).",
    );
    expect(error(() => validQuery(url("from=2025-03-02&to=2025-03-01"), climateDaysSchema))).toBe(
      "from doit être antérieur ou égal à to.",
    );
    expect(error(() => validQuery(url("from=1990-01-01&to=2025-03-01"), climateDaysSchema))).toMatch(
      /^Période trop longue/,
    );
    expect(error(() => validQuery(url("from=2025-03-01&to=2025-03-01&format=xml"), climateDaysSchema))).toBe(
      error(() => dailyQuery(url("format=xml"), "2025-06-15", FIELDS)),
    );
    expect(error(() => validQuery(url("year=2024&step=1h"), climateYearSchema))).toBe(
      error(() => dailyQuery(url("step=1h"), "2025-06-15", FIELDS)).replace(
        "from, to, fields, format",
        "year, format",
      ),
    );
    expect(error(() => validQuery(url("year=2024&year=2025"), climateYearSchema))).toBe(
      "Paramètre répété : « year ».",
    );
    expect(error(() => validQuery(url("limit=0"), recordsSchema))).toBe(
      "limit : nombre invalide « 0 » (attendu : un entier de 1 à 30).",
    );
    expect(error(() => validQuery(url("month=2025-13"), monthChartSchema))).toMatch(
      /^month : mois invalide « 2025-13 »/,
    );
    expect(error(() => validQuery(url("month=2025-01&kind=wind"), monthChartSchema))).toBe(
      "kind : « wind » n'existe pas (temperature ou rain).",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayClimate, monthView, recordsView } from "@/lib/climate/queries";
import { readClimateDays, replaceClimateDays, replaceClimateMonths } from "@/lib/climate/store";
import { appSqlPool } from "@/lib/db/client";
import type { Station } from "@/lib/generated/prisma/client";
import { climateDay as day } from "../helpers/climate";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { createLevens } from "../helpers/stations";

/** The reads of the pages on the real database, with hand-made days. */

let dbs: TestDatabases;
let station: Station;
const utc = (iso: string) => Date.parse(`${iso}Z`) / 1000;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  station = await createLevens(dbs, `${dbs.prefix}levens`);
  const days = [
    day("2024-01-01", {
      tn: -3,
      tnAt: utc("2024-01-01T05:10"),
      rr: 0,
      gustMax: 80,
      gustAt: utc("2024-01-01T14:00"),
    }),
    day("2024-01-02", { tn: -7, tnAt: utc("2024-01-02T06:20"), rr: 12 }),
    day("2024-01-03", { tn: -3, rr: 40, rrRateMax: 30, rrRateMaxAt: utc("2024-01-03T21:15") }),
    day("2024-01-04", { tn: -9, rr: 60, partial: true }),
    day("2024-01-05", { tn: 2, rr: 3 }),
  ];
  await replaceClimateDays(
    appSqlPool(),
    station.id,
    days.map((d) => ({ day: d, fingerprint: d.date })),
  );
});
afterAll(() => dbs?.drop());

describe("records", () => {
  it("keep final days only, best first, equal values oldest first, dry days out, times in UTC", async () => {
    const tables = await recordsView(station, 10);
    const byKey = new Map(tables.map((t) => [t.parameter.key, t.entries]));
    expect(byKey.get("tnLow")).toEqual([
      { rank: 1, date: "2024-01-02", value: -7, at: utc("2024-01-02T06:20") },
      { rank: 2, date: "2024-01-01", value: -3, at: utc("2024-01-01T05:10") },
      { rank: 2, date: "2024-01-03", value: -3, at: null },
      { rank: 4, date: "2024-01-05", value: 2, at: null },
    ]);
    expect(byKey.get("rr")?.map((e) => e.value)).toEqual([40, 12, 3]);
    expect(byKey.get("rainRate")).toEqual([
      { rank: 1, date: "2024-01-03", value: 30, at: utc("2024-01-03T21:15") },
    ]);
    expect(byKey.has("uv")).toBe(false);
    expect((await recordsView(station, 2)).find((t) => t.parameter.key === "tnLow")?.entries).toHaveLength(2);
  });

  it("give the day page its values and rank badges", async () => {
    const { day: stored, badges } = await dayClimate(station, "2024-01-03");
    expect(stored?.rr).toBe(40);
    expect(badges.map((b) => [b.key, b.rank])).toEqual([
      ["tnLow", 2],
      ["tnHigh", 2],
      ["rr", 1],
      ["rainRate", 1],
    ]);
    expect(await dayClimate(station, "2023-12-31")).toEqual({ day: null, badges: [] });
  });
});

describe("month view", () => {
  it("compares the month with the station's stored monthly values", async () => {
    await replaceClimateMonths(
      appSqlPool(),
      station.id,
      ["2023-01"],
      [{ period: "2023-01", inProgress: false, tn: -1, tx: 9, tnTxMean: 4, rr: 50 }],
    );
    const view = await monthView(station, "2024-01", utc("2024-03-01T00:00"));
    expect(view.reference.tn).toMatchObject({ value: -1, kind: "average", years: 1, firstYear: 2023 });
    expect(view.summary.tn.missing).toBe(27); // 5 days stored, one of them partial
    expect(view.summary.tn.mean).toBeNull();
    expect(view.anomalies.tn).toBeNull();
    expect(view.extent).toEqual({ first: "2024-01-01", last: "2024-01-05" });
    expect((await readClimateDays(appSqlPool(), station.id, "2024-01-04", "2024-01-04"))[0].partial).toBe(
      true,
    );
  });
});

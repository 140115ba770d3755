import { describe, expect, it } from "vitest";
import { toMetric } from "@/lib/archive/units";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { archiveRow, inOutage, intervalAt, metricWeather, recordTimes } from "@/lib/demo/weather";
import { solarElevation } from "@/lib/weather/sun";

const DAY = 86400;
const year = { from: Date.UTC(2024, 0, 1) / 1000, to: Date.UTC(2025, 0, 1) / 1000 };

function yearOf(slug: string) {
  const station = DEMO_STATIONS.find((s) => s.slug === slug)!;
  const rows = [...recordTimes(station.profile, year.from, year.to, year.to + 1)].map((t) => ({
    t,
    v: metricWeather(station.profile, t, intervalAt(station.profile, t)),
  }));
  return { station, rows };
}

// A year of records per station: seconds of CPU, many more on a loaded machine.
describe("demo weather", { timeout: 120_000 }, () => {
  it("is deterministic: the same seed and time give the same record", () => {
    const { profile } = DEMO_STATIONS[0];
    const t = Date.UTC(2025, 3, 1, 12) / 1000;
    expect(archiveRow(profile, t)).toEqual(archiveRow(profile, t));
    expect(archiveRow(profile, t)).not.toEqual(archiveRow({ ...profile, seed: profile.seed + 1 }, t));
  });

  it.each(DEMO_STATIONS.map((s) => s.slug))("%s: physically consistent values", (slug) => {
    const { station, rows } = yearOf(slug);
    const { solar, latitude, longitude } = station.profile;
    const broken = rows.filter(
      ({ t, v }) =>
        v.dewpoint! > v.outTemp! + 1e-9 ||
        v.outHumidity! < 1 ||
        v.outHumidity! > 100 ||
        v.windGust! < v.windSpeed! ||
        v.rain! < 0 ||
        (v.windSpeed === 0 && v.windDir !== null) ||
        (solar && solarElevation(t, latitude, longitude) < -5 && (v.radiation !== 0 || v.UV !== 0)),
    );
    expect(rows.length).toBeGreaterThan(50_000);
    expect(broken).toEqual([]);
  });

  it("has a Mediterranean climate: warm summers, mild coastal winters, a cold mountain, wet autumns", () => {
    const mean = (rows: { t: number; v: Record<string, number | null> }[], month: number, field: string) => {
      const values = rows
        .filter(({ t }) => new Date(t * 1000).getUTCMonth() === month)
        .map(({ v }) => v[field]!);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const sum = (rows: { t: number; v: Record<string, number | null> }[], months: number[]) =>
      rows
        .filter(({ t }) => months.includes(new Date(t * 1000).getUTCMonth()))
        .reduce((a, { v }) => a + v.rain!, 0);
    const coast = yearOf("villefranche").rows;
    const mountain = yearOf("la-colmiane").rows;
    expect(mean(coast, 0, "outTemp")).toBeGreaterThan(6);
    expect(mean(coast, 0, "outTemp")).toBeLessThan(12);
    expect(mean(coast, 7, "outTemp")).toBeGreaterThan(21);
    expect(mean(coast, 7, "outTemp")).toBeLessThan(27);
    expect(mean(mountain, 0, "outTemp")).toBeLessThan(mean(coast, 0, "outTemp") - 7);
    const annual = sum(coast, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(annual).toBeGreaterThan(400);
    expect(annual).toBeLessThan(1600);
    expect(sum(coast, [9, 10])).toBeGreaterThan(sum(coast, [6, 7]) * 2);
  }, 30_000); // two years of records for two stations: seconds when the shared CPUs are busy

  it("has a few outages, never in the last three days", () => {
    const { profile } = DEMO_STATIONS[0];
    const now = Date.UTC(2025, 0, 1) / 1000;
    const expected = (now - year.from) / 300;
    const times = [...recordTimes(profile, year.from, now)];
    expect(times.length).toBeLessThan(expected);
    expect(times.length).toBeGreaterThan(expected * 0.9);
    for (let t = now - 3 * DAY + 300; t <= now; t += 300)
      expect(inOutage(profile, t, now - 3 * DAY)).toBe(false);
  });

  it("changes interval mid-day when the station's console changed", () => {
    const colmiane = DEMO_STATIONS.find((s) => s.slug === "la-colmiane")!.profile;
    const change = colmiane.intervals[0].until;
    const times = [...recordTimes(colmiane, change - 3600, change + 3600, change + 1e6)];
    const steps = times.slice(1).map((t, i) => t - times[i]);
    expect(steps.filter((s) => s === 600).length).toBeGreaterThan(0);
    expect(steps.filter((s) => s === 300).length).toBeGreaterThan(0);
    expect(archiveRow(colmiane, change).interval).toBe(10);
    expect(archiveRow(colmiane, change + 300).interval).toBe(5);
  });

  it("writes rows in the station's own unit system", () => {
    const pessicart = DEMO_STATIONS.find((s) => s.slug === "nice-pessicart")!.profile;
    const t = Date.UTC(2025, 6, 1, 12) / 1000;
    const row = archiveRow(pessicart, t);
    expect(row.usUnits).toBe(1);
    expect(toMetric("outTemp", row.outTemp, 1)).toBeCloseTo(metricWeather(pessicart, t, 5).outTemp!, 9);
    expect(row.outTemp!).toBeGreaterThan(50); // °F in July
  });
});

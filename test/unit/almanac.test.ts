import { describe, expect, it } from "vitest";
import { formatParis } from "@/lib/time";
import { almanac, moonAt, moonPhaseName } from "@/lib/weather/almanac";

const NICE = { latitude: 43.7, longitude: 7.26 };
const PARIS_TZ = "Europe/Paris";
const clock = (t: number | null) =>
  t === null ? null : formatParis(t, { hour: "2-digit", minute: "2-digit" });
/** Minutes between an instant and a local clock time "HH:MM" of the same day, in Europe/Paris. */
function minutesOff(t: number | null, expected: string): number {
  const [h, m] = clock(t)!.split(":").map(Number);
  const [eh, em] = expected.split(":").map(Number);
  return Math.abs(h * 60 + m - (eh * 60 + em));
}

describe("almanac of Nice", () => {
  // Published times (upper limb, standard refraction, sea horizon), local time.
  it.each([
    ["2025-06-21", "05:49", "21:16"], // summer solstice, CEST
    ["2025-12-21", "08:01", "16:57"], // winter solstice, CET
    ["2025-03-20", "06:34", "18:43"], // March equinox
  ])("gives the sun's rise and set of %s within a minute", (day, sunrise, sunset) => {
    const a = almanac(day, NICE, PARIS_TZ);
    expect(minutesOff(a.sunrise, sunrise), "sunrise").toBeLessThanOrEqual(1);
    expect(minutesOff(a.sunset, sunset), "sunset").toBeLessThanOrEqual(1);
    expect(a.dayLength).toBe(a.sunset! - a.sunrise!);
  });

  it("gives civil twilight about half an hour around sunrise and sunset", () => {
    const a = almanac("2025-06-21", NICE, PARIS_TZ);
    expect(minutesOff(a.dawn, "05:13")).toBeLessThanOrEqual(1);
    expect(minutesOff(a.dusk, "21:52")).toBeLessThanOrEqual(1);
    expect(a.sunrise! - a.dawn!).toBeGreaterThan(30 * 60);
    expect(a.sunrise! - a.dawn!).toBeLessThan(40 * 60);
  });

  it("measures the change of day length since the day before", () => {
    // Solstices: a few seconds; equinox: about 3 minutes longer each day at 43.7° N.
    expect(Math.abs(almanac("2025-06-21", NICE, PARIS_TZ).dayLengthChange!)).toBeLessThan(10);
    expect(Math.abs(almanac("2025-12-21", NICE, PARIS_TZ).dayLengthChange!)).toBeLessThan(10);
    const march = almanac("2025-03-20", NICE, PARIS_TZ);
    expect(march.dayLengthChange).toBeGreaterThan(160);
    expect(march.dayLengthChange).toBeLessThan(200);
    const a = almanac("2025-03-20", NICE, PARIS_TZ);
    const b = almanac("2025-03-19", NICE, PARIS_TZ);
    expect(a.dayLengthChange).toBe(a.dayLength! - b.dayLength!);
    // Autumn: days shorten.
    expect(almanac("2025-09-22", NICE, PARIS_TZ).dayLengthChange).toBeLessThan(-160);
  });

  it("gives moonrise and moonset within the local day only", () => {
    // New moon on 20 December 2025 at 01:43 UTC: the moon rises and sets with the sun, a little after.
    const a = almanac("2025-12-21", NICE, PARIS_TZ);
    expect(minutesOff(a.moonrise, "09:30")).toBeLessThanOrEqual(2);
    expect(minutesOff(a.moonset, "17:58")).toBeLessThanOrEqual(2);
    // About 50 minutes later each day, so once a month a day has no moonrise.
    const days = Array.from({ length: 31 }, (_, i) => `2025-07-${String(i + 1).padStart(2, "0")}`);
    const withoutRise = days.filter((day) => almanac(day, NICE, PARIS_TZ).moonrise === null);
    expect(withoutRise).toHaveLength(1);
  });
});

describe("moon phase", () => {
  // Published phases (UTC): full moons 15 Dec 2024 09:02 and 10 Jul 2025 20:37, new moons 29 Jan 2025
  // 12:36 and 25 Jun 2025 10:31.
  it.each([
    ["2024-12-15T09:02:00Z", "Pleine lune", 1],
    ["2025-07-10T20:37:00Z", "Pleine lune", 1],
    ["2025-01-29T12:36:00Z", "Nouvelle lune", 0],
    ["2025-06-25T10:31:00Z", "Nouvelle lune", 0],
  ])("at %s: %s", (iso, name, lit) => {
    const moon = moonAt(Date.parse(iso) / 1000);
    expect(moon.name).toBe(name);
    expect(moon.illumination).toBeCloseTo(lit, 2);
    // Within two minutes of the published instant (rounded to the minute): the moon gains 0.5° an hour on the sun.
    const fromExact = Math.min(Math.abs(moon.phaseAngle - (lit ? 180 : 360)), moon.phaseAngle);
    expect(fromExact).toBeLessThan((2 * 0.51) / 60);
  });

  it("names the eight phases in French", () => {
    expect([0, 45, 90, 135, 180, 225, 270, 315, 350, -10].map(moonPhaseName)).toEqual([
      "Nouvelle lune",
      "Premier croissant",
      "Premier quartier",
      "Gibbeuse croissante",
      "Pleine lune",
      "Gibbeuse décroissante",
      "Dernier quartier",
      "Dernier croissant",
      "Nouvelle lune",
      "Nouvelle lune",
    ]);
  });
});

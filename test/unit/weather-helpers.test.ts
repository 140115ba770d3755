import { describe, expect, it } from "vitest";
import { formatNumber, formatValue } from "@/lib/format/numbers";
import { formatParis, localToUtc, startOfLocalDay, zoneOffset } from "@/lib/time";
import { dewPoint, feelsLike, heatIndex, relativeHumidity, windChill } from "@/lib/weather/formulas";
import { isNight, solarElevation } from "@/lib/weather/sun";
import { cardinal, circularMean } from "@/lib/weather/wind";

describe("wind direction", () => {
  it("averages across north", () => {
    expect(circularMean([350, 10])).toBeCloseTo(0, 9);
    expect(circularMean([90, 180])).toBeCloseTo(135, 9);
    expect(circularMean([10, 20, 30], [0, 0, 5])).toBeCloseTo(30, 9);
  });
  it("is null for calm or cancelling winds", () => {
    expect(circularMean([])).toBeNull();
    expect(circularMean([null, null])).toBeNull();
    expect(circularMean([0, 180])).toBeNull();
    expect(circularMean([90], [0])).toBeNull();
  });
  it("labels directions in French", () => {
    expect(cardinal(0)).toBe("N");
    expect(cardinal(359)).toBe("N");
    expect(cardinal(225)).toBe("SO");
    expect(cardinal(292.5)).toBe("ONO");
    expect(cardinal(null)).toBeNull();
  });
});

describe("formulas", () => {
  it("dew point and humidity are inverse", () => {
    expect(dewPoint(20, 50)).toBeCloseTo(9.26, 1);
    expect(relativeHumidity(20, dewPoint(20, 63))).toBeCloseTo(63, 6);
  });
  it("wind chill only applies when cold and windy", () => {
    expect(windChill(-5, 30)).toBeCloseTo(-13.0, 0);
    expect(windChill(15, 30)).toBe(15);
    expect(windChill(0, 3)).toBe(0);
  });
  it("heat index matches NOAA's table", () => {
    // NOAA: 90 °F at 60 % gives 100 °F
    expect((heatIndex(((90 - 32) * 5) / 9, 60) * 9) / 5 + 32).toBeCloseTo(100, 0);
    expect(feelsLike(20, 50, 10)).toBe(20);
  });
});

describe("sun", () => {
  it("is high at noon in summer and below the horizon at midnight in Nice", () => {
    const noon = Date.UTC(2025, 5, 21, 11, 30) / 1000;
    expect(solarElevation(noon, 43.7, 7.26)).toBeGreaterThan(68);
    expect(solarElevation(noon, 43.7, 7.26)).toBeLessThan(70.5);
    expect(isNight(Date.UTC(2025, 5, 21, 22, 30) / 1000, 43.7, 7.26)).toBe(true);
  });
});

describe("time in Europe/Paris", () => {
  it("knows the DST offsets", () => {
    expect(zoneOffset(Date.UTC(2025, 0, 15) / 1000)).toBe(3600);
    expect(zoneOffset(Date.UTC(2025, 6, 15) / 1000)).toBe(7200);
  });
  it("finds local midnight, also on DST change days", () => {
    expect(startOfLocalDay(Date.UTC(2025, 2, 30, 12) / 1000)).toBe(Date.UTC(2025, 2, 29, 23) / 1000);
    expect(startOfLocalDay(Date.UTC(2025, 9, 26, 12) / 1000)).toBe(Date.UTC(2025, 9, 25, 22) / 1000);
    expect(startOfLocalDay(Date.UTC(2025, 9, 25, 22, 30) / 1000)).toBe(Date.UTC(2025, 9, 25, 22) / 1000);
    expect(localToUtc(2025, 3, 30, 3, 0)).toBe(Date.UTC(2025, 2, 30, 1) / 1000);
  });
  it("formats dates for visitors", () => {
    expect(formatParis(Date.UTC(2025, 6, 14, 12, 5) / 1000)).toBe("14/07/2025 14:05");
  });
});

describe("number formatting", () => {
  it("uses French decimals and a dash for missing values", () => {
    expect(formatNumber(12.345)).toBe("12,3");
    expect(formatNumber(-0.04)).toBe("0,0");
    expect(formatValue(1013.25, "hPa")).toBe("1\u202f013,3\u202fhPa");
    expect(formatValue(null, "°C")).toBe("—");
  });
});

describe("rounding", () => {
  it("rounds half away from zero on the decimal value, everywhere", async () => {
    const { roundHalfAway } = await import("@/lib/format/numbers");
    expect(roundHalfAway(12.85, 1)).toBe(12.9);
    expect(roundHalfAway(10.05, 1)).toBe(10.1);
    expect(roundHalfAway(-2.25, 1)).toBe(-2.3);
    expect(roundHalfAway(-0.04, 1)).toBe(0);
    expect(formatNumber(12.85)).toBe("12,9");
    expect(formatNumber(((55.13 - 32) * 5) / 9)).toBe("12,9"); // 12.85 °C from °F, a binary 12.849999…
  });
});

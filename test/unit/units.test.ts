import { describe, expect, it } from "vitest";
import { fromMetric, METRIC, METRICWX, toMetric, US } from "@/lib/archive/units";

describe("unit conversion to metric", () => {
  it("converts US units", () => {
    expect(toMetric("outTemp", 32, US)).toBeCloseTo(0, 10);
    expect(toMetric("dewpoint", 212, US)).toBeCloseTo(100, 10);
    expect(toMetric("barometer", 29.92, US)).toBeCloseTo(1013.2, 1);
    expect(toMetric("windGust", 10, US)).toBeCloseTo(16.09344, 5);
    expect(toMetric("rain", 1, US)).toBeCloseTo(25.4, 10);
    expect(toMetric("rainRate", 0.5, US)).toBeCloseTo(12.7, 10);
    expect(toMetric("windrun", 1, US)).toBeCloseTo(1.609344, 6);
    expect(toMetric("cloudbase", 1000, US)).toBeCloseTo(304.8, 6);
  });

  it("converts METRIC rain from centimetres (the legacy trap)", () => {
    expect(toMetric("rain", 0.12, METRIC)).toBeCloseTo(1.2, 10);
    expect(toMetric("rainRate", 2.5, METRIC)).toBeCloseTo(25, 10);
    expect(toMetric("ET", 0.05, METRIC)).toBeCloseTo(0.5, 10);
    expect(toMetric("outTemp", 12.3, METRIC)).toBe(12.3);
    expect(toMetric("windSpeed", 20, METRIC)).toBe(20);
  });

  it("converts METRICWX wind from m/s and keeps rain in mm", () => {
    expect(toMetric("windSpeed", 10, METRICWX)).toBeCloseTo(36, 10);
    expect(toMetric("rain", 1.2, METRICWX)).toBe(1.2);
    expect(toMetric("barometer", 1013.2, METRICWX)).toBe(1013.2);
  });

  it("leaves unit-free columns alone and keeps nulls", () => {
    for (const system of [US, METRIC, METRICWX] as const) {
      expect(toMetric("outHumidity", 55, system)).toBe(55);
      expect(toMetric("windDir", 350, system)).toBe(350);
      expect(toMetric("UV", 6.5, system)).toBe(6.5);
      expect(toMetric("radiation", 800, system)).toBe(800);
      expect(toMetric("outTemp", null, system)).toBeNull();
    }
  });

  it("round-trips through fromMetric", () => {
    for (const system of [US, METRIC, METRICWX] as const) {
      for (const column of ["outTemp", "barometer", "windSpeed", "rain", "rainRate", "outHumidity"]) {
        expect(toMetric(column, fromMetric(column, 17.3, system), system)).toBeCloseTo(17.3, 9);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import {
  arcLength,
  arcPath,
  dialAngle,
  fractionOf,
  gaugeScale,
  polar,
  tickValues,
} from "@/lib/conditions/gauges";

describe("gauge scales", () => {
  it("keeps each quantity's usual span while the values fit", () => {
    expect(gaugeScale("temperature", [12.3, 8.1, 15])).toEqual({ min: -10, max: 40, step: 10 });
    expect(gaugeScale("pressure", [1013.2, null, undefined])).toEqual({ min: 980, max: 1040, step: 10 });
    expect(gaugeScale("rain", [])).toEqual({ min: 0, max: 10, step: 5 });
  });

  it("widens by whole steps to hold a value outside it", () => {
    expect(gaugeScale("temperature", [-12.4, 41])).toEqual({ min: -20, max: 50, step: 10 });
    expect(gaugeScale("pressure", [968.5, 1001])).toEqual({ min: 960, max: 1040, step: 10 });
    expect(gaugeScale("rain", [23.2])).toEqual({ min: 0, max: 25, step: 5 });
    expect(gaugeScale("uv", [12.1])).toEqual({ min: 0, max: 14, step: 2 });
  });

  it("never widens humidity past 0–100 %", () => {
    expect(gaugeScale("humidity", [100.4, -1])).toEqual({ min: 0, max: 100, step: 20 });
  });

  it("lists the ticks from the minimum to the maximum", () => {
    expect(tickValues({ min: -10, max: 40, step: 10 })).toEqual([-10, 0, 10, 20, 30, 40]);
    expect(tickValues({ min: 0, max: 1, step: 0.2 })).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe("dial geometry", () => {
  const scale = { min: -10, max: 40, step: 10 };

  it("places values on a 270° dial from lower left to lower right, clamped", () => {
    expect(dialAngle(-10, scale)).toBe(-135);
    expect(dialAngle(15, scale)).toBe(0); // the middle of the scale is straight up
    expect(dialAngle(40, scale)).toBe(135);
    expect(dialAngle(60, scale)).toBe(135);
    expect(fractionOf(-30, scale)).toBe(0);
    expect(fractionOf(2.5, scale)).toBeCloseTo(0.25, 12);
  });

  it("measures angles clockwise from up, as a compass does", () => {
    expect(polar(50, 50, 10, 0)).toEqual([50, 40]); // north: up
    expect(polar(50, 50, 10, 90)).toEqual([60, 50]); // east: right
    expect(polar(50, 50, 10, 180)).toEqual([50, 60]);
    expect(polar(50, 50, 10, 270)).toEqual([40, 50]); // west: left
    expect(polar(0, 0, 10, -135)).toEqual([-7.07, 7.07]);
  });

  it("draws arcs clockwise, with the large-arc flag past 180°", () => {
    expect(arcPath(50, 50, 10, -90, 90)).toBe("M40 50A10 10 0 0 1 60 50");
    expect(arcPath(50, 50, 10, -135, 135)).toBe("M42.93 57.07A10 10 0 1 1 57.07 57.07");
    // An empty range is a point, a full turn stops just short of closing (an arc cannot end where it starts).
    expect(arcPath(50, 50, 10, 30, 10)).toBe("M55 41.34A10 10 0 0 1 55 41.34");
    expect(arcPath(50, 50, 10, 0, 360)).toMatch(/^M50 40A10 10 0 1 1 50 40$/);
    expect(arcLength(10, 180)).toBeCloseTo(Math.PI * 10, 12);
  });
});

import { describe, expect, it } from "vitest";
import { faultyNetwork, scoreVerdicts } from "@/lib/demo/qc-faults";
import { checkRecords, clockShiftHours } from "@/lib/qc/checks";

/**
 * The quality-control checks on a test network: realistic weather (lib/demo/weather.ts) at a station and
 * five neighbours, with a fault of every kind injected at the station, and real extremes (a foehn
 * onset, a storm's pressure dip, a heavy shower) in the whole network.
 */

const network = faultyNetwork(Date.UTC(2026, 2, 1) / 1000);
const context = {
  now: network.now,
  latitude: network.profile.latitude,
  longitude: network.profile.longitude,
  altitude: network.profile.altitude,
  temperatureLimits: network.temperatureLimits,
  neighbours: network.neighbours,
};
const verdicts = checkRecords(network.records, context);
const score = scoreVerdicts(network, verdicts);

describe("quality-control checks", () => {
  it.each(score.caught.map((c) => [c.fault.kind, c] as const))("catch the fault: %s", (_kind, caught) => {
    expect(caught.records).toBeGreaterThan(0);
    expect(caught.verdicts).toBeGreaterThan(0);
  });

  it("flag every record of a stuck temperature, and say why in figures", () => {
    const stuck = score.caught.find((c) => c.fault.kind === "température bloquée")!;
    expect(stuck.verdicts).toBe(stuck.records);
    const verdict = verdicts.find((v) => v.check === "persistence" && v.quantity === "outTemp");
    expect(verdict?.detail).toMatch(/^valeur bloquée à [\d,]+\s°C pendant 6,0 h \(limite 4,0 h\)$/);
  });

  it("leave the real extremes alone: foehn, storm pressure dip, heavy shower", () => {
    expect(score.extremeFlags).toEqual([]);
  });

  it("flag few good values", () => {
    expect(score.falseFlagRate).toBeLessThan(0.002);
    expect(score.falseFlags.filter((v) => v.level === "ERRONEOUS")).toEqual([]);
  });

  it("need enough neighbours before comparing with them", () => {
    const alone = checkRecords(network.records, { ...context, neighbours: network.neighbours.slice(0, 2) });
    expect(alone.some((v) => v.check === "spatial")).toBe(false);
    expect(verdicts.some((v) => v.check === "spatial")).toBe(true);
  });

  it("let a manager's tolerance widen a check", () => {
    const tolerant = checkRecords(network.records, { ...context, tolerance: { persistence: 2 } });
    const stuck = (list: typeof verdicts) =>
      list.filter((v) => v.check === "persistence" && v.quantity === "outTemp" && v.level === "ERRONEOUS");
    expect(stuck(verdicts).length).toBeGreaterThan(0);
    expect(stuck(tolerant)).toEqual([]);
  });

  it("see a clock an hour late from the sunrise and sunset in the radiation", () => {
    const day = Date.UTC(2026, 2, 1) / 1000 + 31 * 86400;
    const records = network.records.filter((r) => r.dateTime > day && r.dateTime <= day + 86400);
    expect(clockShiftHours(records, network.profile.latitude, network.profile.longitude)).toBe(1);
    const before = network.records.filter((r) => r.dateTime > day - 86400 && r.dateTime <= day);
    expect(clockShiftHours(before, network.profile.latitude, network.profile.longitude)).toBe(0);
  });
});

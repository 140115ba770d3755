import { describe, expect, it } from "vitest";
import { aggregateRecords, applyInvalidations, hourStart } from "@/lib/aggregates/compute";
import type { HourRow } from "@/lib/aggregates/store";
import type { Observation } from "@/lib/archive/reader";
import { climateFingerprint, computeClimateDay, dayWindows, isPartial } from "@/lib/climate/daily";
import { addDays, formatParis } from "@/lib/time";

/** Hand-made records, aggregated by the real hourly aggregation, as the job does. */
function hoursOf(records: readonly Observation[]): HourRow[] {
  const byHour = new Map<number, Observation[]>();
  for (const record of records) {
    const start = hourStart(record.dateTime);
    byHour.set(start, [...(byHour.get(start) ?? []), record]);
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, bucket]) => ({ start, aggregate: aggregateRecords(bucket, start + 3600) }));
}

const utc = (iso: string) => Date.parse(`${iso}Z`) / 1000;

/** Records every `interval` minutes over (from, to], with the values `at(t)` (default: 10 °C, dry). */
function records(
  from: string,
  to: string,
  interval = 5,
  at: (t: number) => Partial<Observation> = () => ({}),
): Observation[] {
  const result: Observation[] = [];
  for (let t = utc(from) + interval * 60; t <= utc(to); t += interval * 60) {
    result.push({ dateTime: t, interval, outTemp: 10, outHumidity: 70, rain: 0, rainRate: 0, ...at(t) });
  }
  return result;
}

const FAR_LATER = utc("2030-01-01T00:00");

describe("daily windows (UTC, a record stamped t is in (A, B] when A < t <= B)", () => {
  // D = 15 January 2025. Special values at the edges of the windows:
  const special: Record<string, Partial<Observation>> = {
    "2025-01-15T06:00": { outTemp: 35, rain: 1.2, rainRate: 50 }, // ends D-1's Tx/RR window
    "2025-01-15T06:05": { rain: 0.4, rainRate: 4 }, // first record of D's Tx/RR window
    "2025-01-15T18:00": { outTemp: -5 }, // ends D's Tn window
    "2025-01-15T18:05": { outTemp: -8 }, // first record of D+1's Tn window
    "2025-01-16T06:00": { outTemp: 30, rain: 2, rainRate: 24 }, // ends D's Tx/RR window
    "2025-01-16T06:05": { outTemp: 20, rain: 3, rainRate: 30 }, // D+1
  };
  const data = records("2025-01-14T12:00", "2025-01-17T12:00", 5, (t) => {
    const iso = new Date(t * 1000).toISOString().slice(0, 16);
    return special[iso] ?? {};
  });
  const hours = hoursOf(data);
  const d = computeClimateDay("2025-01-15", hours, FAR_LATER)!;
  const next = computeClimateDay("2025-01-16", hours, FAR_LATER)!;

  it("puts a record stamped exactly 18:00 UTC in that day's Tn window, one at 18:05 in the next day's", () => {
    expect(d.tn).toBe(-5);
    expect(d.tnAt).toBe(utc("2025-01-15T18:00"));
    expect(next.tn).toBe(-8);
    expect(next.tnAt).toBe(utc("2025-01-15T18:05"));
  });

  it("takes Tx and RR over (D 06:00, D+1 06:00], with the max rain rate and its own time", () => {
    expect(d.tx).toBe(30);
    expect(d.txAt).toBe(utc("2025-01-16T06:00"));
    expect(d.rr).toBeCloseTo(0.4 + 2, 12);
    expect(d.rrRateMax).toBe(24);
    expect(d.rrRateMaxAt).toBe(utc("2025-01-16T06:00"));
    expect(next.tx).toBe(20);
    expect(next.rr).toBeCloseTo(3, 12);
    expect(next.rrRateMax).toBe(30);
  });

  it("computes Tmoy = (Tn + Tx) / 2, the amplitude, and the three other means of 00–24 UTC", () => {
    expect(d.tnTxMean).toBe((-5 + 30) / 2);
    expect(d.amplitude).toBe(35);
    // 288 records of (D 00:00, D+1 00:00]: 285 at 10 °C, then 35, -5 and -8.
    expect(d.tmean).toBeCloseTo((285 * 10 + 35 - 5 - 8) / 288, 12);
    // The 24 hourly observations (01:00 … 24:00 UTC): 06:00 is 35 and 18:00 is -5.
    expect(d.t24).toBeCloseTo((22 * 10 + 35 - 5) / 24, 12);
    expect(d.t24Count).toBe(24);
    // The 8 three-hourly observations (03:00, 06:00 … 24:00 UTC).
    expect(d.t8).toBeCloseTo((6 * 10 + 35 - 5) / 8, 12);
    expect(d.t8Count).toBe(8);
  });

  it("reports full coverage of every window and a final day", () => {
    expect([d.tnCoverage, d.txCoverage, d.rrCoverage, d.dayCoverage]).toEqual([1, 1, 1, 1]);
    expect(d.partial).toBe(false);
    expect(d.humidityMin).toBe(70);
  });

  it("leaves a window without enough data null, with its coverage", () => {
    // D-1's Tx window (D-1 06:00, D 06:00] only has data from D-1 12:00: 75 %.
    const previous = computeClimateDay("2025-01-14", hours, FAR_LATER)!;
    expect(previous.txCoverage).toBe(0.75);
    expect(previous.tx).toBeNull();
    expect(previous.rr).toBeNull();
    expect(previous.tnTxMean).toBeNull();
    expect(previous.tn).toBeNull(); // (D-2 18:00, D-1 18:00]: 6 hours of 24
    expect(previous.tnCoverage).toBe(0.25);
  });

  it("uses the windows of day D only (hours outside are ignored)", () => {
    expect(dayWindows("2025-01-15")).toEqual({
      tn: { from: utc("2025-01-14T18:00"), to: utc("2025-01-15T18:00") },
      tx: { from: utc("2025-01-15T06:00"), to: utc("2025-01-16T06:00") },
      rr: { from: utc("2025-01-15T06:00"), to: utc("2025-01-16T06:00") },
      day: { from: utc("2025-01-15T00:00"), to: utc("2025-01-16T00:00") },
    });
    expect(computeClimateDay("2025-01-20", hours, FAR_LATER)).toBeNull();
  });
});

describe("days across the DST changes (windows stay 24 UTC hours; only display is local)", () => {
  for (const date of ["2025-03-30", "2025-10-26"]) {
    it(`${date}: 288 five-minute records per window, times in UTC`, () => {
      const minimum = `${date}T17:55`; // 18:55 or 19:55 in Paris
      const data = records(`${addDays(date, -1)}T00:00`, `${addDays(date, 2)}T00:00`, 5, (t) =>
        t === utc(minimum) ? { outTemp: -2 } : t === utc(`${date}T18:00`) ? { outTemp: -1 } : {},
      );
      const day = computeClimateDay(date, hoursOf(data), FAR_LATER)!;
      expect([day.tnCoverage, day.txCoverage, day.dayCoverage]).toEqual([1, 1, 1]);
      expect(day.tn).toBe(-2);
      expect(day.tnAt).toBe(utc(minimum));
      expect(formatParis(day.tnAt!, { timeStyle: "short" })).toBe(date === "2025-03-30" ? "19:55" : "18:55");
      expect(day.t24Count).toBe(24);
      // The record at 18:00 UTC is still in D's Tn window, whatever the local time.
      const next = computeClimateDay(addDays(date, 1), hoursOf(data), FAR_LATER)!;
      expect(next.tn).toBe(10);
    });
  }
});

describe("coverage", () => {
  it("counts minutes, so an interval change in mid-day (10 → 5 min) is still full coverage", () => {
    const data = [
      ...records("2025-06-01T00:00", "2025-06-02T12:00", 10),
      ...records("2025-06-02T12:00", "2025-06-04T00:00", 5),
    ];
    const day = computeClimateDay("2025-06-02", hoursOf(data), FAR_LATER)!;
    expect([day.tnCoverage, day.txCoverage, day.rrCoverage, day.dayCoverage]).toEqual([1, 1, 1, 1]);
    expect(day.tn).toBe(10);
    // A 3-hour hole in the 10-minute part: 18 records of 10 minutes missing.
    const holed = data.filter(
      (r) => r.dateTime <= utc("2025-06-02T02:00") || r.dateTime > utc("2025-06-02T05:00"),
    );
    const partial = computeClimateDay("2025-06-02", hoursOf(holed), FAR_LATER)!;
    expect(partial.dayCoverage).toBe((1440 - 180) / 1440);
    expect(partial.tnCoverage).toBe((1440 - 180) / 1440);
    expect(partial.txCoverage).toBe(1);
    expect(partial.tn).toBe(10); // 87.5 % ≥ 80 %
  });

  it("publishes a value at exactly 80 % coverage and not below", () => {
    // Four-minute records: 360 per day, so 72 missing is exactly 20 %.
    const base = records("2025-02-01T00:00", "2025-02-04T00:00", 4);
    const without = (count: number) => {
      const from = utc("2025-02-02T00:00");
      return base.filter((r) => r.dateTime <= from || r.dateTime > from + count * 240);
    };
    const at80 = computeClimateDay("2025-02-02", hoursOf(without(72)), FAR_LATER)!;
    expect(at80.tnCoverage).toBe(0.8);
    expect(at80.tn).toBe(10);
    expect(at80.tmean).toBe(10);
    const below = computeClimateDay("2025-02-02", hoursOf(without(73)), FAR_LATER)!;
    expect(below.tnCoverage).toBeCloseTo(287 / 360, 12);
    expect(below.tn).toBeNull();
    expect(below.tmean).toBeNull();
    expect(below.tnTxMean).toBeNull();
    expect(below.tx).toBe(10); // the Tx window starts at 06:00: untouched
  });

  it("needs 20 of the 24 hourly values and 7 of the 8 three-hourly ones", () => {
    const data = records("2025-02-01T00:00", "2025-02-04T00:00", 60); // one record an hour
    const drop = (hours: number[]) =>
      data.filter((r) => !hours.some((h) => r.dateTime === utc("2025-02-02T00:00") + h * 3600));
    const four = computeClimateDay("2025-02-02", hoursOf(drop([1, 2, 4, 5])), FAR_LATER)!;
    expect(four.t24Count).toBe(20);
    expect(four.t24).toBe(10);
    expect(four.t8Count).toBe(8);
    const five = computeClimateDay("2025-02-02", hoursOf(drop([1, 2, 4, 5, 3])), FAR_LATER)!;
    expect(five.t24Count).toBe(19);
    expect(five.t24).toBeNull();
    expect(five.t8Count).toBe(7);
    expect(five.t8).toBe(10);
    const twoThreeHourly = computeClimateDay("2025-02-02", hoursOf(drop([3, 6])), FAR_LATER)!;
    expect(twoThreeHourly.t8Count).toBe(6);
    expect(twoThreeHourly.t8).toBeNull();
  });

  it("excludes invalidated sensors as if missing", () => {
    const data = records("2025-02-01T00:00", "2025-02-04T00:00", 5, () => ({ rain: 0.2 }));
    const invalid = applyInvalidations(data, [
      { sensor: "TEMPERATURE", from: utc("2025-02-02T00:00"), to: utc("2025-02-02T05:00") },
    ]);
    const day = computeClimateDay("2025-02-02", hoursOf(invalid), FAR_LATER)!;
    expect(day.tnCoverage).toBeCloseTo(19 / 24, 12);
    expect(day.tn).toBeNull();
    expect(day.tmean).toBeNull(); // 19 of 24 hours of temperature
    expect(day.tx).toBe(10);
    expect(day.rr).toBeCloseTo(288 * 0.2, 9);
    expect(day.humidityMin).toBe(70); // other sensors are still valid
    expect(day.dayCoverage).toBe(1);
  });
});

describe("partial days", () => {
  const data = records("2025-01-14T00:00", "2025-01-16T03:00");
  const hours = hoursOf(data);

  it("are partial until D+1 06:00 UTC, with coverage over the elapsed part of each window", () => {
    const at = utc("2025-01-16T03:00");
    const day = computeClimateDay("2025-01-15", hours, at)!;
    expect(day.partial).toBe(true);
    expect(day.txCoverage).toBe(1); // 21 elapsed hours, all covered
    expect(day.tx).toBe(10);
    expect(isPartial("2025-01-15", utc("2025-01-16T05:59"))).toBe(true);
    expect(isPartial("2025-01-15", utc("2025-01-16T06:00"))).toBe(false);
  });

  it("ignore hours after the time of computation, and become final later", () => {
    const early = computeClimateDay("2025-01-15", hours, utc("2025-01-15T12:00"))!;
    expect(early.tx).toBe(10);
    expect(early.t24Count).toBe(12);
    const later = computeClimateDay("2025-01-15", hours, utc("2025-01-16T07:00"))!;
    expect(later.partial).toBe(false);
    expect(later.txCoverage).toBe(21 / 24); // the data stops at 03:00
    expect(later.tx).toBe(10);
  });
});

describe("a leap day", () => {
  it("is a day like another, between 28 February and 1 March", () => {
    const data = records("2024-02-28T00:00", "2024-03-02T00:00", 5, (t) =>
      t === utc("2024-02-29T12:00") ? { outTemp: 18 } : {},
    );
    const day = computeClimateDay("2024-02-29", hoursOf(data), FAR_LATER)!;
    expect(day.date).toBe("2024-02-29");
    expect(day.tx).toBe(18);
    expect(day.txCoverage).toBe(1);
  });
});

describe("fingerprints", () => {
  const data = records("2025-01-14T00:00", "2025-01-17T00:00");
  const hours = hoursOf(data);

  it("change when an hour under the day's windows changes, and only then", () => {
    const base = climateFingerprint("2025-01-15", hours, FAR_LATER);
    expect(climateFingerprint("2025-01-15", hoursOf(data), FAR_LATER)).toBe(base);
    const late = data.filter((r) => r.dateTime !== utc("2025-01-16T05:00"));
    expect(climateFingerprint("2025-01-15", hoursOf(late), FAR_LATER)).not.toBe(base);
    const outside = data.filter((r) => r.dateTime !== utc("2025-01-16T07:00"));
    expect(climateFingerprint("2025-01-15", hoursOf(outside), FAR_LATER)).toBe(base);
    const edited = data.map((r) => (r.dateTime === utc("2025-01-14T19:00") ? { ...r, outHumidity: 50 } : r));
    expect(climateFingerprint("2025-01-15", hoursOf(edited), FAR_LATER)).not.toBe(base);
  });
});

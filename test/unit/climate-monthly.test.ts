import { describe, expect, it } from "vitest";
import type { ClimateDay } from "@/lib/climate/daily";
import {
  lastFinalDay,
  type PeriodSummary,
  summarizeMonth,
  summarizeYear,
  summarizeYearFromDays,
} from "@/lib/climate/monthly";
import {
  anomalies,
  monthlyReferences,
  periodValues,
  referenceFrom,
  referenceLabel,
  yearlyReference,
  yearValues,
} from "@/lib/climate/normals";
import { rankBadges, recordTables } from "@/lib/climate/records";
import { daysOfMonth } from "@/lib/time";
import { climateDay } from "../helpers/climate";

const utc = (iso: string) => Date.parse(`${iso}Z`) / 1000;
const LATER = utc("2031-01-01T00:00");

/** A final day with the given values (everything else null). */
function day(date: string, values: Partial<ClimateDay> = {}): ClimateDay {
  const tn = values.tn === undefined ? 5 : values.tn;
  const tx = values.tx === undefined ? 15 : values.tx;
  return climateDay(date, {
    tn,
    tx,
    tnTxMean: tn !== null && tx !== null ? (tn + tx) / 2 : null,
    amplitude: tn !== null && tx !== null ? tx - tn : null,
    rr: 0,
    ...values,
  });
}

const monthDays = (
  month: string,
  values: (date: string, i: number) => Partial<ClimateDay> | null = () => ({}),
) =>
  daysOfMonth(month)
    .map((date, i) => {
      const v = values(date, i);
      return v === null ? null : day(date, v);
    })
    .filter((d): d is ClimateDay => d !== null);

describe("the WMO 11/5 rule for monthly means", () => {
  const missing = (days: number[]) => monthDays("2025-03", (_, i) => (days.includes(i + 1) ? null : {}));

  it("accepts 10 missing days, none 5 in a row", () => {
    const month = summarizeMonth("2025-03", missing([1, 2, 3, 4, 10, 11, 12, 13, 20, 21]), LATER);
    expect(month.tn).toEqual({ mean: 5, present: 21, missing: 10, longestGap: 4 });
    expect(month.tnTxMean.mean).toBe(10);
  });

  it("refuses 11 missing days", () => {
    const month = summarizeMonth("2025-03", missing([1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 30]), LATER);
    expect(month.tn.mean).toBeNull();
    expect(month.tn.missing).toBe(11);
  });

  it("refuses 5 consecutive missing days, even with few missing", () => {
    const month = summarizeMonth("2025-03", missing([27, 28, 29, 30, 31]), LATER);
    expect(month.tn).toEqual({ mean: null, present: 26, missing: 5, longestGap: 5 });
  });

  it("counts a null value as missing, value by value", () => {
    const days = monthDays("2025-03", (_, i) => (i < 6 ? { tx: null } : {}));
    const month = summarizeMonth("2025-03", days, LATER);
    expect(month.tx.mean).toBeNull(); // 6 consecutive days without Tx
    expect(month.tn.mean).toBe(5);
    expect(month.tnTxMean.mean).toBeNull();
  });

  it("applies to a station that starts mid-month: the days before it are missing", () => {
    const from16 = summarizeMonth(
      "2025-03",
      monthDays("2025-03", (_, i) => (i + 1 >= 16 ? {} : null)),
      LATER,
    );
    expect(from16.tn.missing).toBe(15);
    expect(from16.tn.mean).toBeNull();
    expect(from16.rr.total).toBeNull();
    expect(from16.rr.sum).toBe(0);
    expect(from16.extremes.txMax?.date).toBe("2025-03-16");
  });
});

describe("monthly totals, extremes, counts and DJU", () => {
  const rain = [0, 0.2, 1, 4.9, 5, 10, 29.9, 30, 50, 100.4];
  const days = monthDays("2024-02", (date, i) => ({
    rr: rain[i] ?? 0,
    tn: i === 3 ? -6 : i === 4 ? 21 : 0.5 * i - 2,
    tx: i === 5 ? 35 : i === 6 ? -0.5 : 12,
    gustMax: i === 8 ? 90 : 40,
    gustDir: i === 8 ? 225 : 0,
    gustAt: i === 8 ? utc(`${date}T14:10`) : null,
  }));

  it("has 29 days in February of a leap year", () => {
    expect(daysOfMonth("2024-02")).toHaveLength(29);
    expect(daysOfMonth("2025-02")).toHaveLength(28);
    expect(summarizeMonth("2024-02", days, LATER).daysExpected).toBe(29);
  });

  it("totals rain only when no day is missing; otherwise returns the partial sum apart", () => {
    const full = summarizeMonth("2024-02", days, LATER);
    const sum = rain.reduce((a, b) => a + b, 0);
    expect(full.rr.total).toBeCloseTo(sum, 9);
    expect(full.rr.sum).toBeCloseTo(sum, 9);
    const oneMissing = summarizeMonth(
      "2024-02",
      days.map((d) => (d.date === "2024-02-20" ? { ...d, rr: null } : d)),
      LATER,
    );
    expect(oneMissing.rr.total).toBeNull();
    expect(oneMissing.rr.sum).toBeCloseTo(sum, 9);
    expect(oneMissing.rr.missing).toBe(1);
  });

  it("finds the extremes with their dates", () => {
    const month = summarizeMonth("2024-02", days, LATER);
    expect(month.extremes.tnMin).toEqual({ value: -6, date: "2024-02-04", at: null });
    expect(month.extremes.tnMax?.value).toBe(21);
    expect(month.extremes.txMax).toMatchObject({ value: 35, date: "2024-02-06" });
    expect(month.extremes.txMin).toMatchObject({ value: -0.5, date: "2024-02-07" });
    expect(month.extremes.rrMax).toMatchObject({ value: 100.4, date: "2024-02-10" });
    expect(month.extremes.gustMax).toEqual({
      value: 90,
      date: "2024-02-09",
      at: utc("2024-02-09T14:10"),
      dir: 225,
    });
  });

  it("counts the Météo-France days over the days present", () => {
    const month = summarizeMonth("2024-02", days, LATER);
    // Tn: -2, -1.5, -1, -6, 21, then 0.5, 1 … 12; Tx: 12 except 35 and -0.5;
    // RR: 0, 0.2, 1, 4.9, 5, 10, 29.9, 30, 50, 100.4, then dry days.
    expect(month.counts).toMatchObject({
      tnDays: 29,
      txDays: 29,
      rrDays: 29,
      tnLe0: 4,
      tnLeMinus5: 1,
      tnGe20: 1,
      txLe0: 1,
      txGe25: 1,
      txGe30: 1,
      txGe35: 1,
      rrGe1: 8,
      rrGe5: 6,
      rrGe10: 5,
      rrGe30: 3,
      rrGe50: 2,
      rrGe100: 1,
    });
  });

  it("sums the heating degree days max(0, 18 - Tmoy)", () => {
    const month = summarizeMonth("2024-02", days, LATER);
    const expected = days.reduce(
      (sum, d) => sum + Math.max(0, 18 - ((d.tn as number) + (d.tx as number)) / 2),
      0,
    );
    expect(month.dju).toEqual({ sum: expect.closeTo(expected, 9), days: 29, complete: true });
  });
});

describe("months in progress and partial days", () => {
  it("counts only final days up to the last final one", () => {
    // 10 March 2025 at 05:00 UTC: 9 March is not final yet (until 10 March 06:00).
    expect(lastFinalDay(utc("2025-03-10T05:00"))).toBe("2025-03-08");
    expect(lastFinalDay(utc("2025-03-10T06:00"))).toBe("2025-03-09");
    const days = monthDays("2025-03", (date) =>
      date <= "2025-03-09" ? { partial: date === "2025-03-09" } : null,
    );
    const month = summarizeMonth("2025-03", days, utc("2025-03-10T05:00"));
    expect(month.inProgress).toBe(true);
    expect(month.daysExpected).toBe(8);
    expect(month.tn).toMatchObject({ mean: 5, present: 8, missing: 0 });
    expect(month.rr.total).toBe(0);
  });
});

describe("yearly values from monthly values", () => {
  const full = (year: number, tn = 5, rr = 1) =>
    summarizeYearFromDays(
      year,
      Array.from({ length: 12 }, (_, m) =>
        monthDays(`${year}-${String(m + 1).padStart(2, "0")}`, () => ({ tn: tn + m, rr })),
      ).flat(),
      LATER,
    );

  it("means the 12 monthly means and totals the 12 monthly totals", () => {
    const { year, months } = full(2024);
    expect(months).toHaveLength(12);
    expect(year.tn.mean).toBeCloseTo(5 + 5.5, 12); // mean of 5 … 16
    expect(year.rr.total).toBe(366);
    expect(year.daysInPeriod).toBe(366);
    expect(year.counts.rrGe1).toBe(366);
  });

  it("needs all 12 monthly means: one invalid month makes the yearly mean null", () => {
    const { months } = full(2023);
    const broken: PeriodSummary[] = months.map((m, i) =>
      i === 6 ? { ...m, tn: { ...m.tn, mean: null }, rr: { ...m.rr, total: null } } : m,
    );
    const year = summarizeYear(2023, broken);
    expect(year.tn.mean).toBeNull();
    expect(year.tx.mean).not.toBeNull();
    expect(year.rr.total).toBeNull();
    expect(year.rr.sum).toBe(365);
  });
});

describe("normals and station averages", () => {
  const months = (from: number, to: number, tn: (year: number) => number) =>
    Array.from({ length: to - from + 1 }, (_, i) =>
      periodValues(
        summarizeMonth(
          `${from + i}-01`,
          monthDays(`${from + i}-01`, () => ({ tn: tn(from + i), rr: 2 })),
          LATER,
        ),
      ),
    );

  it("uses the station average, labelled with its period and year count, when 1991–2020 has too few years", () => {
    const ref = monthlyReferences(months(2016, 2025, (y) => y - 2020))[0];
    expect(ref.tn).toMatchObject({ kind: "average", years: 10, firstYear: 2016, lastYear: 2025 });
    expect(ref.tn.value).toBeCloseTo(0.5, 12); // mean of -4 … 5
    expect(ref.rr.value).toBe(62);
    expect(referenceLabel(ref.tn)).toBe("moyenne de la station 2016–2025 (10 ans)");
  });

  it("uses the WMO 1991–2020 normal when 24 of the 30 years are valid, not with 23", () => {
    const all = months(1985, 2025, (y) => (y >= 1991 && y <= 2020 ? 3 : 10));
    // Remove 6 years of the normal period: 24 left.
    const with24 = all.filter(
      (m) => !["1991", "1992", "1993", "1994", "1995", "1996"].includes(m.period.slice(0, 4)),
    );
    expect(referenceFrom(with24).tn).toMatchObject({ kind: "normal", value: 3, years: 24 });
    expect(referenceLabel(referenceFrom(with24).tn)).toBe("normale OMM 1991–2020");
    const with23 = with24.filter((m) => m.period.slice(0, 4) !== "1997");
    expect(referenceFrom(with23).tn.kind).toBe("average");
  });

  it("gives the anomalies of a month against its reference", () => {
    const ref = referenceFrom(months(2016, 2025, () => 4));
    const march = summarizeMonth(
      "2026-01",
      monthDays("2026-01", () => ({ tn: 5.5, rr: 4 })),
      LATER,
    );
    expect(anomalies(march, ref)).toEqual({ tn: 1.5, tx: 0, tnTxMean: 0.75, rr: 62, rrRatio: 2 });
  });

  it("never counts a month in progress, and builds a year from its 12 months only", () => {
    const values = months(2020, 2021, () => 4);
    const current = { ...values[1], inProgress: true, tn: 20 };
    expect(referenceFrom([values[0], current]).tn).toMatchObject({ value: 4, years: 1 });
    const full = Array.from({ length: 12 }, (_, i) => ({
      period: `2024-${String(i + 1).padStart(2, "0")}`,
      inProgress: false,
      tn: i,
      tx: 10 + i,
      tnTxMean: 5 + i,
      rr: 10,
    }));
    expect(yearValues(2024, full)).toEqual({
      period: "2024",
      inProgress: false,
      tn: 5.5,
      tx: 15.5,
      tnTxMean: 10.5,
      rr: 120,
    });
    const eleven = yearValues(2024, full.slice(1));
    expect(eleven).toMatchObject({ inProgress: true, tn: null, rr: null });
    expect(
      yearlyReference([
        ...full,
        ...full.map((m) => ({ ...m, period: m.period.replace("2024", "2025"), rr: 20 })),
      ]).rr,
    ).toMatchObject({
      value: 180,
      years: 2,
    });
  });
});

describe("record ranks", () => {
  const candidates = new Map([
    [
      "tnLow",
      [
        { date: "2024-01-02", value: -7, at: null },
        { date: "2024-01-01", value: -3, at: null },
        { date: "2024-01-03", value: -3, at: null },
        { date: "2024-01-05", value: 2, at: null },
      ],
    ],
    [
      "rr",
      [
        { date: "2024-01-03", value: 40, at: null },
        { date: "2024-01-02", value: 12, at: null },
      ],
    ],
  ]);

  it("are competition ranks: equal values share the rank of the first, the next one skips", () => {
    const tables = recordTables(candidates);
    expect(tables.map((t) => t.parameter.key)).toEqual(["tnLow", "rr"]); // parameters without days are left out
    expect(tables[0].entries.map((e) => [e.rank, e.date, e.value])).toEqual([
      [1, "2024-01-02", -7],
      [2, "2024-01-01", -3],
      [2, "2024-01-03", -3],
      [4, "2024-01-05", 2],
    ]);
  });

  it("give a day its rank badges", () => {
    const badges = rankBadges(recordTables(candidates), "2024-01-03");
    expect(badges.map((b) => [b.key, b.rank, b.value, b.unit])).toEqual([
      ["tnLow", 2, -3, "°C"],
      ["rr", 1, 40, "mm"],
    ]);
    expect(rankBadges(recordTables(candidates), "2024-02-01")).toEqual([]);
  });
});

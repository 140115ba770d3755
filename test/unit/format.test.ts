import { describe, expect, it } from "vitest";
import { peakCell } from "@/components/stations/values";
import { signed } from "@/lib/climate/format";
import { frenchCsv } from "@/lib/format/csv";
import { formatNumber, formatValue, MINUS, roundHalfAway } from "@/lib/format/numbers";

describe("French numbers", () => {
  it("writes one minus sign, U+2212, and never a minus zero", () => {
    expect(MINUS).toBe("\u2212");
    expect(formatNumber(-3.45)).toBe("\u22123,5");
    expect(formatValue(-12, "°C", 0)).toBe("\u221212\u202f°C");
    expect(formatNumber(-0.04)).toBe("0,0");
    expect(signed(-0.4)).toBe("\u22120,4");
    expect(signed(1.2)).toBe("+1,2");
    expect(signed(0.04)).toBe("0,0");
    expect(signed(null)).toBe("—");
  });

  it("writes what Intl's French formatter writes, digit for digit, without asking it", () => {
    const values = [
      0, 0.05, 0.5, 1.005, 9.95, 12.85, 10.05, 999.95, 1000, 1234.5, 99_999.99, 123_456_789.123,
    ];
    // and a spread of values a weather station and an admin page show, from hundredths to billions
    for (let i = 0; i < 2000; i++)
      values.push(((i * 7919) % 104_729) / 10 ** (i % 6) + i * 1_000_003 * (i % 3));
    for (const decimals of [0, 1, 2, 3]) {
      const intl = new Intl.NumberFormat("fr-FR", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      for (const value of values.flatMap((v) => [v, -v])) {
        const rounded = roundHalfAway(value, decimals);
        expect(formatNumber(value, decimals), `${value} to ${decimals}`).toBe(
          intl.format(rounded).replace("-", MINUS),
        );
      }
    }
    expect(formatNumber(1234567.891, 2)).toBe("1\u202f234\u202f567,89");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatNumber(null)).toBe("—");
  });

  it("gives no time for a maximum that stayed at zero", () => {
    expect(peakCell({ value: 0, at: 1_700_000_000 }, "mm/h")).toBe("0,0\u202fmm/h");
    expect(peakCell({ value: 0.04, at: 1_700_000_000 }, "mm/h")).toBe("0,0\u202fmm/h");
    expect(peakCell({ value: 4.2, at: 1_700_000_000 }, "mm/h")).toMatch(/^4,2\u202fmm\/h à \d\d:\d\d$/);
    expect(peakCell(null, "mm/h")).toBe("—");
  });
});

describe("CSV in the French spreadsheet dialect", () => {
  it("uses semicolons and decimal commas, quotes what needs it, and starts with a BOM", () => {
    const rfc =
      'time,outTemp (°C),note\r\n2025-06-01T10:05:00Z,-3.25,"a, b; ""c"""\r\n2025-06-01T10:10:00Z,,12\r\n';
    expect(frenchCsv(rfc)).toBe(
      '\uFEFFtime;outTemp (°C);note\r\n2025-06-01T10:05:00Z;-3,25;"a, b; ""c"""\r\n2025-06-01T10:10:00Z;;12\r\n',
    );
  });

  it("keeps a cell written with a leading quote mark (a neutralised formula) as it is", () => {
    expect(frenchCsv("x\r\n'=1+2\r\n")).toBe("\uFEFFx\r\n'=1+2\r\n");
  });
});

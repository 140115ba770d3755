import { describe, expect, it } from "vitest";
import { peakCell } from "@/components/stations/values";
import { signed } from "@/lib/climate/format";
import { frenchCsv } from "@/lib/format/csv";
import { formatNumber, formatValue, MINUS } from "@/lib/format/numbers";

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

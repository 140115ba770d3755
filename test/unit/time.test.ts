import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dateToDay,
  dayLabel,
  daysBetween,
  dayToDate,
  isCalendarDay,
  localDay,
  localDayBounds,
  localDayOfRecord,
  monthLabel,
  monthName,
  parseMonth,
  parseYear,
} from "@/lib/time";

const utc = (...args: [number, number, number, number?, number?, number?]) =>
  Date.UTC(args[0], args[1], args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0) / 1000;

describe("calendar days", () => {
  it("tells real days from impossible ones", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2023-02-29")).toBe(false);
    expect(isCalendarDay("2024-13-45")).toBe(false);
    expect(isCalendarDay("2024-1-5")).toBe(false);
    expect(isCalendarDay("1850-01-01")).toBe(false);
    expect(isCalendarDay("")).toBe(false);
  });

  it("counts days across months, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30"); // no time zone: a DST change is nothing here
    expect(daysBetween("2025-03-01", "2025-03-01")).toBe(1);
    expect(daysBetween("2024-01-01", "2024-12-31")).toBe(366);
    expect(dateToDay(dayToDate("2026-07-14"))).toBe("2026-07-14");
  });
});

describe("local days", () => {
  it("has the 23- and 25-hour days of DST changes", () => {
    const march = localDayBounds("2025-03-30", "Europe/Paris");
    expect(march).toEqual({ start: utc(2025, 2, 29, 23), end: utc(2025, 2, 30, 22) });
    const october = localDayBounds("2025-10-26", "Europe/Paris");
    expect((october.end - october.start) / 3600).toBe(25);
  });

  it.each([
    [utc(2026, 2, 28, 22, 59, 59) + 0.999, "2026-03-28"], // 23:59:59.999 CET
    [utc(2026, 2, 28, 23), "2026-03-29"], // midnight CET
    [utc(2026, 2, 29, 1), "2026-03-29"], // 03:00 CEST, just after the switch
    [utc(2026, 6, 14, 21, 59, 59), "2026-07-14"], // 23:59:59 CEST
    [utc(2026, 6, 14, 22), "2026-07-15"],
    [utc(2026, 9, 24, 22), "2026-10-25"], // midnight CEST
    [utc(2026, 9, 25, 22, 59), "2026-10-25"], // 23:59 CET, after the switch back
    [utc(2026, 9, 25, 23), "2026-10-26"],
  ])("in Paris, %d is on %s", (t, day) => {
    expect(localDay(t)).toBe(day);
    expect(localDay(t, "Europe/Paris")).toBe(day);
  });

  it("counts a record stamped at midnight in the day it closes", () => {
    expect(localDayOfRecord(utc(2026, 6, 14, 22), "Europe/Paris")).toBe("2026-07-14");
    expect(localDayOfRecord(utc(2026, 6, 14, 22, 5), "Europe/Paris")).toBe("2026-07-15");
  });

  it("follows zones whose offset is not a whole number of hours", () => {
    // Kolkata is UTC+5:30: 18:29 UTC is 23:59, 18:30 UTC is midnight, in the same UTC hour.
    expect(localDay(utc(2026, 0, 10, 18, 29), "Asia/Kolkata")).toBe("2026-01-10");
    expect(localDay(utc(2026, 0, 10, 18, 30), "Asia/Kolkata")).toBe("2026-01-11");
  });
});

describe("months", () => {
  it("validates and counts months", () => {
    expect(parseMonth("2026-03")).toBe("2026-03");
    expect(parseMonth("2026-13")).toBeNull();
    expect(parseMonth("1899-12")).toBeNull();
    expect(parseYear("2026")).toBe(2026);
    expect(parseYear("abcd")).toBeNull();
    expect(addMonths("2026-11", -23)).toBe("2024-12");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
  });

  it("names months and days in French, one spelling each", () => {
    expect(monthLabel("2026-07")).toBe("juillet 2026");
    expect(monthLabel("2026-02")).toBe("février 2026");
    expect(monthName(8)).toBe("août");
    expect(dayLabel("2026-07-14")).toBe("mar. 14 juillet 2026");
    expect(dayLabel("2026-12-14")).toBe("lun. 14 décembre 2026");
  });
});

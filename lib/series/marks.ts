import { dayWindows, rrDayOf } from "../climate/daily";
import { utcDay } from "../time";
import type { SeriesRow } from "./compute";

/**
 * Tn, Tx and RR of each day, as Météo-France defines them, to annotate charts: Tn over
 * (18 UTC D-1, 06 UTC D], Tx and RR over (06 UTC D, 06 UTC D+1]. Computed from hourly rows (which
 * align with these windows). The climatology pages own the official values with their coverage rules;
 * these marks only label a chart.
 */

export interface Mark {
  value: number;
  /** unix seconds: the time of the extreme, or the end of the rain window */
  at: number;
}

export interface DayMarks {
  /** UTC day D, "YYYY-MM-DD" */
  day: string;
  tn: Mark | null;
  tx: Mark | null;
  rr: Mark | null;
}

const HOUR = 3600;

/** Marks of every day touched by `hours` (1-hour rows with outTemp and rain, oldest first). */
export function dailyMarks(hours: readonly SeriesRow[]): DayMarks[] {
  const days = new Map<string, DayMarks>();
  const dayOf = (day: string) => {
    let marks = days.get(day);
    if (!marks) {
      marks = { day, tn: null, tx: null, rr: null };
      days.set(day, marks);
    }
    return marks;
  };
  for (const row of hours) {
    const t = row.time;
    const tnShifted = t + 6 * HOUR - 1; // (18 UTC D-1, 06 UTC D] → D 00:00–12:00
    if (tnShifted % 86400 < 12 * HOUR && row.outTempMin != null) {
      const marks = dayOf(utcDay(tnShifted));
      if (!marks.tn || row.outTempMin < marks.tn.value)
        marks.tn = { value: row.outTempMin, at: row.outTempMinTime ?? t };
    }
    const day = rrDayOf(t);
    const marks = dayOf(day);
    if (row.outTempMax != null && (!marks.tx || row.outTempMax > marks.tx.value))
      marks.tx = { value: row.outTempMax, at: row.outTempMaxTime ?? t };
    if (row.rain != null) {
      marks.rr = { value: (marks.rr?.value ?? 0) + row.rain, at: dayWindows(day).rr.to };
    }
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

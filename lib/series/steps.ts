import { localDayBounds, localDayOfRecord } from "../time";

/**
 * The steps of a series: the raw records, 10-minute buckets (computed from the raw records), 1-hour and
 * 3-hour buckets (from the hourly aggregates; 3 h buckets are synoptic, 00–03–06… UTC) and local days
 * (from the daily aggregates). A bucket (start, end] holds the records stamped start < t <= end.
 */

export const STEPS = ["raw", "10m", "1h", "3h", "1d"] as const;
export type Step = (typeof STEPS)[number];
export type AggregatedStep = Exclude<Step, "raw">;

/** Nominal length of a step in seconds (raw: the usual 5-minute archive interval). */
export const STEP_SECONDS: Record<Step, number> = {
  raw: 300,
  "10m": 600,
  "1h": 3600,
  "3h": 10800,
  "1d": 86400,
};

export const STEP_LABEL: Record<Step, string> = {
  raw: "relevés bruts (5 min)",
  "10m": "10 min",
  "1h": "1 h",
  "3h": "3 h",
  "1d": "1 jour",
};

/** A chart never draws more points than this. */
export const MAX_POINTS = 2000;

/** The finest step that keeps (from, to] under `maxPoints` points. */
export function autoStep(from: number, to: number, maxPoints = MAX_POINTS): Step {
  for (const step of STEPS) if ((to - from) / STEP_SECONDS[step] <= maxPoints) return step;
  return "1d";
}

/** A bucket (start, end] in unix seconds. */
export interface Bounds {
  start: number;
  end: number;
}

/**
 * The bucket of a record stamped `t` at an aggregated step. Local days are computed once per day and
 * reused while records stay inside (the callers feed records in time order).
 */
export function bucketer(step: AggregatedStep, timeZone: string): (t: number) => Bounds {
  if (step !== "1d") {
    const seconds = STEP_SECONDS[step];
    return (t) => {
      const start = Math.floor((t - 1) / seconds) * seconds;
      return { start, end: start + seconds };
    };
  }
  let current: Bounds = { start: 0, end: 0 };
  return (t) => {
    if (t > current.start && t <= current.end) return current;
    current = localDayOf(t, timeZone);
    return current;
  };
}

/** The local day (start, end] holding a record stamped `t`. */
export function localDayOf(t: number, timeZone: string): Bounds {
  const { start, end } = localDayBounds(localDayOfRecord(t, timeZone), timeZone);
  return { start, end };
}

/**
 * (from, to] widened to whole buckets of `step`: what a series at that step covers. Raw series keep
 * the range as asked.
 */
export function alignRange(from: number, to: number, step: Step, timeZone: string): Bounds {
  if (step === "raw") return { start: from, end: to };
  const bucketOf = bucketer(step, timeZone);
  return { start: bucketOf(from + 1).start, end: bucketOf(to).end };
}

/**
 * Whether a station is offline: silent for longer than its threshold. The one rule of the pages, the
 * open-data API, the widget and the monitor (pure, also run in the browser by the live station home).
 */

export interface Freshness {
  /** Seconds since the newest record (null without any record). */
  ageSeconds: number | null;
  offline: boolean;
}

/** Freshness at `now` of a station whose newest record is stamped `at` (unix seconds). */
export function freshness(at: number | null, offlineThresholdMinutes: number, now: number): Freshness {
  const ageSeconds = at === null ? null : Math.max(0, now - at);
  return { ageSeconds, offline: ageSeconds === null || ageSeconds > offlineThresholdMinutes * 60 };
}

/** Silent for longer than this, a station is out of service ("hors service"): listed apart, not live. */
export const OUT_OF_SERVICE_SECONDS = 30 * 86400;

export function outOfService(ageSeconds: number | null): boolean {
  return ageSeconds !== null && ageSeconds > OUT_OF_SERVICE_SECONDS;
}

/**
 * Whether a station is offline: silent for longer than its threshold. The one rule of the pages, the
 * open-data API, the widget and the monitor (pure, also run in the browser by the live station home).
 */

/** Silent for longer than this, a station is "hors service": listed apart, not among the live ones. */
export const OUT_OF_SERVICE_DAYS = 30;

export interface Freshness {
  /** Seconds since the newest record (null without any record). */
  ageSeconds: number | null;
  offline: boolean;
  /** Its newest record is more than OUT_OF_SERVICE_DAYS old. */
  outOfService: boolean;
}

/** Freshness at `now` of a station whose newest record is stamped `at` (unix seconds). */
export function freshness(at: number | null, offlineThresholdMinutes: number, now: number): Freshness {
  const ageSeconds = at === null ? null : Math.max(0, now - at);
  return {
    ageSeconds,
    offline: ageSeconds === null || ageSeconds > offlineThresholdMinutes * 60,
    outOfService: outOfService(ageSeconds),
  };
}

/** Whether a station silent for `ageSeconds` is out of service. */
export function outOfService(ageSeconds: number | null): boolean {
  return ageSeconds !== null && ageSeconds > OUT_OF_SERVICE_DAYS * 86400;
}

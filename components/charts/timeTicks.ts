import { formatParis, localToUtc, startOfLocalDay, zonedParts } from "@/lib/time";

/**
 * Ticks of a time axis on round local times (Europe/Paris): whole hours, midnights or the first of the
 * month, as many as fit. Pure, used by TimeSeriesChart in the browser.
 */

export type Granularity = "hour" | "day" | "month";

const HOURS = [1, 2, 3, 6, 12];
const DAYS = [1, 2, 7, 14];
const MONTHS = [1, 2, 3, 6, 12];

export function timeTicks(
  min: number,
  max: number,
  maxTicks = 8,
  timeZone = "Europe/Paris",
): { ticks: number[]; granularity: Granularity } {
  const span = max - min;
  const hours = HOURS.find((h) => span / (h * 3600) <= maxTicks);
  if (hours !== undefined) {
    const ticks: number[] = [];
    for (let t = Math.ceil(min / 3600) * 3600; t <= max; t += 3600)
      if (zonedParts(t, timeZone).hour % hours === 0) ticks.push(t);
    return { ticks, granularity: "hour" };
  }
  const days = DAYS.find((d) => span / (d * 86400) <= maxTicks);
  if (days !== undefined) {
    const ticks: number[] = [];
    let t = startOfLocalDay(min, timeZone);
    if (t < min) t = startOfLocalDay(t + 30 * 3600, timeZone);
    for (let i = 0; t <= max; i++, t = startOfLocalDay(t + 30 * 3600, timeZone))
      if (i % days === 0) ticks.push(t);
    return { ticks, granularity: "day" };
  }
  const months =
    MONTHS.find((m) => span / (m * 30.44 * 86400) <= maxTicks) ??
    12 * Math.ceil(span / (maxTicks * 365.25 * 86400));
  const ticks: number[] = [];
  let { year, month } = zonedParts(min, timeZone);
  for (;;) {
    const t = localToUtc(year, month, 1, 0, 0, timeZone);
    if (t > max) break;
    if (t >= min && (month - 1) % months === 0) ticks.push(t);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return { ticks, granularity: "month" };
}

/** Room for one label on a 12 px axis: hours and days ("14:00", "26 nov.") and months ("sept. 25"). */
const LABEL_ROOM = { short: 60, month: 75 };

/**
 * The ticks of an axis `width` pixels wide: as many as leave each label its room, never fewer than 3
 * allowed (the labels of months are longer, so they get fewer).
 */
export function ticksForWidth(min: number, max: number, width: number, timeZone = "Europe/Paris") {
  const fit = (room: number) => Math.max(3, Math.floor(width / room));
  const ticks = timeTicks(min, max, fit(LABEL_ROOM.short), timeZone);
  return ticks.granularity === "month" ? timeTicks(min, max, fit(LABEL_ROOM.month), timeZone) : ticks;
}

// Formatters made on first use (lib/time caches them), not when a page that draws charts loads.
const HOUR: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const DATE: Intl.DateTimeFormatOptions = { day: "2-digit", month: "2-digit" };
const DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" };
const MONTH: Intl.DateTimeFormatOptions = { month: "short", year: "2-digit" };

/** The label of a tick: "14:00" (the date at midnight), "26 nov." or "nov. 26". */
export function tickLabel(t: number, granularity: Granularity): string {
  if (granularity === "hour") {
    const label = formatParis(t, HOUR);
    return label === "00:00" ? formatParis(t, DATE) : label;
  }
  return formatParis(t, granularity === "day" ? DAY : MONTH);
}

/**
 * Time, in one place (pure and client-safe):
 * - ./days.ts: calendar days "YYYY-MM-DD" (validation `isCalendarDay`, `addDays`, `daysBetween`,
 *   `utcDay`/`utcMidnight`/`utcNoon`, DATE columns through `dayToDate`/`dateToDay`);
 * - ./months.ts: months "YYYY-MM" and years (`parseMonth`, `parseYear`, `addMonths`, `monthsBetween`…);
 * - ./zone.ts: wall-clock fields of an instant in a time zone and back (`zonedParts`, `localToUtc`);
 * - ./local-days.ts: the local days of a station (`localDay`, `localDayOfRecord`, `localToday`,
 *   `localDayBounds`, local month and year starts);
 * - ./labels.ts: French labels (`formatParis` for instants, `formatDay` and its presets for days and
 *   months, `formatDuration`).
 *
 * Conventions:
 * - An instant is a number of **unix seconds**: the unit of WeeWX's `dateTime` and of every computation
 *   on the archive. Prisma's `Date` is converted where it is read (`date.getTime() / 1000`).
 *   Known exception, kept on purpose: lib/lightning, its pages, components and tests carry unix
 *   milliseconds (`timeMs`, `nowMs`, `newestMs`), as the feed and the DATETIME(3) column do: strikes of
 *   one storm share a second and are told apart by their millisecond and position. They divide by 1000
 *   when they call this module.
 * - Storage and computations are UTC; visitors read Europe/Paris (`PARIS`). A station's local day is the
 *   interval (start, end] between two local midnights of its time zone; a record stamped at midnight closes
 *   the day before (`localDayOfRecord`). The Météo-France windows of a day (Tn, Tx, RR) are climatology:
 *   lib/climate/daily.ts `dayWindows`.
 */

export * from "./days";
export * from "./labels";
export * from "./local-days";
export * from "./months";
export * from "./zone";

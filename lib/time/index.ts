/**
 * Time, in one place: calendar days and months as strings ("YYYY-MM-DD", "YYYY-MM"), time zones, the
 * local days of a station, and French labels. Pure and client-safe.
 *
 * Conventions:
 * - An instant is a number of **unix seconds** (the unit of WeeWX's `dateTime` and of every computation
 *   on the archive). Prisma's `Date` is converted at the database edge (`date.getTime() / 1000`), DATE
 *   columns with `dayToDate` / `dateToDay`.
 *   Known exception: the lightning module (lib/lightning, its pages and components) still carries unix
 *   milliseconds (`timeMs`, `nowMs`) as its feed does; it converts when it calls this module.
 * - Storage and computations are UTC; visitors read Europe/Paris (`PARIS`). A station's local day is the
 *   interval (start, end] between two local midnights of its time zone (`localDayBounds`); a record stamped
 *   at midnight closes the day before (`localDayOfRecord`).
 * - A calendar day is valid when `isCalendarDay` says so; day and month arithmetic is `addDays`,
 *   `daysBetween`, `addMonths`.
 */

export * from "./days";
export * from "./labels";
export * from "./local-days";
export * from "./months";
export * from "./zone";

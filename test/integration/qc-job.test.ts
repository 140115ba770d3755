import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateStations } from "@/lib/aggregates/job";
import { readHours } from "@/lib/aggregates/store";
import { updateClimate } from "@/lib/climate/job";
import { appSqlPool } from "@/lib/db/client";
import type { Station } from "@/lib/generated/prisma/client";
import { findFeed, sealCredentials } from "@/lib/partners/feeds";
import { sendFeed } from "@/lib/partners/send";
import { confirmEpisode, dismissEpisode, openEpisodes } from "@/lib/qc/decisions";
import { qualityByMonth, qualityOfDays, qualityOfRecords, qualityOfYears } from "@/lib/qc/store";
import { loadDayPage } from "@/lib/stations/day-page";
import { daysOfMonth } from "@/lib/time";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";
import { appendDemoRecords, createDemoStation } from "../helpers/stations";

/**
 * The quality control end to end, on La Colmiane's demo archive (real MariaDB, the real jobs, the real
 * SMTP sink): a temperature sensor that sticks at 31.7 °C for 4 h 30 one November afternoon is flagged by the very
 * run of the aggregates job that first reads it, left out of the hourly aggregates, the day's Tx and the
 * StatIC file, e-mailed once to the owner and the editor (and once more when it recovers); a manager can
 * confirm it (an invalidation) or dismiss it (the values come back).
 */

const HOUR = 3600;
const END = Date.UTC(2026, 10, 10, 12, 0) / 1000; // 10 November 2026, 13:00 in Paris
const FAULT_END = END + 4.5 * HOUR;
const NEXT_DAY = END + 19 * HOUR; // after D+1 06:00 UTC: the 10th's Tx window is complete
const STUCK = 31.7;

let dbs: TestDatabases;
let smtp: SmtpSink;
let station: Station;
let database: string;

/** Appends La Colmiane's demo records of (from, to], with `change` applied to each (metric, METRICWX). */
const append = (from: number, to: number, change?: (row: Record<string, number | null>) => void) =>
  appendDemoRecords(dbs, "la-colmiane", database, from, to, change);

const runJob = (now: number) => aggregateStations("update", [station], { now });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.ROOT_DOMAIN = "meteo06.fr";
  process.env.SITE_URL = "https://meteo06.fr";
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  database = `${dbs.prefix}colmiane`;
  station = await createDemoStation(dbs, "la-colmiane", database, END - 3 * 86400, END);
  const owner = await dbs.prisma.user.create({
    data: { email: "proprietaire@example.test", name: "Paul", role: "AUTHOR" },
  });
  await dbs.prisma.stationAccess.create({ data: { userId: owner.id, stationId: station.id } });
  await dbs.prisma.user.create({ data: { email: "editeur@example.test", name: "Étienne", role: "EDITOR" } });
  await dbs.prisma.user.create({ data: { email: "auteur@example.test", name: "Aurore", role: "AUTHOR" } });
  await runJob(END);
});
afterAll(async () => {
  await smtp?.close();
  await dbs?.drop();
});

describe("a temperature sensor stuck at 31.7 °C", () => {
  it("is flagged erroneous by the job run that reads it, and kept out of the aggregates", async () => {
    await append(END, FAULT_END, (row) => {
      row.outTemp = STUCK;
    });
    await runJob(FAULT_END);
    const flags = await dbs.prisma.qcFlag.findMany({
      where: { stationId: station.id, quantity: "outTemp", dateTime: { gt: END } },
    });
    expect(flags).toHaveLength(54);
    expect(flags.every((f) => f.level === "ERRONEOUS")).toBe(true);
    expect(flags.find((f) => f.check === "persistence")?.detail).toMatch(
      /valeur bloquée à 31,7\s°C pendant 4,5 h/,
    );

    const hours = await readHours(appSqlPool(), station.id, END, FAULT_END);
    expect(hours).toHaveLength(5);
    for (const { aggregate } of hours) {
      expect(aggregate.outTempMax).toBeNull();
      expect(aggregate.outHumidityMax).not.toBeNull(); // the other sensors are kept
    }
  });

  it("is drawn on the day's chart as flagged points, out of the temperature line, and counted on the month", async () => {
    const { data } = await loadDayPage(station, "2026-11-10", FAULT_END);
    const flagged = data!.quality.flags.filter((f) => f.quantity === "outTemp" && f.level === "ERRONEOUS");
    expect(flagged).toHaveLength(54);
    expect(flagged.every((f) => f.value === STUCK)).toBe(true);
    expect(data!.quality.erroneous).toBeGreaterThanOrEqual(54);
    const line = data!.rows5min.filter((r) => r.time > END && r.time <= FAULT_END);
    expect(line).toHaveLength(54);
    expect(line.every((r) => r.outTemp === null && r.outHumidity !== null)).toBe(true);
    expect(data!.summary.temperature.max?.value).toBeLessThan(20);
    const month = (await qualityByMonth(dbs.prisma, station.id)).get("2026-11");
    expect(month?.erroneous).toBeGreaterThanOrEqual(54);
  });

  it("is not sent to StatIC", async () => {
    const feed = await dbs.prisma.partnerFeed.create({
      data: {
        stationId: station.id,
        partner: "STATIC",
        partnerStationId: "m06_colmiane",
        enabled: true,
        endpoint: "ftp://127.0.0.1:9/",
        credentials: sealCredentials(station.id, "STATIC", { username: "u", password: "p" }),
      },
    });
    const run = await sendFeed((await findFeed(feed.id))!, { at: FAULT_END, dryRun: true });
    expect(run.preview).toMatch(/^humidite=\d+$/m);
    expect(run.preview).toMatch(/^temperature=$/m);
    expect(run.preview).not.toContain("31.7");
  });

  it("e-mails the owner and the editors once, and once more when it recovers", async () => {
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe("[Météo06] Valdeblore – La Colmiane : température en défaut");
    const to = [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address));
    expect(to.sort()).toEqual(["editeur@example.test", "proprietaire@example.test"]);
    expect(mail.text).toMatch(/valeur bloquée à 31,7\s°C/);
    expect(mail.text).toContain("https://meteo06.fr/admin/stations/la-colmiane/qualite");

    await runJob(FAULT_END + 60); // nothing new: no second message
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);

    await append(FAULT_END, NEXT_DAY);
    await runJob(NEXT_DAY);
    const mails = await smtp.waitFor(2);
    expect(mails[1].subject).toBe("[Météo06] Valdeblore – La Colmiane : température, retour à la normale");
    expect(smtp.messages).toHaveLength(2);
  });

  it("does not reach the day's Tx", async () => {
    await updateClimate(station, { at: NEXT_DAY });
    const day = await dbs.prisma.climateDay.findUniqueOrThrow({
      where: { stationId_day: { stationId: station.id, day: new Date("2026-11-10") } },
    });
    expect(day.tx).not.toBeNull();
    expect(day.tx!).toBeLessThan(20);
  });

  it("is counted on its month and year, once, for the year and history pages and the open-data monthly climatology", async () => {
    const year = (await qualityOfYears(dbs.prisma, station.id, [2026])).months;
    const november = year.get("2026-11")!;
    expect(november.erroneous).toBeGreaterThanOrEqual(54);
    // As the month page counts them.
    const month = await qualityOfDays(dbs.prisma, station.id, daysOfMonth("2026-11"));
    expect(november).toEqual(month.total);
    expect(year.has("2026-10")).toBe(false);
    // The history page's years: 2026 holds them, 2025 none.
    const history = await qualityOfYears(dbs.prisma, station.id, [2025, 2026]);
    expect(history.years.get("2026")).toEqual(november);
    expect(history.years.has("2025")).toBe(false);
    expect(history.total).toEqual(november);
  });

  it("is counted only where its sensor is: the temperature comparison page, the records", async () => {
    const temperature = await qualityOfDays(dbs.prisma, station.id, ["2026-11-10"], ["TEMPERATURE"]);
    expect(temperature.total.erroneous).toBeGreaterThanOrEqual(54);
    const pressure = await qualityOfDays(dbs.prisma, station.id, ["2026-11-10"], ["PRESSURE"]);
    expect(pressure.total).toEqual({ erroneous: 0, suspect: 0 });
    const record = await qualityOfRecords(dbs.prisma, station.id, ["2026-11-10", "2026-10-20"]);
    expect(record({ sensors: ["TEMPERATURE"] }, "2026-11-10")).toEqual(temperature.total);
    expect(record({ sensors: ["PRESSURE"] }, "2026-11-10")).toEqual({ erroneous: 0, suspect: 0 });
    expect(record({ sensors: ["TEMPERATURE"] }, "2026-10-20")).toEqual({ erroneous: 0, suspect: 0 });
  });

  it("can be dismissed (the values come back) and confirmed (an invalidation)", async () => {
    const episodes = await openEpisodes(station.id);
    const stuck = episodes.find((e) => e.quantity === "outTemp" && e.check === "persistence");
    expect(stuck).toMatchObject({ level: "ERRONEOUS", count: expect.any(Number) });

    const all = episodes.filter((e) => e.quantity === "outTemp" && e.to > END);
    for (const episode of all) await dismissEpisode(station, episode, "editeur@example.test");
    let hours = await readHours(appSqlPool(), station.id, END, FAULT_END);
    expect(hours.map((h) => h.aggregate.outTempMax)).toEqual(hours.map(() => STUCK));

    // Dismissed values are not flagged again by later runs.
    await append(NEXT_DAY, NEXT_DAY + HOUR);
    await runJob(NEXT_DAY + HOUR);
    hours = await readHours(appSqlPool(), station.id, END, FAULT_END);
    expect(hours.map((h) => h.aggregate.outTempMax)).toEqual(hours.map(() => STUCK));

    const decisions = await dbs.prisma.qcDecision.findMany({ where: { stationId: station.id } });
    expect(decisions.map((d) => [d.action, d.decidedBy])).toContainEqual(["DISMISS", "editeur@example.test"]);

    // A second fault, confirmed: it becomes an invalidation.
    await append(NEXT_DAY + HOUR, NEXT_DAY + 2 * HOUR, (row) => {
      row.barometer = 1500;
    });
    await runJob(NEXT_DAY + 2 * HOUR);
    const pressure = (await openEpisodes(station.id)).find((e) => e.quantity === "barometer");
    expect(pressure).toMatchObject({ check: "gross", level: "ERRONEOUS", count: 12 });
    await confirmEpisode(station, pressure!, "proprietaire@example.test");
    const invalidation = await dbs.prisma.sensorInvalidation.findFirstOrThrow({
      where: { stationId: station.id },
    });
    expect(invalidation).toMatchObject({ sensor: "PRESSURE", createdBy: "proprietaire@example.test" });
    expect(invalidation.to.getTime() / 1000).toBe(NEXT_DAY + 2 * HOUR);
    expect(await openEpisodes(station.id)).not.toContainEqual(
      expect.objectContaining({ quantity: "barometer" }),
    );
  });
});

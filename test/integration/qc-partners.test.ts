import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateStations } from "@/lib/aggregates/job";
import { archives } from "@/lib/archive/reader";
import type { Station } from "@/lib/generated/prisma/client";
import { findFeed, sealCredentials } from "@/lib/partners/feeds";
import { localDayStart } from "@/lib/partners/romma";
import { sendFeed } from "@/lib/partners/send";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import {
  type FtpTestServer,
  type RommaTestServer,
  startFtpServer,
  startRommaServer,
} from "../helpers/partners";
import { appendDemoRecords, createDemoStation } from "../helpers/stations";

/**
 * A rain gauge fault on La Colmiane's demo archive (two records of 30 mm in five minutes, one yesterday
 * and one this morning), flagged by the one run of the aggregates job that reads them, is left out of
 * the rain totals the partners receive: StatIC's year and day totals in the file uploaded to a real FTP
 * server on loopback, ROMMA's day total in the requests a real HTTP server on loopback receives.
 */

const HOUR = 3600;
const END = Date.UTC(2026, 10, 10, 12, 0) / 1000; // 10 November 2026, 13:00 in Paris
const CHECKED = END - 30 * HOUR; // the job has run up to here before the fault
const FAULTS = [END - 20 * HOUR, END - 4 * HOUR]; // 9 November 16:00 UTC, 10 November 08:00 UTC
const FAULT_MM = 30;
const PASSWORD = "Pluie-S3cret";

let dbs: TestDatabases;
let ftp: FtpTestServer;
let romma: RommaTestServer;
let station: Station;
let database: string;

/** La Colmiane's demo records of (from, to], the faulty ones with 30 mm of rain (METRICWX: mm). */
const append = (from: number, to: number) =>
  appendDemoRecords(dbs, "la-colmiane", database, from, to, (row, t) => {
    if (FAULTS.includes(t)) row.rain = FAULT_MM;
  });

/** The archive's raw rain total over (from, to]: what the feeds sent before the quality control. */
const rawRain = async (from: number, to: number) =>
  (await archives().sums(database, from, to, ["rain"])).rain ?? 0;

async function createFeed(partner: "STATIC" | "ROMMA", endpoint: string, lastRecordTime: number | null) {
  const feed = await dbs.prisma.partnerFeed.create({
    data: {
      stationId: station.id,
      partner,
      enabled: true,
      partnerStationId: partner === "STATIC" ? "m06_colmiane" : "77",
      endpoint,
      lastRecordTime,
      credentials: sealCredentials(station.id, partner, {
        username: partner === "STATIC" ? "colmiane" : "",
        password: PASSWORD,
      }),
    },
  });
  return (await findFeed(feed.id))!;
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  ftp = await startFtpServer("colmiane", PASSWORD);
  romma = await startRommaServer(PASSWORD);
  database = `${dbs.prefix}colmiane`;
  station = await createDemoStation(dbs, "la-colmiane", database, Date.UTC(2026, 9, 25) / 1000, CHECKED);
  await aggregateStations("update", [station], { now: CHECKED });
  await append(CHECKED, END);
  await aggregateStations("update", [station], { now: END });
});
afterAll(async () => {
  await ftp?.close();
  await romma?.close();
  await dbs?.drop();
});

describe("a rain gauge fault", () => {
  it("is flagged erroneous by the one job run that reads it", async () => {
    const flags = await dbs.prisma.qcFlag.findMany({
      where: { stationId: station.id, quantity: "rain", level: "ERRONEOUS" },
    });
    expect(flags.map((f) => f.dateTime)).toEqual(FAULTS);
  });

  it("is left out of the year and day totals of the StatIC file uploaded over FTP", async () => {
    const feed = await createFeed("STATIC", ftp.url, null);
    const run = await sendFeed(feed, { at: END });
    expect(run.outcome).toBe("sent");
    const file = readFileSync(path.join(ftp.root, "StatIC_m06_colmiane.txt"), "utf8");
    const value = (name: string) => Number(file.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1]);
    const dayStart = Date.UTC(2026, 10, 10) / 1000;
    const yearStart = Date.UTC(2026, 0, 1) / 1000;
    const rawYear = await rawRain(yearStart, END);
    const rawDay = await rawRain(dayStart, END);
    expect(rawDay).toBeGreaterThanOrEqual(FAULT_MM); // what was sent before: the fault included
    expect(value("pluie_cumul")).toBeCloseTo(rawDay - FAULT_MM, 1);
    expect(value("pluie_cumul_annee")).toBeCloseTo(rawYear - 2 * FAULT_MM, 1);
  });

  it("is left out of the day total of the requests ROMMA receives over HTTP", async () => {
    const feed = await createFeed("ROMMA", romma.url, END - HOUR);
    const run = await sendFeed(feed, { at: END });
    expect(run).toMatchObject({ outcome: "sent", sent: 12 });
    const first = romma.requests[0];
    expect(Number(first.get("date"))).toBe(END - HOUR + 300);
    const rawDay = await rawRain(localDayStart(END, station.timezone), END - HOUR + 300);
    expect(Number(first.get("pluiejour"))).toBeCloseTo(rawDay - FAULT_MM, 1);
  });
});

import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { archives } from "@/lib/archive/reader";
import { connectionOptions } from "@/lib/config/settings";
import { findFeed, sealCredentials } from "@/lib/partners/feeds";
import { ROMMA_FIELDS, rommaRequests } from "@/lib/partners/romma";
import { sendFeed } from "@/lib/partners/send";
import { createTestDatabases } from "@/test/helpers/db";
import { startRommaServer } from "@/test/helpers/partners";
import { BENCH_ARCHIVE, BENCH_END, ensureBenchArchive } from "../fixtures";
import { measure, printTable, type Suite } from "../lib";

/**
 * Partner feeds: a day of ROMMA catch-up (288 records of the 10-year bench archive) read, built and sent
 * one GET at a time to a local HTTP server playing ROMMA, with the audit log written for each record.
 * Baseline: one bare GET to the same server.
 */
export const suite: Suite = {
  name: "partners",
  async run() {
    const { database: _database, ...options } = connectionOptions(process.env.DATABASE_URL!);
    const writer = mysql.createPool({ ...options, connectionLimit: 2 });
    await ensureBenchArchive(writer);
    await writer.end();

    const dbs = await createTestDatabases();
    const savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = dbs.appUrl;
    process.env.PARTNER_SECRET_KEY ||= randomBytes(32).toString("base64");
    const server = await startRommaServer("bench-password");
    try {
      const station = await dbs.prisma.station.create({
        data: {
          slug: "bench",
          name: "Bench",
          shortName: "Bench",
          commune: "Nice",
          latitude: 43.7,
          longitude: 7.25,
          altitude: 10,
          archiveDatabase: BENCH_ARCHIVE,
        },
      });
      const { id } = await dbs.prisma.partnerFeed.create({
        data: {
          stationId: station.id,
          partner: "ROMMA",
          enabled: true,
          partnerStationId: "1",
          endpoint: server.url,
          credentials: sealCredentials(station.id, "ROMMA", { username: "", password: "bench-password" }),
        },
      });
      const at = BENCH_END - 3 * 86400;
      const settings = { timeoutMs: 5000, retryDelayMs: 100, logRetentionDays: 90 };
      const day = await archives().range(BENCH_ARCHIVE, at - 86400, at, ROMMA_FIELDS);
      const routeOptions = { id: "1", password: "x", endpoint: server.url, timeZone: "Europe/Paris" };

      const fast = await measure({
        "one GET to the local ROMMA server": () =>
          fetch(`${server.url}?id=1&pwd=bench-password&date=1`).then((r) => r.text()),
        "read a day of records (288 rows, 25 fields)": () =>
          archives().range(BENCH_ARCHIVE, at - 86400, at, ROMMA_FIELDS),
        "build a day of ROMMA URLs (pure)": () => rommaRequests(day, 0, routeOptions),
      });
      let sent = 0;
      const catchUp = await measure(
        {
          "day of ROMMA catch-up: read, build, 288 GETs, audit log": async () => {
            await dbs.prisma.partnerFeed.update({ where: { id }, data: { lastRecordTime: at - 86400 } });
            const run = await sendFeed((await findFeed(id))!, { at, settings });
            if (run.outcome !== "sent") throw new Error(`catch-up failed: ${run.message}`);
            sent = run.sent;
          },
        },
        { time: 1, warmupTime: 1, iterations: 5 },
      );
      catchUp[0].note = `${sent} records acknowledged per run`;
      printTable(
        `Partner feeds — ROMMA catch-up of a day (5-minute records) to a loopback HTTP server`,
        [...fast, ...catchUp],
        "one GET to the local ROMMA server",
      );
    } finally {
      await server.close();
      process.env.DATABASE_URL = savedUrl;
      await dbs.drop();
    }
  },
};

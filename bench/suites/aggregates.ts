import mysql, { type RowDataPacket } from "mysql2/promise";
import { rebuildAggregates, updateAggregates } from "@/lib/aggregates/job";
import { readDays, readHours } from "@/lib/aggregates/store";
import { connectionOptions } from "@/lib/config";
import { appSqlPool, db } from "@/lib/db";
import { writeDemoArchive } from "@/lib/demo/seed";
import { BENCH_ARCHIVE, BENCH_END, BENCH_PROFILE, ensureBenchArchive } from "../fixtures";
import { type Measurement, measure, printTable, type Suite } from "../lib";

/**
 * Aggregates on the 10-year archive: full rebuild, incremental update after five new minutes, and the
 * reads that charts need, each beside the same result computed from the raw archive (the legacy way).
 */
export const suite: Suite = {
  name: "aggregates",
  async run() {
    const { database: _database, ...options } = connectionOptions(process.env.BENCH_SERVER_URL!);
    const writer = mysql.createPool({ ...options, connectionLimit: 2 });
    await ensureBenchArchive(writer);
    const station = await db().station.findUniqueOrThrow({ where: { slug: "bench" } });

    const started = performance.now();
    const rebuilt = await rebuildAggregates(station);
    const rebuildMs = performance.now() - started;

    // Five new minutes per iteration, appended after the fixed end of the bench archive, removed afterwards.
    let appended = BENCH_END;
    const results: Measurement[] = await measure(
      {
        "SELECT 1 round trip": () => writer.query("SELECT 1"),
        "update after 5 new minutes": async () => {
          await writeDemoArchive(writer, BENCH_ARCHIVE, BENCH_PROFILE, appended, appended + 300);
          appended += 300;
          await updateAggregates(station);
        },
        "1 year at 1 day, from daily aggregates": () =>
          readDays(appSqlPool(), station.id, "2025-01-01", "2025-12-31"),
        "1 year at 1 day, from the raw archive": () =>
          writer.query<RowDataPacket[]>(
            "SELECT FLOOR((dateTime - 1) / 86400) AS d, MIN(outTemp), MAX(outTemp), AVG(outTemp), SUM(rain), MAX(windGust) FROM ??.archive WHERE dateTime > ? AND dateTime <= ? GROUP BY d",
            [BENCH_ARCHIVE, BENCH_END - 365 * 86400, BENCH_END],
          ),
        "30 days of hours, from hourly aggregates": () =>
          readHours(appSqlPool(), station.id, BENCH_END - 30 * 86400, BENCH_END),
        "30 days at 3 h, from the raw archive": () =>
          writer.query<RowDataPacket[]>(
            "SELECT FLOOR((dateTime - 1) / 10800) AS b, MIN(outTemp), MAX(outTemp), AVG(outTemp), SUM(rain), MAX(windGust) FROM ??.archive WHERE dateTime > ? AND dateTime <= ? GROUP BY b",
            [BENCH_ARCHIVE, BENCH_END - 30 * 86400, BENCH_END],
          ),
      },
      { time: 3000 },
    );
    await writer.query("DELETE FROM ??.archive WHERE dateTime > ?", [BENCH_ARCHIVE, BENCH_END]);
    await updateAggregates(station);
    await writer.end();

    results.push({
      name: "full rebuild (10 years)",
      p50: rebuildMs,
      p99: rebuildMs,
      opsPerSecond: 1000 / rebuildMs,
      note: `${rebuilt.hours} hours, ${rebuilt.days} days, one run`,
    });
    printTable("Aggregates — 10 years of 5-minute records", results, "SELECT 1 round trip");
  },
};

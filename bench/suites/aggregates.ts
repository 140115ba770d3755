import mysql from "mysql2/promise";
import { rebuildAggregates, updateAggregates } from "@/lib/aggregates/job";
import { connectionOptions } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { writeDemoArchive } from "@/lib/demo/seed";
import { loadSeries, type SeriesQuery } from "@/lib/series/load";
import { chartFields } from "@/lib/stations/charts-page";
import { BENCH_ARCHIVE, BENCH_END, BENCH_PROFILE, ensureBenchArchive } from "../fixtures";
import { type Measurement, measure, printTable, type Suite } from "../lib";

/**
 * Aggregates on the 10-year archive: full rebuild, incremental update after five new minutes, and the
 * chart series the charts page draws (lib/series), each beside the same series computed from the raw
 * archive in the same run (the way the legacy did it, and the way it would be without aggregates).
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

    const fields = chartFields(station);
    const year: SeriesQuery = { from: BENCH_END - 365 * 86400, to: BENCH_END, step: "1d", fields };
    const month: SeriesQuery = { from: BENCH_END - 30 * 86400, to: BENCH_END, step: "3h", fields };
    const rows = async (query: SeriesQuery) => (await loadSeries(station, query)).rows.length;
    const notes = {
      year: `${await rows(year)} rows × ${fields.length} fields`,
      month: `${await rows(month)} rows × ${fields.length} fields`,
    };

    // Five new minutes before each timed update, appended after the fixed end of the bench archive
    // (outside the timing), removed afterwards.
    let appended = BENCH_END;
    const results: Measurement[] = await measure(
      {
        "SELECT 1 round trip": () => writer.query("SELECT 1"),
        "update after 5 new minutes": {
          beforeEach: async () => {
            await writeDemoArchive(writer, BENCH_ARCHIVE, BENCH_PROFILE, appended, appended + 300);
            appended += 300;
          },
          fn: () => updateAggregates(station),
        },
        "chart 1 year at 1 day, from daily aggregates": () => loadSeries(station, year),
        "chart 1 year at 1 day, from the raw archive": () =>
          loadSeries(station, { ...year, source: "archive" }),
        "chart 30 days at 3 h, from hourly aggregates": () => loadSeries(station, month),
        "chart 30 days at 3 h, from the raw archive": () =>
          loadSeries(station, { ...month, source: "archive" }),
      },
      { time: 4000 },
    );
    await writer.query("DELETE FROM ??.archive WHERE dateTime > ?", [BENCH_ARCHIVE, BENCH_END]);
    await updateAggregates(station);
    await writer.end();

    for (const row of results) {
      if (row.name.startsWith("chart 1 year")) row.note = notes.year;
      if (row.name.startsWith("chart 30 days")) row.note = notes.month;
    }
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

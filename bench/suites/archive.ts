import mysql from "mysql2/promise";
import { ArchiveReader, createArchivePool } from "@/lib/archive/reader";
import { connectionOptions } from "@/lib/config/settings";
import { BENCH_ARCHIVE, BENCH_END, ensureBenchArchive } from "../fixtures";
import { measure, printTable, type Suite } from "../lib";

/** Foundation: the archive reader on a 10-year, 5-minute archive. Baseline: a bare round trip. */
export const suite: Suite = {
  name: "archive",
  async run() {
    const url = process.env.BENCH_SERVER_URL!;
    const { database: _database, ...options } = connectionOptions(url);
    const writer = mysql.createPool({ ...options, connectionLimit: 2 });
    const rows = await ensureBenchArchive(writer);
    await writer.end();

    const pool = createArchivePool(url, 4);
    const reader = new ArchiveReader(pool);
    const fields = [
      "outTemp",
      "outHumidity",
      "dewpoint",
      "barometer",
      "windSpeed",
      "windDir",
      "windGust",
      "rain",
      "rainRate",
    ];
    const dayEnd = BENCH_END - 3 * 86400;
    const results = await measure({
      "SELECT 1 round trip": () => pool.query("SELECT 1"),
      "latest record (all columns)": () => reader.latest(BENCH_ARCHIVE),
      "latest record (9 fields)": () => reader.latest(BENCH_ARCHIVE, fields),
      "24-hour range, 288 rows (9 fields)": () => reader.range(BENCH_ARCHIVE, dayEnd - 86400, dayEnd, fields),
    });
    await pool.end();
    printTable(
      `Archive reader — ${rows.toLocaleString("en")} rows of 5-minute records`,
      results,
      "SELECT 1 round trip",
    );
  },
};

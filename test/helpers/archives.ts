import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Pool } from "mysql2/promise";

/** Loads the WeeWX-written fixture (US units, wview_extended, daily summaries) into `database`. */
export async function loadWeewxFixture(admin: Pool, database: string): Promise<void> {
  const sql = gunzipSync(readFileSync("test/fixtures/weewx-real-us-7d.sql.gz")).toString("utf8");
  await admin.query("CREATE DATABASE ?? CHARACTER SET utf8mb4", [database]);
  const connection = await admin.getConnection();
  try {
    await connection.query("USE ??", [database]);
    await connection.query(sql);
  } finally {
    connection.release();
  }
}

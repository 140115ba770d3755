import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import { config, connectionOptions } from "../config/settings";
import { db } from "../db/client";
import { createDetachedPool } from "../db/detached";
import { chunks, inTransaction } from "../db/sql";
import { dayToDate, localDay } from "../time";
import { type Derived, derive, NEAR_KM, type StationPoint, type StoredStrike } from "./derive";
import type { FeedStrike } from "./feed";
import { boxAround, type LatLon } from "./geo";

/**
 * Writes strikes and what is derived from them. Bulk statements go through a small mysql2 pool (one
 * multi-row INSERT per thousand rows; Prisma's per-parameter binding is ten times slower here). Each
 * batch is one InnoDB transaction: strikes, distances and day counters stay consistent after a crash.
 * Deletions go in small batches so that pruning months of strikes never holds long locks.
 */

const INSERT_ROWS = 2000;
const DELETE_ROWS = 10_000;
const WALK_ROWS = 20_000;

const globalForPool = globalThis as unknown as { lightningPool?: { url: string; pool: Pool } };

function pool(): Pool {
  const { databaseUrl } = config();
  if (globalForPool.lightningPool?.url !== databaseUrl) {
    globalForPool.lightningPool?.pool.end().catch(() => {});
    const pool = createDetachedPool({ ...connectionOptions(databaseUrl), connectionLimit: 2, timezone: "Z" });
    globalForPool.lightningPool = { url: databaseUrl, pool };
  }
  return globalForPool.lightningPool.pool;
}

const transaction = <T>(run: (connection: PoolConnection) => Promise<T>): Promise<T> =>
  inTransaction(pool(), run);

interface StrikeRow extends RowDataPacket {
  id: number;
  time: Date;
  latitude: number;
  longitude: number;
}

const stored = (row: StrikeRow): StoredStrike => ({
  id: row.id,
  timeMs: row.time.getTime(),
  latitude: row.latitude,
  longitude: row.longitude,
});

/** Inserts strikes, skipping those already stored (same time and position); returns the new ones. */
async function insertStrikes(
  connection: PoolConnection,
  strikes: readonly FeedStrike[],
): Promise<StoredStrike[]> {
  const result: StoredStrike[] = [];
  for (const part of chunks(strikes, INSERT_ROWS)) {
    // INSERT IGNORE … RETURNING (MariaDB ≥ 10.5) returns exactly the rows inserted: duplicates drop out.
    const [rows] = await connection.query<StrikeRow[]>(
      `INSERT IGNORE INTO LightningStrike (time, latitude, longitude, altitude, polarity, maxDeviation, status)
       VALUES ? RETURNING id, time, latitude, longitude`,
      [
        part.map((s) => [
          new Date(s.timeMs),
          s.latitude,
          s.longitude,
          s.altitude,
          s.polarity,
          s.maxDeviation,
          s.status,
        ]),
      ],
    );
    for (const row of rows) result.push(stored(row));
  }
  return result;
}

async function storeDerived(
  connection: PoolConnection,
  { distances, stationDays, days }: Derived,
): Promise<void> {
  for (const part of chunks(distances, INSERT_ROWS)) {
    await connection.query(
      "INSERT INTO LightningStrikeDistance (stationId, time, strikeId, distance, bearing) VALUES ?",
      [part.map((d) => [d.stationId, new Date(d.timeMs), d.strikeId, d.distance, d.bearing])],
    );
  }
  for (const part of chunks(stationDays, INSERT_ROWS)) {
    await connection.query(
      `INSERT INTO LightningStationDay (stationId, day, within10km, within30km, within100km) VALUES ?
       ON DUPLICATE KEY UPDATE within10km = within10km + VALUES(within10km),
         within30km = within30km + VALUES(within30km), within100km = within100km + VALUES(within100km)`,
      [part.map((c) => [c.stationId, c.day, c.within10km, c.within30km, c.within100km])],
    );
  }
  for (const part of chunks(days, INSERT_ROWS)) {
    await connection.query(
      `INSERT INTO LightningDay (day, strikes, departement) VALUES ?
       ON DUPLICATE KEY UPDATE strikes = strikes + VALUES(strikes), departement = departement + VALUES(departement)`,
      [part.map((c) => [c.day, c.strikes, c.departement])],
    );
  }
}

/** Stations whose stored distances are up to date (see syncStations). */
export async function syncedStations(): Promise<StationPoint[]> {
  const rows = await db().lightningStation.findMany({
    where: { latitude: { not: null }, longitude: { not: null } },
  });
  return rows.map((row) => ({
    stationId: row.stationId,
    latitude: row.latitude!,
    longitude: row.longitude!,
  }));
}

/**
 * Stores a batch of strikes with their distances and day counters, in one transaction. Returns how
 * many were new (the others were already stored).
 */
export async function storeStrikes(strikes: readonly FeedStrike[], stations: readonly StationPoint[]) {
  if (strikes.length === 0) return 0;
  return transaction(async (connection) => {
    const inserted = await insertStrikes(connection, strikes);
    await storeDerived(connection, derive(inserted, stations, { withDays: true }));
    return inserted.length;
  });
}

/** Time of the newest stored strike (unix ms), or null. */
export async function newestStrikeMs(): Promise<number | null> {
  const newest = await db().lightningStrike.aggregate({ _max: { time: true } });
  return newest._max.time?.getTime() ?? null;
}

/** Runs a `DELETE … LIMIT ?` (the limit is added) until it deletes less than a batch. */
async function deleteInBatches(sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const [result] = await pool().query<ResultSetHeader>(`${sql} LIMIT ?`, [...params, DELETE_ROWS]);
    total += result.affectedRows;
    if (result.affectedRows < DELETE_ROWS) return total;
  }
}

/**
 * Walks every stored strike (in id order, in chunks) and stores what is derived from it for `stations`
 * (and the day counters when `withDays`). Used when stations are new or have moved, and by rebuilds.
 */
async function deriveHistory(stations: readonly StationPoint[], withDays: boolean): Promise<void> {
  if (stations.length === 0 && !withDays) return;
  // Without the day counters only strikes near these stations matter: a box around all of them.
  const boxes = stations.map((s) => boxAround(s, NEAR_KM));
  const area = withDays
    ? null
    : {
        south: Math.min(...boxes.map((b) => b.south)),
        north: Math.max(...boxes.map((b) => b.north)),
        west: Math.min(...boxes.map((b) => b.west)),
        east: Math.max(...boxes.map((b) => b.east)),
      };
  const where = area ? "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?" : "";
  const areaParams = area ? [area.south, area.north, area.west, area.east] : [];
  let after = 0;
  for (;;) {
    const [rows] = await pool().query<StrikeRow[]>(
      `SELECT id, time, latitude, longitude FROM LightningStrike WHERE id > ? ${where} ORDER BY id LIMIT ?`,
      [after, ...areaParams, WALK_ROWS],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    const derived = derive(rows.map(stored), stations, { withDays });
    await transaction((connection) => storeDerived(connection, derived));
  }
}

async function clearStation(stationId: number): Promise<void> {
  await db().lightningStation.upsert({
    where: { stationId },
    create: { stationId },
    update: { latitude: null, longitude: null },
  });
  await deleteInBatches("DELETE FROM LightningStrikeDistance WHERE stationId = ?", [stationId]);
  await db().lightningStationDay.deleteMany({ where: { stationId } });
}

async function markSynced(stations: readonly (LatLon & { id: number })[]): Promise<void> {
  for (const station of stations) {
    await db().lightningStation.update({
      where: { stationId: station.id },
      data: { latitude: station.latitude, longitude: station.longitude },
    });
  }
}

/**
 * Brings the stored distances in line with the stations: a new station, or one whose coordinates
 * changed, gets its distances and day counters recomputed from the whole stored history. Returns the
 * slugs of the stations recomputed.
 */
export async function syncStations(): Promise<string[]> {
  const stations = await db().station.findMany({ include: { lightning: true }, orderBy: { slug: "asc" } });
  const stale = stations.filter(
    (s) => s.lightning?.latitude !== s.latitude || s.lightning?.longitude !== s.longitude,
  );
  if (stale.length === 0) return [];
  for (const station of stale) await clearStation(station.id);
  await deriveHistory(
    stale.map((s) => ({ stationId: s.id, latitude: s.latitude, longitude: s.longitude })),
    false,
  );
  await markSynced(stale);
  return stale.map((s) => s.slug);
}

/** Recomputes every distance and day counter from the stored strikes (after a change of method). */
export async function rebuildDerived(): Promise<void> {
  const stations = await db().station.findMany();
  for (const station of stations) await clearStation(station.id);
  await db().lightningDay.deleteMany();
  await deriveHistory(
    stations.map((s) => ({ stationId: s.id, latitude: s.latitude, longitude: s.longitude })),
    true,
  );
  await markSynced(stations);
}

/** Deletes strikes older than `cutoffMs` and everything derived from them; returns the strikes deleted. */
export async function pruneBefore(cutoffMs: number): Promise<number> {
  const cutoff = new Date(cutoffMs);
  const strikes = await deleteInBatches("DELETE FROM LightningStrike WHERE time < ? ORDER BY time", [cutoff]);
  const stations = await db().lightningStation.findMany({ select: { stationId: true } });
  for (const { stationId } of stations) {
    await deleteInBatches("DELETE FROM LightningStrikeDistance WHERE stationId = ? AND time < ?", [
      stationId,
      cutoff,
    ]);
  }
  // Day counters are kept for every day that still has strikes (the first one partly).
  const firstDay = dayToDate(localDay(cutoffMs / 1000));
  await db().lightningStationDay.deleteMany({ where: { day: { lt: firstDay } } });
  await db().lightningDay.deleteMany({ where: { day: { lt: firstDay } } });
  return strikes;
}

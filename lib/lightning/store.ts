import { db } from "../db";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { type Derived, derive, NEAR_KM, parisDay, type StationPoint, type StoredStrike } from "./derive";
import type { FeedStrike } from "./feed";
import { boxAround, type LatLon } from "./geo";

/**
 * Writes strikes and what is derived from them. Each batch is one InnoDB transaction (strikes, distances
 * and day counters stay consistent after a crash); deletions go in small batches so that a prune of
 * months of strikes never holds long locks.
 */

type Db = PrismaClient | Prisma.TransactionClient;

const INSERT_ROWS = 1000;
const DELETE_ROWS = 10_000;
const WALK_ROWS = 20_000;
const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Inserts strikes, skipping those already stored (same time and position); returns the new ones. */
async function insertStrikes(tx: Db, strikes: readonly FeedStrike[]): Promise<StoredStrike[]> {
  const stored: StoredStrike[] = [];
  for (const part of chunks(strikes, INSERT_ROWS)) {
    const values = part.map(
      (s) =>
        Prisma.sql`(${new Date(s.timeMs)}, ${s.latitude}, ${s.longitude}, ${s.altitude}, ${s.polarity}, ${s.maxDeviation}, ${s.status})`,
    );
    // INSERT IGNORE … RETURNING (MariaDB ≥ 10.5) returns exactly the rows inserted: duplicates drop out.
    const rows = await tx.$queryRaw<{ id: number; time: Date; latitude: number; longitude: number }[]>`
      INSERT IGNORE INTO LightningStrike (time, latitude, longitude, altitude, polarity, maxDeviation, status)
      VALUES ${Prisma.join(values)}
      RETURNING id, time, latitude, longitude`;
    for (const row of rows) {
      stored.push({
        id: Number(row.id),
        timeMs: row.time.getTime(),
        latitude: row.latitude,
        longitude: row.longitude,
      });
    }
  }
  return stored;
}

async function storeDerived(tx: Db, { distances, stationDays, days }: Derived): Promise<void> {
  for (const part of chunks(distances, INSERT_ROWS)) {
    const values = part.map(
      (d) => Prisma.sql`(${d.stationId}, ${new Date(d.timeMs)}, ${d.strikeId}, ${d.distance}, ${d.bearing})`,
    );
    await tx.$executeRaw`
      INSERT INTO LightningStrikeDistance (stationId, time, strikeId, distance, bearing)
      VALUES ${Prisma.join(values)}`;
  }
  for (const part of chunks(stationDays, INSERT_ROWS)) {
    const values = part.map(
      (c) => Prisma.sql`(${c.stationId}, ${c.day}, ${c.within10km}, ${c.within30km}, ${c.within100km})`,
    );
    await tx.$executeRaw`
      INSERT INTO LightningStationDay (stationId, day, within10km, within30km, within100km)
      VALUES ${Prisma.join(values)}
      ON DUPLICATE KEY UPDATE within10km = within10km + VALUES(within10km),
        within30km = within30km + VALUES(within30km), within100km = within100km + VALUES(within100km)`;
  }
  for (const part of chunks(days, INSERT_ROWS)) {
    const values = part.map((c) => Prisma.sql`(${c.day}, ${c.strikes}, ${c.departement})`);
    await tx.$executeRaw`
      INSERT INTO LightningDay (day, strikes, departement) VALUES ${Prisma.join(values)}
      ON DUPLICATE KEY UPDATE strikes = strikes + VALUES(strikes), departement = departement + VALUES(departement)`;
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
  return db().$transaction(async (tx) => {
    const stored = await insertStrikes(tx, strikes);
    await storeDerived(tx, derive(stored, stations, { withDays: true }));
    return stored.length;
  }, TRANSACTION);
}

/** Time of the newest stored strike (unix ms), or null. */
export async function newestStrikeMs(): Promise<number | null> {
  const newest = await db().lightningStrike.aggregate({ _max: { time: true } });
  return newest._max.time?.getTime() ?? null;
}

async function deleteInBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < DELETE_ROWS) return total;
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
  let after = 0;
  for (;;) {
    const rows = await db().$queryRaw<{ id: number; time: Date; latitude: number; longitude: number }[]>`
      SELECT id, time, latitude, longitude FROM LightningStrike
      WHERE id > ${after}
      ${area ? Prisma.sql`AND latitude BETWEEN ${area.south} AND ${area.north} AND longitude BETWEEN ${area.west} AND ${area.east}` : Prisma.empty}
      ORDER BY id LIMIT ${WALK_ROWS}`;
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].id);
    const strikes = rows.map((row) => ({
      id: Number(row.id),
      timeMs: row.time.getTime(),
      latitude: row.latitude,
      longitude: row.longitude,
    }));
    const derived = derive(strikes, stations, { withDays });
    await db().$transaction((tx) => storeDerived(tx, derived), TRANSACTION);
  }
}

async function clearStation(stationId: number): Promise<void> {
  await db().lightningStation.upsert({
    where: { stationId },
    create: { stationId },
    update: { latitude: null, longitude: null },
  });
  await deleteInBatches(
    () =>
      db()
        .$executeRaw`DELETE FROM LightningStrikeDistance WHERE stationId = ${stationId} LIMIT ${DELETE_ROWS}`,
  );
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
  const strikes = await deleteInBatches(
    () =>
      db().$executeRaw`DELETE FROM LightningStrike WHERE time < ${cutoff} ORDER BY time LIMIT ${DELETE_ROWS}`,
  );
  const stations = await db().lightningStation.findMany({ select: { stationId: true } });
  for (const { stationId } of stations) {
    await deleteInBatches(
      () =>
        db()
          .$executeRaw`DELETE FROM LightningStrikeDistance WHERE stationId = ${stationId} AND time < ${cutoff} LIMIT ${DELETE_ROWS}`,
    );
  }
  // Day counters are kept for every day that still has strikes (the first one partly).
  const firstDay = new Date(`${parisDay(cutoffMs)}T00:00:00Z`);
  await db().lightningStationDay.deleteMany({ where: { day: { lt: firstDay } } });
  await db().lightningDay.deleteMany({ where: { day: { lt: firstDay } } });
  return strikes;
}

import { writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { archiveRow, recordTimes } from "@/lib/demo/weather";
import type { Station } from "@/lib/generated/prisma/client";
import type { TestDatabases } from "./db";

/** Station rows the tests create beside (or instead of) the demo network. */

/** Levens, a station outside the demo network. */
export function levensData(archiveDatabase: string) {
  return {
    slug: "levens",
    name: "Levens",
    shortName: "Levens",
    commune: "Levens",
    latitude: 43.86,
    longitude: 7.22,
    altitude: 570,
    archiveDatabase,
  };
}

/** Levens with `archiveDatabase`; by default one that never arrived (its pages must explain). */
export function createLevens(dbs: TestDatabases, archiveDatabase = `${dbs.prefix}missing`): Promise<Station> {
  return dbs.prisma.station.create({ data: levensData(archiveDatabase) });
}

/**
 * A demo station (lib/demo/stations, by slug) alone: its synthetic records of (start, end] written to
 * `archiveDatabase`, and its row with the demo's name and place.
 */
export async function createDemoStation(
  dbs: TestDatabases,
  slug: string,
  archiveDatabase: string,
  start: number,
  end: number,
): Promise<Station> {
  const demo = DEMO_STATIONS.find((s) => s.slug === slug);
  if (!demo) throw new Error(`no demo station ${slug}`);
  await writeDemoArchive(dbs.admin, archiveDatabase, demo.profile, start, end);
  return dbs.prisma.station.create({
    data: {
      slug,
      name: demo.name,
      shortName: demo.shortName,
      commune: demo.commune,
      latitude: demo.profile.latitude,
      longitude: demo.profile.longitude,
      altitude: demo.profile.altitude,
      archiveDatabase,
    },
  });
}

/**
 * Appends a demo station's records of (from, to] to `archiveDatabase` (metric, METRICWX), with `change`
 * applied to each: the records a job run finds new, faults injected where a test wants them.
 */
export async function appendDemoRecords(
  dbs: TestDatabases,
  slug: string,
  archiveDatabase: string,
  from: number,
  to: number,
  change: (row: Record<string, number | null>, time: number) => void = () => {},
): Promise<void> {
  const demo = DEMO_STATIONS.find((s) => s.slug === slug);
  if (!demo) throw new Error(`no demo station ${slug}`);
  const rows = [...recordTimes(demo.profile, from, to, from)].map((t) => {
    const row = archiveRow(demo.profile, t);
    change(row, t);
    return row;
  });
  const columns = Object.keys(rows[0]);
  await dbs.admin.query("INSERT INTO ??.archive (??) VALUES ?", [
    archiveDatabase,
    columns,
    rows.map((row) => columns.map((c) => row[c])),
  ]);
}

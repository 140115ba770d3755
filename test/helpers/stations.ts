import { writeDemoArchive } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
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

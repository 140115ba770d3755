import { unstable_cache } from "next/cache";
import { type LoadedConditions, loadCurrentConditions } from "../conditions/load";
import type { Station } from "../generated/prisma/client";
import { listStations } from "../stations/queries";
import type { PublicStation } from "./json";

/**
 * Data shared by every request for a minute (Next's data cache, in memory): a burst of API calls or of
 * live-refresh polls reaches MariaDB once a minute per station, not once per request. Only callable
 * inside the Next server (route handlers and pages).
 */

/** What the API needs of a station, as plain JSON-safe data (the cache stores JSON). */
export type StationRecord = PublicStation & Pick<Station, "id" | "archiveDatabase">;

export const cachedStations = unstable_cache(
  async (): Promise<StationRecord[]> =>
    (await listStations()).map((s) => ({
      id: s.id,
      archiveDatabase: s.archiveDatabase,
      slug: s.slug,
      name: s.name,
      shortName: s.shortName,
      commune: s.commune,
      latitude: s.latitude,
      longitude: s.longitude,
      altitude: s.altitude,
      timezone: s.timezone,
      zone: s.zone,
      hasUv: s.hasUv,
      hasRadiation: s.hasRadiation,
      offlineThresholdMinutes: s.offlineThresholdMinutes,
    })),
  ["opendata-stations"],
  { revalidate: 60, tags: ["stations"] },
);

const conditions = unstable_cache(
  (station: StationRecord): Promise<LoadedConditions> => loadCurrentConditions(station),
  ["current-conditions"],
  { revalidate: 60, tags: ["stations", "conditions"] },
);

/** Current conditions of a station, computed at most once a minute. */
export function cachedConditions(station: StationRecord): Promise<LoadedConditions> {
  return conditions(station);
}

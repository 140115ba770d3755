import { unstable_cache } from "next/cache";
import { type Freshness, freshness } from "../conditions/freshness";
import { loadCurrentConditions } from "../conditions/load";
import type { Station } from "../generated/prisma/client";
import { listStations } from "./queries";

/**
 * A station's current state in a few numbers, for the home page, the network page and the image widget.
 * Everything comes from lib/conditions (the one place "current" values are computed, lib/conditions/
 * freshness.ts says whether it is offline); plain data, safe to cache.
 */
export interface StationSummary {
  slug: string;
  name: string;
  shortName: string;
  commune: string;
  altitude: number;
  latitude: number;
  longitude: number;
  offlineThresholdMinutes: number;
  /** Unix seconds of the newest record, null without any. */
  at: number | null;
  temperature: number | null;
  humidity: number | null;
  /** Today's (local day) minimum and maximum temperature, with their times. */
  tn: { value: number; at: number } | null;
  tx: { value: number; at: number } | null;
  /** 10-minute mean wind (km/h) and its direction. */
  windSpeed: number | null;
  windDirection: number | null;
  windCardinal: string | null;
  /** Highest gust of the last 10 minutes (km/h). */
  gust: number | null;
  /** Rain since local midnight (mm). */
  rainToday: number | null;
  /** French explanation when the archive cannot be read. */
  unavailable: string | null;
}

export async function stationSummary(station: Station): Promise<StationSummary> {
  const { conditions: c, unavailable } = await loadCurrentConditions(station);
  return {
    slug: station.slug,
    name: station.name,
    shortName: station.shortName,
    commune: station.commune,
    altitude: station.altitude,
    latitude: station.latitude,
    longitude: station.longitude,
    offlineThresholdMinutes: station.offlineThresholdMinutes,
    at: c?.at ?? null,
    temperature: c?.temperature.current ?? null,
    humidity: c?.humidity.current ?? null,
    tn: c?.temperature.min ?? null,
    tx: c?.temperature.max ?? null,
    windSpeed: c?.wind.mean10min.speed ?? null,
    windDirection: c?.wind.mean10min.direction ?? null,
    windCardinal: c?.wind.mean10min.cardinal ?? null,
    gust: c?.wind.gust10min?.value ?? null,
    rainToday: c?.rain.sinceMidnight ?? null,
    unavailable,
  };
}

/** Every active station's summary, computed at most once a minute for every visitor (Next server only). */
export const networkSummaries = unstable_cache(
  async () => Promise.all((await listStations()).map(stationSummary)),
  ["network-summaries"],
  { revalidate: 60, tags: ["stations"] },
);

export type SummaryWithFreshness = { summary: StationSummary } & Freshness;

/**
 * The network at `now` (unix seconds), split: the live stations (online or recently offline) and those
 * "hors service", silent for more than OUT_OF_SERVICE_DAYS, which the pages list apart.
 */
export function splitNetwork(
  summaries: readonly StationSummary[],
  now: number,
): { live: SummaryWithFreshness[]; outOfService: SummaryWithFreshness[] } {
  const all = summaries.map((summary) => ({
    summary,
    ...freshness(summary.at, summary.offlineThresholdMinutes, now),
  }));
  return { live: all.filter((s) => !s.outOfService), outOfService: all.filter((s) => s.outOfService) };
}

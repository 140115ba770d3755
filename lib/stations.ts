import { ArchiveError, archives, type Observation } from "./archive/reader";
import { db } from "./db";
import type { Station } from "./generated/prisma/client";

export type { Station };

export function listStations(): Promise<Station[]> {
  return db().station.findMany({ where: { active: true }, orderBy: { name: "asc" } });
}

export function findStation(slug: string): Promise<Station | null> {
  return db().station.findFirst({ where: { slug, active: true } });
}

/** What a visitor needs to know about a station right now. Plain data, safe to cache as JSON. */
export interface StationSnapshot {
  slug: string;
  name: string;
  latest: Observation | null;
  /** Seconds since the newest record (null without any record). */
  ageSeconds: number | null;
  /** Silent for longer than the station's offline threshold. */
  offline: boolean;
  /** A French explanation when the archive cannot be read; the rest of the site keeps working. */
  unavailable: string | null;
}

const SNAPSHOT_FIELDS = [
  "outTemp",
  "outHumidity",
  "barometer",
  "windSpeed",
  "windDir",
  "windGust",
  "rain",
  "rainRate",
];

export async function stationSnapshot(station: Station, now = Date.now() / 1000): Promise<StationSnapshot> {
  const base = { slug: station.slug, name: station.name };
  try {
    const latest = await archives().latest(station.archiveDatabase, SNAPSHOT_FIELDS);
    const ageSeconds = latest ? Math.max(0, now - latest.dateTime) : null;
    return {
      ...base,
      latest,
      ageSeconds,
      offline: ageSeconds === null || ageSeconds > station.offlineThresholdMinutes * 60,
      unavailable: null,
    };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`station ${station.slug}: ${error.message}`);
    return {
      ...base,
      latest: null,
      ageSeconds: null,
      offline: true,
      unavailable: describeUnavailable(error),
    };
  }
}

/** What visitors are told when a station's archive cannot be read (details go to the log). */
export function describeUnavailable(error: ArchiveError): string {
  switch (error.problem) {
    case "unreachable":
      return "Le serveur des archives ne répond pas pour le moment.";
    case "unknown-units":
      return "Les données de cette station sont dans un système d'unités inconnu ; l'équipe a été prévenue.";
    default:
      return "Les archives de cette station sont introuvables pour le moment ; l'équipe a été prévenue.";
  }
}

import type { ArchiveError } from "./archive/reader";
import { db } from "./db";
import type { Station } from "./generated/prisma/client";

export type { Station };

export function listStations(): Promise<Station[]> {
  return db().station.findMany({ where: { active: true }, orderBy: { name: "asc" } });
}

export function findStation(slug: string): Promise<Station | null> {
  return db().station.findFirst({ where: { slug, active: true } });
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

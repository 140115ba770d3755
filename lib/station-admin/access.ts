import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { type CurrentUser, canManageStation, currentUser, guardAction, hasRole } from "../accounts/auth";
import { db } from "../db/client";
import { ForbiddenError } from "../errors";
import type { Station } from "../generated/prisma/client";
import { ApiError } from "../http/api";

/**
 * Who may manage a station (its admin pages, actions and routes): its owners (StationAccess), editors
 * and admins — lib/accounts/auth.ts canManageStation. Every page, server action and route handler of the station
 * admin calls one of these itself.
 */

export interface ManagedStation {
  user: CurrentUser;
  station: Station;
}

/** For pages: the signed-in manager and the station, or the login page, a 404 or a 403 page. */
export const managedStationPage = cache(async (slug: string): Promise<ManagedStation> => {
  const user = await currentUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(`/admin/stations/${slug}`)}`);
  const station = await db().station.findUnique({ where: { slug } });
  if (!station) notFound();
  if (!canManageStation(user, station.id)) forbidden();
  return { user, station };
});

/** For server actions and route handlers: ForbiddenError (401/403) or ApiError 404. */
export async function requireStationManager(slug: string): Promise<ManagedStation> {
  const user = await currentUser();
  if (!user) throw ForbiddenError.signInRequired();
  const station = await db().station.findUnique({ where: { slug } });
  if (!station) throw new ApiError(404, "Station inconnue.");
  if (!canManageStation(user, station.id)) throw new ForbiddenError("Vous ne gérez pas cette station.");
  return { user, station };
}

/** For server actions: the signed-in manager and the station, or a 401, 403 or 404 (guardAction). */
export function requireStationManagerAction(slug: string): Promise<ManagedStation> {
  return guardAction(requireStationManager(slug));
}

/** The stations `user` may manage, by name. */
export function manageableStations(user: CurrentUser): Promise<Station[]> {
  return db().station.findMany({
    where: hasRole(user, "EDITOR") ? {} : { id: { in: user.stationIds } },
    orderBy: { name: "asc" },
  });
}

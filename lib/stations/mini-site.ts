import { notFound } from "next/navigation";
import { cache } from "react";
import { findStation } from "./queries";

/** The station of a mini-site request, looked up once per request (layout and page share it), or 404. */
export const stationOr404 = cache(async (slug: string) => {
  const station = await findStation(slug);
  if (!station) notFound();
  return station;
});

import { redirect } from "next/navigation";
import { stationOr404 } from "@/lib/stations/mini-site";
import { localToday } from "@/lib/time";

// Cached like the other station pages: the day it leads to changes at midnight, within the minute.
// The day picker's /jour?date=AAAA-MM-JJ is answered by proxy.ts (lib/http/hosts.ts `dayPickerTarget`).
export const revalidate = 60;

/** /jour: today's page. */
export default async function DayIndex({ params }: { params: Promise<{ slug: string }> }) {
  const station = await stationOr404((await params).slug);
  redirect(`/jour/${localToday(station.timezone)}`);
}

import { redirect } from "next/navigation";
import { stationOr404 } from "@/lib/station-page";
import { isCalendarDay, localToday } from "@/lib/time";

// It only redirects, depending on the date and the query: never cached.
export const dynamic = "force-dynamic";

/** /jour: today's page, and the target of the day picker (/jour?date=YYYY-MM-DD). */
export default async function DayIndex({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ date?: string | string[] }>;
}) {
  const station = await stationOr404((await params).slug);
  const today = localToday(station.timezone);
  const asked = (await searchParams).date;
  const wanted = typeof asked === "string" ? asked.trim() : "";
  const day = isCalendarDay(wanted) && wanted <= today ? wanted : today;
  redirect(`/jour/${day}`);
}

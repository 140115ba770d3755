import { redirect } from "next/navigation";
import { todayOf, validDay } from "@/lib/day-page";
import { stationOr404 } from "@/lib/station-page";

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
  const today = todayOf(station.timezone);
  const asked = (await searchParams).date;
  const day = typeof asked === "string" && validDay(asked.trim(), today) ? asked.trim() : today;
  redirect(`/jour/${day}`);
}

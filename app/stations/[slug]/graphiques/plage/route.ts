import { MAX_RANGE_DAYS, periodPath } from "@/lib/charts-page";
import { addDays, isCalendarDay } from "@/lib/time";

/**
 * Target of the custom-range form (?du=YYYY-MM-DD&au=YYYY-MM-DD): redirects to the cacheable page
 * /graphiques/<du>..<au>. Dates in the wrong order are swapped, a range too long is shortened to end on
 * `au`; anything unreadable goes back to the default period.
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  let [fromDay, toDay] = [params.get("du") ?? "", params.get("au") ?? ""].map((d) => d.trim());
  let location = "/graphiques";
  if (isCalendarDay(fromDay) && isCalendarDay(toDay)) {
    if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
    const earliest = addDays(toDay, -(MAX_RANGE_DAYS - 1));
    if (fromDay < earliest) fromDay = earliest;
    location = periodPath({ kind: "range", fromDay, toDay });
  }
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

import { notFound } from "next/navigation";
import type { Station } from "../generated/prisma/client";
import { parseMonth } from "../time";
import { currentMonth, type MonthView, monthView } from "./queries";

/** What the climatology pages of a station share beyond their components. */

/**
 * The view of the month a page URL names, or a 404 when it is not a month ("YYYY-MM"), has not started
 * being final yet, or is before the station's first climatology day.
 */
export async function monthViewOr404(station: Station, value: string): Promise<MonthView> {
  const month = parseMonth(value);
  if (!month || month > currentMonth()) notFound();
  const view = await monthView(station, month);
  if (!view.extent || month < view.extent.first.slice(0, 7)) notFound();
  return view;
}

import { z } from "zod";
import { readHours } from "@/lib/aggregates/store";
import { apiRoute, parseQuery } from "@/lib/api";
import { API_HEADERS, apiStation } from "@/lib/climate/api";
import { HEATMAP_COLUMNS, yearHeatmap } from "@/lib/climate/heatmap";
import { appSqlPool } from "@/lib/db";
import { parseYear } from "@/lib/time";

const query = z.object({
  year: z
    .string({ error: "paramètre year obligatoire (AAAA)" })
    .refine((v) => parseYear(v) !== null, { message: "year doit être une année AAAA" }),
});

/**
 * GET /api/v1/stations/{slug}/climate/heatmap?year=YYYY: day × local hour values of temperature,
 * humidity, dew point (hourly means) and rain (hourly totals), from the hourly aggregates.
 */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const year = Number(parseQuery(query, request.url).year);
  const station = await apiStation((await context.params).slug);
  // A day of margin on each side: the local year is not the UTC year.
  const hours = await readHours(
    appSqlPool(),
    station.id,
    Date.UTC(year - 1, 11, 31) / 1000,
    Date.UTC(year + 1, 0, 2) / 1000,
    HEATMAP_COLUMNS,
  );
  const { days, values } = yearHeatmap(hours, year, station.timezone);
  return Response.json(
    {
      station: station.slug,
      year,
      timezone: station.timezone,
      units: { temperature: "°C", humidity: "%", dewpoint: "°C", rain: "mm" },
      days,
      values,
    },
    { headers: API_HEADERS },
  );
});

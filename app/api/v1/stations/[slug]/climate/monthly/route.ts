import { z } from "zod";
import { apiRoute, parseQuery } from "@/lib/api";
import { apiStation, periodJson, periodsCsv, respond } from "@/lib/climate/api";
import { yearView } from "@/lib/climate/queries";
import { parseYear } from "@/lib/time";

const query = z.object({
  year: z
    .string({ error: "paramètre year obligatoire (AAAA)" })
    .refine((v) => parseYear(v) !== null, { message: "year doit être une année AAAA" }),
  format: z.enum(["json", "csv"], { error: "format doit être json ou csv" }).default("json"),
});

/** GET /api/v1/stations/{slug}/climate/monthly?year=YYYY[&format=csv]: the 12 months and the year. */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const { year, format } = parseQuery(query, request.url);
  const station = await apiStation((await context.params).slug);
  const view = await yearView(station, Number(year));
  return respond(
    {
      station: station.slug,
      year: Number(year),
      months: view.months.map(periodJson),
      total: periodJson(view.summary),
    },
    format === "csv" ? periodsCsv([...view.months, view.summary]) : null,
    `${station.slug}-climat-mensuel-${year}`,
  );
});

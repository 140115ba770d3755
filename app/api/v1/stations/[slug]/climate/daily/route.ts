import { z } from "zod";
import { ApiError, apiRoute, parseQuery } from "@/lib/api";
import { apiStation, dailyCsv, dailyJson, respond } from "@/lib/climate/api";
import { readClimateDays } from "@/lib/climate/store";
import { appSqlPool } from "@/lib/db";
import { isCalendarDay } from "@/lib/time";

const MAX_DAYS = 7320; // 20 years

const date = (name: string) =>
  z
    .string({ error: `paramètre ${name} obligatoire (AAAA-MM-JJ)` })
    .refine((v) => isCalendarDay(v), { message: `${name} doit être une date AAAA-MM-JJ` });

const query = z.object({
  from: date("from"),
  to: date("to"),
  format: z.enum(["json", "csv"], { error: "format doit être json ou csv" }).default("json"),
});

/** GET /api/v1/stations/{slug}/climate/daily?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv] */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const { from, to, format } = parseQuery(query, request.url);
  if (from > to) throw new ApiError(400, "from doit précéder to");
  if ((Date.parse(to) - Date.parse(from)) / 86400_000 >= MAX_DAYS)
    throw new ApiError(400, `période limitée à ${MAX_DAYS} jours`);
  const { slug } = await context.params;
  const station = await apiStation(slug);
  const days = await readClimateDays(appSqlPool(), station.id, from, to);
  return respond(
    { station: station.slug, days: days.map(dailyJson) },
    format === "csv" ? dailyCsv(days) : null,
    `${station.slug}-climat-quotidien-${from}-${to}`,
  );
});

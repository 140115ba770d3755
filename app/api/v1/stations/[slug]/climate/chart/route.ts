import { z } from "zod";
import { apiRoute, parseQuery } from "@/lib/api";
import { API_HEADERS, apiStation } from "@/lib/climate/api";
import { readClimateDays } from "@/lib/climate/store";
import { monthChartSvg } from "@/lib/climate/svg";
import { appSqlPool } from "@/lib/db";
import { daysOfMonth, monthLabel, parseMonth } from "@/lib/time";

const query = z.object({
  month: z
    .string({ error: "paramètre month obligatoire (AAAA-MM)" })
    .refine((v) => parseMonth(v) !== null, { message: "month doit être un mois AAAA-MM" }),
  kind: z
    .enum(["temperature", "rain"], { error: "kind doit être temperature ou rain" })
    .default("temperature"),
});

/** GET /api/v1/stations/{slug}/climate/chart?month=YYYY-MM&kind=temperature|rain: an SVG image (climate summaries embed it). */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const { month, kind } = parseQuery(query, request.url);
  const station = await apiStation((await context.params).slug);
  const calendar = daysOfMonth(month);
  const days = await readClimateDays(appSqlPool(), station.id, calendar[0], calendar.at(-1)!);
  const title = `${station.name} — ${kind === "temperature" ? "températures" : "précipitations"} de ${monthLabel(month)}`;
  return new Response(monthChartSvg(days, calendar.length, kind, title), {
    headers: { ...API_HEADERS, "Content-Type": "image/svg+xml; charset=utf-8" },
  });
});

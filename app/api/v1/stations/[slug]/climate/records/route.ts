import { z } from "zod";
import { apiRoute, parseQuery } from "@/lib/api";
import { apiStation, recordsCsv, recordsJson, respond } from "@/lib/climate/api";
import { recordsView } from "@/lib/climate/queries";
import { MAX_RECORD_LIMIT } from "@/lib/climate/records";

const query = z.object({
  limit: z
    .string()
    .default("10")
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_RECORD_LIMIT, {
      message: `limit doit être un entier de 1 à ${MAX_RECORD_LIMIT}`,
    }),
  format: z.enum(["json", "csv"], { error: "format doit être json ou csv" }).default("json"),
});

/** GET /api/v1/stations/{slug}/climate/records?limit=10[&format=csv]: the top days per parameter. */
export const GET = apiRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const { limit, format } = parseQuery(query, request.url);
  const station = await apiStation((await context.params).slug);
  const tables = await recordsView(station, Number(limit));
  return respond(
    { station: station.slug, limit: Number(limit), records: recordsJson(tables) },
    format === "csv" ? recordsCsv(tables) : null,
    `${station.slug}-records`,
  );
});

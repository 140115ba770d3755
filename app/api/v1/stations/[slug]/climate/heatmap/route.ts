import { climateHeatmapResponse, openDataRoute, preflight } from "@/lib/opendata/endpoints";

type Context = { params: Promise<{ slug: string }> };

export const GET = openDataRoute(async (request, { params }: Context) =>
  climateHeatmapResponse(request, (await params).slug),
);
export const OPTIONS = preflight;

import { openDataRoute, preflight, stationsResponse } from "@/lib/opendata/endpoints";

export const GET = openDataRoute((request) => stationsResponse(request));
export const OPTIONS = preflight;

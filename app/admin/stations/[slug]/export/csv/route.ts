import { exportCsvResponse } from "@/lib/export/csv";
import { exportQueryOf, parseExportRequest } from "@/lib/export/request";
import { ApiError, apiRoute } from "@/lib/http/api";
import { requireStationManager } from "@/lib/station-admin/access";

/**
 * GET /admin/stations/<slug>/export/csv?from=YYYY-MM-DD&to=YYYY-MM-DD&step=raw|10m|1h&fields=outTemp,rain…
 * Station managers only; read-only (a GET, so no CSRF concern); streamed, never stored.
 */
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { station } = await requireStationManager((await params).slug);
  const parsed = parseExportRequest(exportQueryOf(new URL(request.url).searchParams));
  if (parsed.error !== null) throw new ApiError(400, parsed.error);
  return exportCsvResponse(station, parsed.request);
});

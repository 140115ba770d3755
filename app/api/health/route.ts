import { connection } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { healthSummary } from "@/lib/ops/status";

/**
 * For an outside uptime monitor: 200 while the app and its database answer (the body says whether
 * checks are warning or critical), 503 when the database does not. No secrets, no messages.
 */
export const GET = apiRoute(async () => {
  await connection();
  const summary = await healthSummary();
  return Response.json(
    { ...summary, time: new Date().toISOString() },
    { status: summary.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } },
  );
});

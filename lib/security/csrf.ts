import { ApiError } from "../http/api";

/**
 * CSRF protection for route handlers that change something (server actions have Next's own check):
 * the browser's Origin must be the host the request was sent to. Cross-site forms and scripts
 * always send their own origin; same-site requests from our pages send ours.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) {
    throw new ApiError(403, "Requête refusée : elle ne vient pas de ce site (protection CSRF).");
  }
}

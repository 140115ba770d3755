import { revalidateArticles } from "@/lib/articles/public";
import { ApiError, apiRoute } from "@/lib/http/api";
import { isRevalidationAllowed } from "@/lib/http/site-cache";

/**
 * For the `meteo` jobs (lib/http/site-cache.ts): the cached public pages are rendered again on their
 * next visit. Nothing else happens here, and only with the token derived from AUTH_SECRET.
 */
export const POST = apiRoute(
  async (request) => {
    if (!isRevalidationAllowed(request.headers.get("authorization"), process.env.AUTH_SECRET))
      throw new ApiError(403, "Jeton de revalidation absent ou invalide.");
    revalidateArticles();
    return Response.json({ revalidated: true });
  },
  { headers: { "cache-control": "no-store" } },
);

import type { z } from "zod";
import { ForbiddenError } from "./errors";

/**
 * Thin route handlers: wrap them with apiRoute() and throw ApiError for bad input. Every failure
 * becomes a JSON body { error } with its status; unexpected errors are logged and answered with a
 * generic 500 (never a stack trace or SQL).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function jsonError(status: number, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: message }, { status, headers });
}

export function apiRoute<Context>(handler: (request: Request, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return jsonError(error.status, error.message);
      if (error instanceof ForbiddenError)
        return jsonError(error.message === "Connexion requise" ? 401 : 403, error.message);
      console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
      return jsonError(500, "Erreur interne du serveur");
    }
  };
}

/** Parses the query string with `schema`; a 400 names every bad parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, url: string | URL): z.infer<T> {
  const params = Object.fromEntries(new URL(url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new ApiError(
      400,
      result.error.issues
        .map((i) => (i.path.length ? `${i.path.join(".")} : ${i.message}` : i.message))
        .join(" ; "),
    );
  }
  return result.data;
}

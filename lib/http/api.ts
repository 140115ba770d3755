import type { z } from "zod";
import { ForbiddenError, UserError } from "../errors";

/**
 * Thin route handlers: wrap them with apiRoute() and throw ApiError for bad input. Every failure
 * becomes a JSON body { error } with its status; unexpected errors are logged and answered with a
 * generic 500 (never a stack trace or SQL).
 */

export class ApiError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}

export interface ApiRouteOptions {
  /** Headers of every response, errors included (e.g. CORS), unless the handler set them itself. */
  headers?: Record<string, string>;
  /** Headers of error responses only (e.g. Cache-Control: no-store). */
  errorHeaders?: Record<string, string>;
}

export function apiRoute<Context>(
  handler: (request: Request, context: Context) => Promise<Response>,
  options: ApiRouteOptions = {},
) {
  const withHeaders = (response: Response, extra?: Record<string, string>) => {
    for (const [name, value] of Object.entries({ ...options.headers, ...extra }))
      if (!response.headers.has(name)) response.headers.set(name, value);
    return response;
  };
  const failure = (status: number, message: string) =>
    withHeaders(jsonError(status, message), options.errorHeaders);
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      return withHeaders(await handler(request, context));
    } catch (error) {
      if (error instanceof ApiError) return failure(error.status, error.message);
      if (error instanceof ForbiddenError) return failure(error.status, error.message);
      console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
      return failure(500, "Erreur interne du serveur");
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

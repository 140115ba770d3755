import type { z } from "zod";
import { ApiError } from "../http/api";

/**
 * Checking input against a zod schema, for server actions (runAction answers the error with its field
 * errors) and route handlers (apiRoute answers it 422) alike. No server-only import: the domain's
 * parsers (lib/articles/input) use it too.
 */

/**
 * Input refused: every problem, and the first one of each field (its path, as "forecast.2.tMax"). A
 * route handler answers it 422; a server action, with the field errors its form shows beside the fields.
 */
export class ValidationError extends ApiError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(422, message);
    this.name = "ValidationError";
  }
}

/** `input` parsed by `schema`, or a ValidationError naming every problem (runAction answers it). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".");
    if (field && !(field in fieldErrors)) fieldErrors[field] = issue.message;
  }
  const messages = [...new Set(result.error.issues.map((issue) => issue.message))];
  throw new ValidationError(messages.join(" ; "), fieldErrors);
}

import type { z } from "zod";
import { ApiError } from "../http/api";
import { FORM_INVALID } from "./result";

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
    /** What a form's inputs show again. */
    readonly values?: Record<string, string>,
  ) {
    super(422, message);
    this.name = "ValidationError";
  }
}

/** The first problem of each field (a problem of the whole input under "form"). */
function firstByField(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
  return fieldErrors;
}

/** `input` parsed by `schema`, or a ValidationError naming every problem (runAction answers it). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const messages = [...new Set(result.error.issues.map((issue) => issue.message))];
  throw new ValidationError(messages.join(" ; "), firstByField(result.error.issues));
}

type Submitted = FormData | Record<string, string | undefined>;

/** The text values of a submitted form for the keys of `schema` (a missing field is ""). */
export function formStrings(schema: z.ZodObject, form: Submitted): Record<string, string> {
  const get = (key: string) => (form instanceof FormData ? form.get(key) : form[key]);
  return Object.fromEntries(
    Object.keys(schema.shape).map((key) => {
      const value = get(key);
      return [key, typeof value === "string" ? value : ""];
    }),
  );
}

/**
 * A form whose inputs show each field's problem beside it: its text fields parsed by `schema`, or a
 * ValidationError summed up as FORM_INVALID (or the whole form's problem) that gives the inputs back.
 */
export function validateForm<S extends z.ZodObject>(schema: S, form: Submitted): z.output<S> {
  const values = formStrings(schema, form);
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fieldErrors = firstByField(result.error.issues);
  throw new ValidationError(fieldErrors.form ?? FORM_INVALID, fieldErrors, values);
}

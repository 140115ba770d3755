import type { z } from "zod";
import { UserError } from "../errors";
import { FORM_INVALID } from "./result";

/**
 * The input of server actions checked with zod (pure): `validate` for any input, `validateForm` for a
 * form whose fields show their problems. A refusal is a ValidationError, which runAction (./run) answers.
 */

/** Input an action refuses: every problem, the first one of each field, and what the inputs show again. */
export class ValidationError extends UserError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
    readonly values?: Record<string, string>,
  ) {
    super(message);
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

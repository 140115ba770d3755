/**
 * What every server action whose form shows an outcome answers (server and client alike: no server
 * code here). The forms hold `ActionState` (null before the first submission).
 */

export type ActionResult<T = null> =
  | { ok: true; data: T; message: string | null }
  | {
      ok: false;
      error: string;
      /** The first problem of each field, shown beside it. */
      fieldErrors?: Record<string, string>;
      /** What the inputs show again (React resets a form after its action). */
      values?: Record<string, string>;
    };

export type ActionState<T = null> = ActionResult<T> | null;

/** The summary of a form refused field by field. */
export const FORM_INVALID = "Le formulaire contient des erreurs : rien n'a été enregistré.";

export function succeeded<T>(data: T, message: string | null = null): ActionResult<T> {
  return { ok: true, data, message };
}

export function failed(
  error: string,
  details: { fieldErrors?: Record<string, string>; values?: Record<string, string> } = {},
): ActionResult<never> {
  return { ok: false, error, ...details };
}

import { guardAction } from "../accounts/auth";
import { UserError } from "../errors";
import { type ActionResult, failed } from "./result";
import { ValidationError } from "./validation";

export { ValidationError, validate } from "./validation";

/**
 * Server actions are the one way the back office changes data. Each section keeps its actions in
 * app/admin/<section>/actions.ts, beside the forms that call them, and each action is one runAction():
 * the access check, then the work (input checked with validate(), the change made by a lib/ function).
 * An action whose form shows an outcome answers an ActionResult (./result). An action behind a plain
 * button (delete, acknowledge) returns nothing: it calls requireActionRole() (or another *Action check)
 * and the refreshed page shows the change.
 */

/**
 * Runs a server action: `access` (requireRole, requireStationManager…) is refused with a 401, 403 or
 * 404 response (guardAction: nothing runs); then `work`, whose refusals — any UserError: bad input
 * (ValidationError, ApiError), a right the user lacks on this item (ForbiddenError), a domain's own
 * refusal — come back as { ok: false } with their message. Anything else is a bug: thrown, logged by
 * Next, never shown.
 */
export async function runAction<C, T>(
  access: Promise<C>,
  work: (context: C) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const context = await guardAction(access);
  try {
    return await work(context);
  } catch (error) {
    if (error instanceof ValidationError) {
      const { fieldErrors, values } = error;
      return failed(error.message, values ? { fieldErrors, values } : { fieldErrors });
    }
    if (error instanceof UserError) return failed(error.message);
    throw error;
  }
}

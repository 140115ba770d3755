"use client";

import { useActionState } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { FormStatus } from "./fields";

/** A check's tolerance for one station (the station admin's "Qualité" screen). */
export function QualityToleranceForm({
  action,
  checks,
  factors,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionResult>;
  checks: { check: string; label: string; factor: number }[];
  factors: readonly number[];
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="admin-form">
      <FormStatus
        message={state?.ok ? state.message : null}
        error={state && !state.ok ? state.error : null}
      />
      <label>
        Contrôle
        <select name="check" defaultValue={checks[0]?.check}>
          {checks.map((c) => (
            <option key={c.check} value={c.check}>
              {c.label} (actuellement × {String(c.factor).replace(".", ",")})
            </option>
          ))}
        </select>
      </label>
      <label>
        Tolérance (les limites du contrôle sont multipliées par ce facteur)
        <select name="factor" defaultValue="1">
          {factors.map((f) => (
            <option key={f} value={f}>
              × {String(f).replace(".", ",")}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        Enregistrer la tolérance
      </button>
    </form>
  );
}

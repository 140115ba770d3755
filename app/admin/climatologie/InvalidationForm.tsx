"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { addInvalidationAction } from "./actions";

export function InvalidationForm({
  stations,
  sensors,
}: {
  stations: { slug: string; name: string }[];
  sensors: { value: string; label: string }[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addInvalidationAction, null);
  return (
    <form className="stack wide" action={action}>
      <label>
        Station
        <select name="station" required defaultValue="">
          <option value="" disabled>
            Choisir…
          </option>
          {stations.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Capteur
        <select name="sensor" required defaultValue="TEMPERATURE">
          {sensors.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Début (heure de Paris, exclu)
        <input type="datetime-local" name="from" required />
      </label>
      <label>
        Fin (heure de Paris, incluse)
        <input type="datetime-local" name="to" required />
      </label>
      <label>
        Raison
        <textarea name="reason" required minLength={3} maxLength={500} rows={2} />
      </label>
      {state?.ok === false && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state?.ok && (
        <p className="banner banner-success" role="status">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Recalcul en cours…" : "Invalider ces données"}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { saveAlert } from "./actions";

/** One station's alert settings: the radius (for everyone) and the signed-in user's subscription. */
export function AlertForm({
  stationId,
  stationName,
  radiusKm,
  subscribed,
}: {
  stationId: number;
  stationName: string;
  radiusKm: number | null;
  subscribed: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveAlert, null);
  return (
    <form className="stack" action={action} aria-label={`Alertes foudre de ${stationName}`}>
      <input type="hidden" name="station" value={stationId} />
      <label>
        Rayon d'alerte (km)
        <input
          name="rayon"
          inputMode="numeric"
          size={8}
          defaultValue={radiusKm ?? ""}
          placeholder="aucune"
          aria-describedby={`rayon-aide-${stationId}`}
        />
      </label>
      <span id={`rayon-aide-${stationId}`} className="muted">
        Une alerte part quand un impact tombe dans ce rayon ; la fin d'alerte, après 30 minutes sans impact.
      </span>
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center", fontWeight: 400 }}>
        <input type="checkbox" name="abonne" defaultChecked={subscribed} />
        M'envoyer les alertes de cette station par e-mail
      </label>
      {state?.ok === false && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state?.ok && !pending && (
        <p className="banner banner-success" role="status">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer"}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { type SendState, sendNowAction } from "./actions";

/** "Envoyer maintenant": one run of the feed (as the timer would), with its result. */
export function SendNow({ feedId, enabled }: { feedId: number; enabled: boolean }) {
  const [state, action, pending] = useActionState<SendState, FormData>(sendNowAction, {
    ok: null,
    message: "",
  });
  const tone = state.ok === true ? "banner-success" : state.ok === false ? "banner-danger" : "banner-info";
  return (
    <form action={action} className="send-now">
      <input type="hidden" name="id" value={feedId} />
      <button type="submit" disabled={pending || !enabled}>
        {pending ? "Envoi en cours…" : "Envoyer maintenant"}
      </button>
      {!enabled && <span className="muted"> (activez le flux pour l'envoyer)</span>}
      {state.message && (
        <p className={`banner ${tone}`} role="status">
          {state.message}
        </p>
      )}
    </form>
  );
}

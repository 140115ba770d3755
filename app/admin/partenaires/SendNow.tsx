"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import type { FeedOutcome } from "@/lib/partners/send";
import { sendNowAction } from "./actions";

const SUCCESS: FeedOutcome[] = ["sent", "up-to-date"];

/** "Envoyer maintenant": one run of the feed (as the timer would), with its result. */
export function SendNow({ feedId, enabled }: { feedId: number; enabled: boolean }) {
  const [state, action, pending] = useActionState<ActionState<FeedOutcome>, FormData>(sendNowAction, null);
  // Sent or already up to date: success; skipped or a preview only: information; refused or failed: danger.
  const tone = !state?.ok ? "banner-danger" : SUCCESS.includes(state.data) ? "banner-success" : "banner-info";
  const message = state ? (state.ok ? state.message : state.error) : null;
  return (
    <form action={action} className="send-now">
      <input type="hidden" name="id" value={feedId} />
      <button type="submit" disabled={pending || !enabled}>
        {pending ? "Envoi en cours…" : "Envoyer maintenant"}
      </button>
      {!enabled && <span className="muted"> (activez le flux pour l'envoyer)</span>}
      {message && (
        <p className={`banner ${tone}`} role="status">
          {message}
        </p>
      )}
    </form>
  );
}

"use server";

import { redirect } from "next/navigation";
import { requireActionRole, requireRole } from "@/lib/accounts/auth";
import { type ActionResult, type ActionState, failed, succeeded } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { validate } from "@/lib/actions/validation";
import { deleteFeed, feedFormSchema, saveFeed } from "@/lib/partners/config";
import { findFeed } from "@/lib/partners/feeds";
import { type FeedOutcome, sendFeed } from "@/lib/partners/send";

/** Back-office actions on partner feeds: admins only, checked here (never only by the page). */

function feedId(form: FormData): number {
  const id = Number(form.get("id"));
  return Number.isInteger(id) && id > 0 ? id : 0;
}

export async function saveFeedAction(_previous: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(requireRole("ADMIN"), async () => {
    const id = feedId(form) || undefined;
    const input = validate(feedFormSchema, {
      stationId: form.get("stationId") ?? 0,
      partner: form.get("partner") ?? "STATIC",
      enabled: form.get("enabled") === "on",
      partnerStationId: form.get("partnerStationId") ?? "",
      username: form.get("username") ?? "",
      password: form.get("password") ?? "",
      clearCredentials: form.get("clearCredentials") === "on",
      endpoint: form.get("endpoint") ?? "",
    });
    const result = await saveFeed(input, id);
    if (!result.ok) return failed(result.errors.join(" "));
    redirect(`/admin/partenaires/${result.feed.id}?enregistre=1`);
  });
}

/** One run of the feed, as the timer would; its outcome and message are shown beside the button. */
export async function sendNowAction(
  _previous: ActionState<FeedOutcome>,
  form: FormData,
): Promise<ActionResult<FeedOutcome>> {
  return runAction(requireRole("ADMIN"), async () => {
    const feed = await findFeed(feedId(form));
    if (!feed) return failed("Ce flux n'existe plus.");
    if (!feed.enabled) return failed("Activez le flux avant d'envoyer.");
    const run = await sendFeed(feed);
    if (run.outcome === "failed" || run.outcome === "busy") return failed(run.message);
    return succeeded(run.outcome, run.message);
  });
}

export async function deleteFeedAction(form: FormData): Promise<void> {
  await requireActionRole("ADMIN");
  await deleteFeed(feedId(form));
  redirect("/admin/partenaires?supprime=1");
}

"use server";

import { redirect } from "next/navigation";
import { requireActionRole } from "@/lib/auth";
import { deleteFeed, feedFormSchema, saveFeed } from "@/lib/partners/config";
import { findFeed } from "@/lib/partners/feeds";
import { sendFeed } from "@/lib/partners/send";

/** Back-office actions on partner feeds: admins only, checked here (never only by the page). */

export interface FormState {
  errors: string[];
}

export interface SendState {
  ok: boolean | null;
  message: string;
}

function feedId(form: FormData): number {
  const id = Number(form.get("id"));
  return Number.isInteger(id) && id > 0 ? id : 0;
}

export async function saveFeedAction(_previous: FormState, form: FormData): Promise<FormState> {
  await requireActionRole("ADMIN");
  const id = feedId(form) || undefined;
  const parsed = feedFormSchema.safeParse({
    stationId: form.get("stationId") ?? 0,
    partner: form.get("partner") ?? "STATIC",
    enabled: form.get("enabled") === "on",
    partnerStationId: form.get("partnerStationId") ?? "",
    username: form.get("username") ?? "",
    password: form.get("password") ?? "",
    clearCredentials: form.get("clearCredentials") === "on",
    endpoint: form.get("endpoint") ?? "",
  });
  if (!parsed.success) return { errors: parsed.error.issues.map((issue) => issue.message) };
  const result = await saveFeed(parsed.data, id);
  if (!result.ok) return { errors: result.errors };
  redirect(`/admin/partenaires/${result.feed.id}?enregistre=1`);
}

export async function sendNowAction(_previous: SendState, form: FormData): Promise<SendState> {
  await requireActionRole("ADMIN");
  const feed = await findFeed(feedId(form));
  if (!feed) return { ok: false, message: "Ce flux n'existe plus." };
  if (!feed.enabled) return { ok: false, message: "Activez le flux avant d'envoyer." };
  const run = await sendFeed(feed);
  const ok = { sent: true, "up-to-date": true, skipped: null, preview: null, failed: false, busy: false }[
    run.outcome
  ];
  return { ok, message: run.message };
}

export async function deleteFeedAction(form: FormData): Promise<void> {
  await requireActionRole("ADMIN");
  await deleteFeed(feedId(form));
  redirect("/admin/partenaires?supprime=1");
}

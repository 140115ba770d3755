import { config } from "../config/settings";
import { db } from "../db/client";
import type { Check } from "../generated/prisma/client";
import type { CheckState } from "../generated/prisma/enums";
import { sendMail } from "../mail/send";
import { formatDuration, formatParis } from "../time";
import { opsSettings } from "./settings";

/**
 * Alerts: one message per state change of a check (ok → warning → critical → ok), a reminder every
 * ALERT_REMINDER_HOURS while a check stays bad and nobody acknowledged it, never more. Messages go by
 * e-mail (ALERT_EMAILS through lib/mail/send) and, when configured, to a JSON webhook.
 *
 * Check.notifiedAt is the bookkeeping: a state change is "pending" until a message about it went
 * through every configured channel; the monitor retries pending ones on its next run, so a refusing
 * SMTP server delays an alert but never loses it, and never makes it repeat once delivered.
 */

export const STATE_LABEL: Record<CheckState, string> = {
  OK: "OK",
  WARNING: "AVERTISSEMENT",
  CRITICAL: "CRITIQUE",
};

export type AlertKind = "change" | "reminder";

export interface AlertMessage {
  subject: string;
  text: string;
}

/** The e-mail (and webhook text) for a check; pure, so its wording is tested without a server. */
export function alertMessage(
  check: Pick<Check, "key" | "state" | "message" | "since">,
  kind: AlertKind,
  previous: CheckState | null,
  statusPageUrl: string,
  now = new Date(),
): AlertMessage {
  const label = STATE_LABEL[check.state];
  const duration = formatDuration((now.getTime() - check.since.getTime()) / 1000);
  const subject =
    kind === "reminder"
      ? `[Météo06] Rappel : ${check.key} toujours ${label} depuis ${duration}`
      : check.state === "OK"
        ? `[Météo06] Rétabli : ${check.key}`
        : `[Météo06] ${label} : ${check.key}`;
  const lines = [
    `${check.key} : ${label}${previous ? ` (avant : ${STATE_LABEL[previous]})` : ""}`,
    "",
    check.message,
    "",
    `Depuis le ${formatParis(check.since.getTime() / 1000)} (${duration}).`,
  ];
  if (check.state !== "OK") {
    lines.push(
      "",
      `Un rappel sera envoyé chaque jour tant que le problème dure, sauf s'il est acquitté : ${statusPageUrl}`,
    );
  } else {
    lines.push("", `État du serveur : ${statusPageUrl}`);
  }
  return { subject, text: lines.join("\n") };
}

export interface DeliveryResult {
  key: string;
  kind: AlertKind;
  /** Errors per channel ("e-mail: 550 …"); empty when everything went through. */
  errors: string[];
}

function statusPageUrl(): string {
  return new URL("/admin/etat", config().siteUrl).toString();
}

/** Sends one alert through every configured channel; never throws, reports each failure. */
async function deliver(check: Check, kind: AlertKind, previous: CheckState | null, now: Date) {
  const settings = opsSettings();
  const message = alertMessage(check, kind, previous, statusPageUrl(), now);
  const errors: string[] = [];
  if (settings.alertEmails.length > 0) {
    try {
      await sendMail({ to: settings.alertEmails, ...message });
    } catch (error) {
      errors.push(`e-mail: ${(error as Error).message}`);
    }
  }
  if (settings.alertWebhookUrl) {
    try {
      const response = await fetch(settings.alertWebhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          key: check.key,
          state: check.state,
          previous,
          kind,
          message: check.message,
          since: check.since.toISOString(),
          text: `${message.subject}\n${check.message}`,
          url: statusPageUrl(),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) errors.push(`webhook: HTTP ${response.status}`);
    } catch (error) {
      errors.push(`webhook: ${(error as Error).message}`);
    }
  }
  const configured = settings.alertEmails.length > 0 || settings.alertWebhookUrl !== null;
  if (configured && errors.length === 0) {
    await db().check.update({ where: { id: check.id }, data: { notifiedAt: now } });
  }
  for (const error of errors) console.error(`alert ${check.key} not delivered: ${error}`);
  return { key: check.key, kind, errors } satisfies DeliveryResult;
}

/** Called by recordCheck on a state change: the message goes out at once. */
export async function notifyChange(key: string, previous: CheckState, now = new Date()) {
  const check = await db().check.findUniqueOrThrow({ where: { key } });
  return deliver(check, "change", previous, now);
}

/**
 * The monitor's sweep: state changes whose message did not go through yet (retry), and reminders of
 * checks still bad, unacknowledged, and not notified for ALERT_REMINDER_HOURS.
 */
export async function deliverPendingAlerts(now = new Date()): Promise<DeliveryResult[]> {
  const { reminderHours, alertEmails, alertWebhookUrl } = opsSettings();
  const results: DeliveryResult[] = [];
  if (alertEmails.length === 0 && alertWebhookUrl === null) return results;
  const checks = await db().check.findMany({
    include: { events: { orderBy: { at: "desc" }, take: 1 } },
    orderBy: { key: "asc" },
  });
  for (const { events, ...check } of checks) {
    const lastChange = events[0];
    const notified = check.notifiedAt?.getTime() ?? 0;
    if (lastChange && notified < lastChange.at.getTime()) {
      results.push(await deliver(check, "change", lastChange.from, now));
    } else if (
      check.state !== "OK" &&
      check.acknowledgedAt === null &&
      now.getTime() - notified >= reminderHours * 3600_000
    ) {
      results.push(await deliver(check, "reminder", null, now));
    }
  }
  return results;
}

/** An admin takes charge of a bad check: no more reminders until its state changes. */
export async function acknowledgeCheck(key: string, by: string, now = new Date()): Promise<boolean> {
  const { count } = await db().check.updateMany({
    where: { key, state: { not: "OK" } },
    data: { acknowledgedAt: now, acknowledgedBy: by },
  });
  return count > 0;
}

import { config } from "../config/settings";
import { db } from "../db/client";
import { type Mail, mailConfigured, sendMail } from "../mail/send";
import { formatParis } from "../time";
import { strikePlace } from "./display";
import type { NearStrike } from "./queries";

/**
 * Per-station storm alerts. After each import, a station with an alert radius is "in alert" while strikes
 * fell within that radius in the last 30 minutes (LightningStation.alertActiveSince). On each change its
 * subscribers get one e-mail: the storm is near, then the storm is gone. A storm is weather, not the
 * server's health: it is not a Check, so it neither pages the admins nor shows on the status page.
 */

export const ALERT_WINDOW_MS = 30 * 60_000;
export const MAX_ALERT_RADIUS_KM = 100;

export interface AlertOutcome {
  sent: number;
  failures: string[];
}

const clock = (timeMs: number) => formatParis(timeMs / 1000, { timeStyle: "short" });

/** The status line of a station's alert (shown on the status page). `strikes` newest first. */
export function alertStatus(radiusKm: number, strikes: readonly NearStrike[]): string {
  if (strikes.length === 0) return `Aucun impact à moins de ${radiusKm} km depuis 30 min`;
  const last = strikes[0];
  return `${strikes.length} impact${strikes.length > 1 ? "s" : ""} à moins de ${radiusKm} km en 30 min ; dernier à ${strikePlace(last.distance, last.bearing)} à ${clock(last.timeMs)}`;
}

/** The e-mail sent when a station's alert starts (strikes given, newest first) or ends (none). */
export function alertMail({
  stationName,
  radiusKm,
  strikes,
  nowMs,
  siteUrl,
}: {
  stationName: string;
  radiusKm: number;
  strikes: readonly NearStrike[];
  nowMs: number;
  siteUrl: URL;
}): Omit<Mail, "to"> {
  const links = [
    `Carte de la foudre : ${new URL("/foudre", siteUrl)}`,
    `Gérer vos alertes : ${new URL("/admin/foudre", siteUrl)}`,
  ];
  if (strikes.length === 0) {
    return {
      subject: `Fin d'alerte foudre : ${stationName}`,
      text: [
        `Plus aucun impact de foudre à moins de ${radiusKm} km de la station ${stationName} depuis 30 minutes (contrôle de ${clock(nowMs)}, heure de Paris).`,
        "",
        ...links,
      ].join("\n"),
    };
  }
  const last = strikes[0];
  const nearest = strikes.reduce((a, b) => (b.distance < a.distance ? b : a));
  const lines = [
    `Un orage est à moins de ${radiusKm} km de la station ${stationName}.`,
    "",
    `Dernier impact : ${strikePlace(last.distance, last.bearing)}, à ${clock(last.timeMs)} (heure de Paris).`,
  ];
  if (nearest !== last) {
    lines.push(
      `Impact le plus proche : ${strikePlace(nearest.distance, nearest.bearing)}, à ${clock(nearest.timeMs)}.`,
    );
  }
  lines.push(
    `${strikes.length} impact${strikes.length > 1 ? "s" : ""} à moins de ${radiusKm} km au cours des 30 dernières minutes.`,
    "",
    ...links,
    "",
    "Données : réseau Blitzortung.org.",
  );
  return {
    subject: `Alerte foudre : impact à ${strikePlace(last.distance, last.bearing)} de ${stationName}`,
    text: lines.join("\n"),
  };
}

/** Evaluates every station with an alert radius at `nowMs` and mails the subscribers of those that changed. */
export async function checkAlerts(
  nowMs: number,
  log: (line: string) => void = () => {},
): Promise<AlertOutcome> {
  const outcome: AlertOutcome = { sent: 0, failures: [] };
  const watched = await db().lightningStation.findMany({
    where: { alertRadiusKm: { not: null } },
    include: { station: true },
  });
  for (const watch of watched) {
    const radiusKm = watch.alertRadiusKm!;
    const rows = await db().$queryRaw<{ time: Date; distance: number; bearing: number }[]>`
      SELECT time, distance, bearing FROM LightningStrikeDistance
      WHERE stationId = ${watch.stationId} AND time >= ${new Date(nowMs - ALERT_WINDOW_MS)}
        AND time <= ${new Date(nowMs)} AND distance <= ${radiusKm * 1000}
      ORDER BY time DESC`;
    const strikes = rows.map((r) => ({ timeMs: r.time.getTime(), distance: r.distance, bearing: r.bearing }));
    const active = strikes.length > 0;
    const changed = active !== (watch.alertActiveSince !== null);
    await db().lightningStation.update({
      where: { stationId: watch.stationId },
      data: {
        alertMessage: alertStatus(radiusKm, strikes),
        ...(changed ? { alertActiveSince: active ? new Date(nowMs) : null } : {}),
      },
    });
    if (!changed) continue;
    // Subscribers who may still manage the station: editors, admins and its owners (the rule of
    // canManageStation in lib/accounts/auth, which needs Next's runtime and cannot be imported by the CLI).
    const recipients = await db().user.findMany({
      where: {
        lightningSubscriptions: { some: { stationId: watch.stationId } },
        OR: [{ role: { in: ["EDITOR", "ADMIN"] } }, { stations: { some: { stationId: watch.stationId } } }],
      },
      orderBy: { email: "asc" },
    });
    if (recipients.length === 0) continue;
    if (!mailConfigured()) {
      outcome.failures.push(`${watch.station.slug}: SMTP_URL is not set`);
      continue;
    }
    const mail = alertMail({
      stationName: watch.station.name,
      radiusKm,
      strikes,
      nowMs,
      siteUrl: config().siteUrl,
    });
    for (const user of recipients) {
      try {
        await sendMail({ ...mail, to: user.email });
        outcome.sent++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        outcome.failures.push(`${user.email}: ${reason}`);
        log(`lightning alert for ${watch.station.slug} not sent to ${user.email}: ${reason}`);
      }
    }
  }
  return outcome;
}

/**
 * Saves a station's alert radius (null: no alerts) and whether `userId` receives its alerts. Turning a
 * station's alerts off also ends an alert in progress, silently.
 */
export async function saveStationAlert(
  stationId: number,
  radiusKm: number | null,
  { userId, subscribed }: { userId: number; subscribed: boolean },
): Promise<boolean> {
  const station = await db().station.findUnique({ where: { id: stationId } });
  if (!station) return false;
  // A new row has no coordinates yet: the next import computes the station's distances.
  await db().lightningStation.upsert({
    where: { stationId },
    create: { stationId, alertRadiusKm: radiusKm },
    update:
      radiusKm === null
        ? { alertRadiusKm: null, alertActiveSince: null, alertMessage: null }
        : { alertRadiusKm: radiusKm },
  });
  if (subscribed) {
    await db().lightningAlertSubscription.upsert({
      where: { stationId_userId: { stationId, userId } },
      create: { stationId, userId },
      update: {},
    });
  } else {
    await db().lightningAlertSubscription.deleteMany({ where: { stationId, userId } });
  }
  return true;
}

export interface StationAlertSettings {
  stationId: number;
  slug: string;
  name: string;
  radiusKm: number | null;
  subscribers: { id: number; name: string }[];
  /** Whether a storm is within the radius, and the last evaluation in words (null before the first one). */
  active: boolean;
  message: string | null;
}

/** The alert settings and state of the given stations, by name. */
export async function stationAlertSettings(stationIds: readonly number[]): Promise<StationAlertSettings[]> {
  const stations = await db().station.findMany({
    where: { id: { in: [...stationIds] } },
    orderBy: { name: "asc" },
    include: {
      lightning: { include: { subscriptions: { include: { user: true }, orderBy: { createdAt: "asc" } } } },
    },
  });
  return stations.map((s) => {
    return {
      stationId: s.id,
      slug: s.slug,
      name: s.name,
      radiusKm: s.lightning?.alertRadiusKm ?? null,
      subscribers: (s.lightning?.subscriptions ?? []).map((sub) => ({
        id: sub.user.id,
        name: sub.user.name,
      })),
      active: Boolean(s.lightning?.alertActiveSince),
      message: s.lightning?.alertMessage ?? null,
    };
  });
}

/** Parses the radius typed by an editor: "" is off, else whole kilometres in 1…MAX_ALERT_RADIUS_KM. */
export function parseAlertRadius(value: string): number | null | { error: string } {
  const text = value.trim();
  if (text === "") return null;
  const radius = Number(text);
  if (!/^\d+$/.test(text) || radius < 1 || radius > MAX_ALERT_RADIUS_KM) {
    return {
      error: `Le rayon d'alerte doit être un nombre entier de kilomètres entre 1 et ${MAX_ALERT_RADIUS_KM} (vide : pas d'alerte).`,
    };
  }
  return radius;
}

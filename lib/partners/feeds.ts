import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { Partner, PartnerOutcome } from "../generated/prisma/enums";
import { recordCheck } from "../ops/checks";
import { formatDuration } from "../time";
import { ROMMA_ENDPOINT } from "./romma";
import { type Credentials, decryptCredentials, encryptCredentials, maskLogin } from "./secrets";
import { STATIC_FTP_ENDPOINT } from "./transport";

/** The feeds' state in the app database: configuration, audit log, health. */

export type { Partner };

export const PARTNERS: readonly Partner[] = ["STATIC", "ROMMA"];
export const PARTNER_LABEL: Record<Partner, string> = { STATIC: "StatIC", ROMMA: "ROMMA" };

/** A feed failing for longer than this raises its alert. */
export const ALERT_AFTER_MS = 60 * 60_000;

const withStation = { station: true } as const;
export type Feed = Prisma.PartnerFeedGetPayload<{ include: typeof withStation }>;

/** "static" / "romma" (CLI, URLs, check keys) to the enum. */
export function parsePartner(value: string): Partner | null {
  const upper = value.trim().toUpperCase();
  return (PARTNERS as readonly string[]).includes(upper) ? (upper as Partner) : null;
}

export function defaultEndpoint(partner: Partner): string {
  return partner === "STATIC" ? STATIC_FTP_ENDPOINT : ROMMA_ENDPOINT;
}

export function endpointOf(feed: Pick<Feed, "partner" | "endpoint">): string {
  return feed.endpoint ?? defaultEndpoint(feed.partner);
}

/** The health-check key of a feed, e.g. "feed:romma:villefranche". */
export function checkKey(feed: Feed): string {
  return `feed:${feed.partner.toLowerCase()}:${feed.station.slug}`;
}

/** Context bound to a feed's ciphertext: credentials only decrypt in the row they were written for. */
function credentialsContext(stationId: number, partner: Partner): string {
  return `${stationId}:${partner}`;
}

export function sealCredentials(stationId: number, partner: Partner, credentials: Credentials): string {
  return encryptCredentials(credentials, credentialsContext(stationId, partner));
}

export function openCredentials(
  feed: Pick<Feed, "stationId" | "partner" | "credentials">,
): Credentials | null {
  return feed.credentials
    ? decryptCredentials(feed.credentials, credentialsContext(feed.stationId, feed.partner))
    : null;
}

/** What the admin may show of the stored credentials. */
export function maskedCredentials(feed: Feed): { login: string; password: string } | null {
  if (!feed.credentials) return null;
  try {
    const { username } = openCredentials(feed)!;
    return { login: maskLogin(username), password: "••••••••" };
  } catch {
    return { login: "(illisible)", password: "••••••••" };
  }
}

export interface FeedFilter {
  stationSlug?: string;
  partner?: Partner;
  enabledOnly?: boolean;
}

export function listFeeds(filter: FeedFilter = {}): Promise<Feed[]> {
  return db().partnerFeed.findMany({
    where: {
      partner: filter.partner,
      enabled: filter.enabledOnly ? true : undefined,
      station: filter.stationSlug ? { slug: filter.stationSlug } : undefined,
    },
    include: withStation,
    orderBy: [{ station: { slug: "asc" } }, { partner: "asc" }],
  });
}

export function findFeed(id: number): Promise<Feed | null> {
  return db().partnerFeed.findUnique({ where: { id }, include: withStation });
}

export interface AttemptRecord {
  recordTime?: number | null;
  startedAt: Date;
  durationMs: number;
  outcome: PartnerOutcome;
  tryNumber?: number;
  status?: string | null;
  excerpt?: string | null;
}

const EXCERPT_LENGTH = 500;

// createMany / updateMany: one statement each, without reading the row back (no RETURNING on MariaDB).
function insertAttempt(feed: Feed, attempt: AttemptRecord) {
  return db().partnerAttempt.createMany({
    data: {
      feedId: feed.id,
      recordTime: attempt.recordTime ?? null,
      startedAt: attempt.startedAt,
      durationMs: Math.max(0, Math.round(attempt.durationMs)),
      outcome: attempt.outcome,
      tryNumber: attempt.tryNumber ?? 1,
      status: attempt.status?.slice(0, 100) ?? null,
      excerpt: attempt.excerpt?.slice(0, EXCERPT_LENGTH) ?? null,
    },
  });
}

/** Appends one row to the audit log; `excerpt` must already be masked. */
export async function recordAttempt(feed: Feed, attempt: AttemptRecord): Promise<void> {
  await insertAttempt(feed, attempt);
}

/**
 * The partner acknowledged a payload: its audit row and the feed's resume point (the record just
 * acknowledged) are committed together, and the feed is healthy again.
 */
export async function recordSuccess(feed: Feed, attempt: Omit<AttemptRecord, "outcome">): Promise<void> {
  const data = {
    ...(attempt.recordTime != null ? { lastRecordTime: attempt.recordTime } : {}),
    lastSuccessAt: new Date(),
    failingSince: null,
  };
  await db().$transaction([
    insertAttempt(feed, { ...attempt, outcome: "SUCCESS" }),
    db().partnerFeed.updateMany({ where: { id: feed.id }, data }),
  ]);
  Object.assign(feed, data);
}

/** Keeps the error, and starts (or continues) the failing period that raises the alert after an hour. */
export async function markFailure(feed: Feed, error: string, at = new Date()): Promise<void> {
  const data = { lastError: error.slice(0, 2000), lastErrorAt: at, failingSince: feed.failingSince ?? at };
  await db().partnerFeed.updateMany({ where: { id: feed.id }, data });
  Object.assign(feed, data);
}

/** Reports the feed's health to the operations checks after a run that succeeded or failed. */
export async function reportHealth(feed: Feed, now = new Date()): Promise<void> {
  const label = `${PARTNER_LABEL[feed.partner]} · ${feed.station.name}`;
  if (feed.failingSince == null) {
    await recordCheck(checkKey(feed), "OK", `${label} : envoi réussi`, now);
    return;
  }
  const failingFor = now.getTime() - feed.failingSince.getTime();
  if (failingFor > ALERT_AFTER_MS) {
    await recordCheck(
      checkKey(feed),
      "CRITICAL",
      `${label} : en échec depuis ${formatDuration(failingFor / 1000)} (${feed.lastError ?? "erreur inconnue"})`,
      now,
    );
  }
}

/** Puts the feed's existing health check back to OK (feed disabled or deleted); creates none. */
export async function clearHealth(feed: Feed, message: string): Promise<void> {
  const existing = await db().check.findUnique({ where: { key: checkKey(feed) } });
  if (existing && existing.state !== "OK") await recordCheck(checkKey(feed), "OK", message);
}

/** True when the feed has been failing for more than an hour (shown in the admin). */
export function isAlerting(feed: Pick<Feed, "failingSince" | "enabled">, now = Date.now()): boolean {
  return feed.enabled && feed.failingSince != null && now - feed.failingSince.getTime() > ALERT_AFTER_MS;
}

export interface AttemptFilter {
  partner?: Partner;
  stationSlug?: string;
  outcome?: PartnerOutcome;
  feedId?: number;
  page?: number;
  pageSize?: number;
}

/** The audit log, newest first, filtered and paginated. */
export async function listAttempts(filter: AttemptFilter = {}) {
  const pageSize = filter.pageSize ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const where: Prisma.PartnerAttemptWhereInput = {
    outcome: filter.outcome,
    feedId: filter.feedId,
    feed:
      filter.partner || filter.stationSlug
        ? { partner: filter.partner, station: filter.stationSlug ? { slug: filter.stationSlug } : undefined }
        : undefined,
  };
  const [total, rows] = await Promise.all([
    db().partnerAttempt.count({ where }),
    db().partnerAttempt.findMany({
      where,
      include: { feed: { include: withStation } },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, page, pageSize, rows };
}

/** Deletes audit rows older than `days`; returns how many. */
export async function pruneAttempts(days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86400_000);
  const { count } = await db().partnerAttempt.deleteMany({ where: { startedAt: { lt: cutoff } } });
  return count;
}

export type FeedTone = "success" | "warning" | "danger" | "muted";

/** The French status of a feed for the admin (pure: a function of the feed and the time). */
export function feedStatus(
  feed: Pick<Feed, "enabled" | "failingSince" | "lastSuccessAt">,
  now = Date.now(),
): { label: string; tone: FeedTone } {
  if (!feed.enabled) return { label: "Désactivé", tone: "muted" };
  if (feed.failingSince) {
    const since = formatDuration((now - feed.failingSince.getTime()) / 1000);
    return isAlerting(feed, now)
      ? { label: `En alerte : échec depuis ${since}`, tone: "danger" }
      : { label: `En échec depuis ${since}`, tone: "warning" };
  }
  if (feed.lastSuccessAt) return { label: "OK", tone: "success" };
  return { label: "Jamais envoyé", tone: "muted" };
}

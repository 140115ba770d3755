import { validRecords, validSums } from "../aggregates/job";
import { type ArchiveReader, archives } from "../archive/reader";
import { formatDuration } from "../time";
import {
  endpointOf,
  type Feed,
  type FeedFilter,
  findFeed,
  listFeeds,
  markFailure,
  openCredentials,
  PARTNER_LABEL,
  recordAttempt,
  recordSuccess,
  reportHealth,
} from "./feeds";
import { LOCK_BUSY, withLock } from "./lock";
import {
  localDayStart,
  ROMMA_CATCH_UP_SECONDS,
  ROMMA_FIELDS,
  type RommaRequest,
  rommaRequests,
} from "./romma";
import { type Credentials, MASK, redact } from "./secrets";
import { type PartnerSettings, partnerSettings } from "./settings";
import {
  buildStaticFile,
  STATIC_FIELDS,
  STATIC_MAX_AGE_SECONDS,
  staticFileName,
  staticWindow,
} from "./static";
import { type Exchange, ftpFileUrl, ftpUpload, httpGet } from "./transport";
import { utcClock, utcDate } from "./values";

/**
 * Runs the feeds: reads the station archive, builds the payload, sends it, records every exchange in
 * the audit log and the feed's health. A feed never throws: whatever goes wrong becomes its result, so
 * one station's failure never stops another's.
 */

export type FeedOutcome =
  /** the partner acknowledged at least one payload and nothing failed */
  | "sent"
  | "failed"
  /** StatIC: the newest record is too old to be sent as current */
  | "skipped"
  /** ROMMA: nothing new since the last acknowledged record */
  | "up-to-date"
  /** another run of the same feed holds its lock */
  | "busy"
  /** dry run: the payload was built and not sent */
  | "preview";

export interface FeedRun {
  feed: Feed;
  outcome: FeedOutcome;
  /** One line (French: admins read it in the back office as well). */
  message: string;
  /** Payloads acknowledged by the partner in this run. */
  sent: number;
  /** Dry run: the exact payload (StatIC file, or ROMMA URLs with the password masked). */
  preview?: string;
}

export interface SendOptions {
  /** Reference time, unix seconds (default: now). */
  at?: number;
  dryRun?: boolean;
  reader?: ArchiveReader;
  settings?: PartnerSettings;
}

const MAX_PARALLEL_FEEDS = 4;

/** Runs every matching feed (only enabled ones, except for a dry run), a few at a time. */
export async function sendFeeds(filter: FeedFilter, options: SendOptions = {}): Promise<FeedRun[]> {
  const feeds = await listFeeds({ ...filter, enabledOnly: !options.dryRun });
  const settings = options.settings ?? partnerSettings();
  const results: FeedRun[] = new Array(feeds.length);
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const index = next++;
      results[index] = await sendFeed(feeds[index], { ...options, settings });
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_FEEDS, feeds.length) }, worker));
  return results;
}

/** Runs one feed under its lock (or previews it). */
export async function sendFeed(feed: Feed, options: SendOptions = {}): Promise<FeedRun> {
  const context: RunContext = {
    at: options.at ?? Math.floor(Date.now() / 1000),
    reader: options.reader ?? archives(),
    settings: options.settings ?? partnerSettings(),
  };
  try {
    if (options.dryRun) return await preview(feed, context);
    const result = await withLock(`partner-feed:${feed.id}`, async () => {
      // Read the feed again under the lock: a run that finished meanwhile moved its resume point.
      const current = await findFeed(feed.id);
      if (!current?.enabled) {
        return {
          feed,
          outcome: "skipped",
          sent: 0,
          message: "flux désactivé ou supprimé entre-temps",
        } as FeedRun;
      }
      Object.assign(feed, current);
      return feed.partner === "STATIC" ? sendStatic(feed, context) : sendRomma(feed, context);
    });
    if (result === LOCK_BUSY) {
      return { feed, outcome: "busy", sent: 0, message: "un autre envoi de ce flux est déjà en cours" };
    }
    return result;
  } catch (error) {
    // Reading the archive or the app database failed: record it when we still can.
    const message = redact(error instanceof Error ? error.message : String(error), []);
    if (!options.dryRun) {
      await failRun(feed, { status: "error", message, startedAt: new Date(), durationMs: 0 }).catch(() => {});
    }
    return { feed, outcome: "failed", sent: 0, message };
  }
}

interface RunContext {
  at: number;
  reader: ArchiveReader;
  settings: PartnerSettings;
}

/** StatIC: the newest record, if fresh enough, as the file of the reference time. */
async function loadStatic(
  feed: Feed,
  { at, reader }: RunContext,
): Promise<{ file: string; recordTime: number } | { stale: string }> {
  const database = feed.station.archiveDatabase;
  const recent = await reader.range(database, at - STATIC_MAX_AGE_SECONDS, at, []);
  const newest = recent.at(-1);
  if (!newest) {
    const latest = await reader.newestDateTime(database);
    const age =
      latest != null && latest <= at
        ? `le dernier relevé (${utcDate(latest)} ${utcClock(latest)} UTC) a ${formatDuration(at - latest)}`
        : "aucun relevé récent";
    return { stale: `${age} : rien n'est envoyé au-delà de 20 minutes` };
  }
  const window = staticWindow(newest.dateTime);
  const [records, totals] = await Promise.all([
    validRecords(feed.station, window.from, newest.dateTime, STATIC_FIELDS, { reader }),
    validSums(feed.station, window.yearStart, window.dayStart, ["rain"], { reader }),
  ]);
  return {
    file: buildStaticFile(feed.partnerStationId, { records, rainYearBeforeDay: totals.rain }),
    recordTime: newest.dateTime,
  };
}

/** ROMMA: the records after the last acknowledged one (at most a day back), as requests. */
async function loadRomma(feed: Feed, { at, reader }: RunContext, password: string) {
  const database = feed.station.archiveDatabase;
  const floor = at - ROMMA_CATCH_UP_SECONDS;
  let after: number;
  if (feed.lastRecordTime == null) {
    // A new feed starts with the newest record, not with a day of history.
    const newest = (await reader.range(database, floor, at, [])).at(-1);
    if (!newest) return { requests: [] as RommaRequest[], truncated: false };
    after = newest.dateTime - 1;
  } else {
    after = Math.max(feed.lastRecordTime, floor);
  }
  const pending = await validRecords(feed.station, after, at, ROMMA_FIELDS, { reader });
  if (pending.length === 0) return { requests: [] as RommaRequest[], truncated: false };
  const first = pending[0].dateTime;
  const dayStart = localDayStart(first, feed.station.timezone);
  const { rain } = await validSums(feed.station, dayStart, first - 1, ["rain"], { reader });
  const requests = rommaRequests(pending, rain, {
    id: feed.partnerStationId,
    password,
    endpoint: endpointOf(feed),
    timeZone: feed.station.timezone,
  });
  return { requests, truncated: feed.lastRecordTime != null && feed.lastRecordTime < floor };
}

async function preview(feed: Feed, context: RunContext): Promise<FeedRun> {
  if (feed.partner === "STATIC") {
    const loaded = await loadStatic(feed, context);
    const target = ftpFileUrl(endpointOf(feed), staticFileName(feed.partnerStationId));
    if ("stale" in loaded) return { feed, outcome: "preview", sent: 0, message: loaded.stale, preview: "" };
    return {
      feed,
      outcome: "preview",
      sent: 0,
      message: `fichier à déposer : ${target}`,
      preview: loaded.file,
    };
  }
  const { requests, truncated } = await loadRomma(feed, context, MASK);
  const note = truncated ? " (reprise limitée aux dernières 24 h)" : "";
  return {
    feed,
    outcome: "preview",
    sent: 0,
    message: requests.length ? `${requests.length} requête(s) à envoyer${note}` : "rien de nouveau à envoyer",
    preview: requests.map((r) => `GET ${r.url}`).join("\n"),
  };
}

/** The feed's credentials, or a recorded configuration failure. */
async function credentialsOrFail(feed: Feed): Promise<Credentials | FeedRun> {
  const startedAt = new Date();
  let message: string | null = null;
  try {
    const credentials = openCredentials(feed);
    if (!credentials) message = "identifiants non renseignés";
    else return credentials;
  } catch (error) {
    message = (error as Error).message;
  }
  await failRun(feed, { status: "configuration", message, startedAt, durationMs: 0 });
  return { feed, outcome: "failed", sent: 0, message };
}

async function sendStatic(feed: Feed, context: RunContext): Promise<FeedRun> {
  const credentials = await credentialsOrFail(feed);
  if ("outcome" in credentials) return credentials;
  const secrets = [credentials.username, credentials.password];
  const loadedAt = new Date();
  const loaded = await loadStatic(feed, context);
  if ("stale" in loaded) {
    await recordAttempt(feed, {
      startedAt: loadedAt,
      durationMs: Date.now() - loadedAt.getTime(),
      outcome: "SKIPPED",
      status: "données anciennes",
      excerpt: loaded.stale,
    });
    return { feed, outcome: "skipped", sent: 0, message: loaded.stale };
  }
  const startedAt = new Date();
  const exchange = await ftpUpload(
    { endpoint: endpointOf(feed), ...credentials },
    staticFileName(feed.partnerStationId),
    loaded.file,
    context.settings.timeoutMs,
  );
  const durationMs = Date.now() - startedAt.getTime();
  const message = redact(exchange.message, secrets);
  if (!exchange.ok) {
    await failRun(feed, {
      status: exchange.status,
      message,
      startedAt,
      durationMs,
      recordTime: loaded.recordTime,
    });
    return { feed, outcome: "failed", sent: 0, message: `${exchange.status} : ${message}` };
  }
  await recordSuccess(feed, {
    recordTime: loaded.recordTime,
    startedAt,
    durationMs,
    status: exchange.status,
    excerpt: message,
  });
  await reportHealth(feed);
  return {
    feed,
    outcome: "sent",
    sent: 1,
    message: `relevé de ${utcClock(loaded.recordTime)} UTC déposé (${exchange.status})`,
  };
}

const MAX_TRIES = 3;

async function sendRomma(feed: Feed, context: RunContext): Promise<FeedRun> {
  const credentials = await credentialsOrFail(feed);
  if ("outcome" in credentials) return credentials;
  const secrets = [credentials.password];
  const { requests, truncated } = await loadRomma(feed, context, credentials.password);
  if (requests.length === 0)
    return { feed, outcome: "up-to-date", sent: 0, message: "rien de nouveau à envoyer" };
  let sent = 0;
  for (const request of requests) {
    for (let tryNumber = 1; ; tryNumber++) {
      const startedAt = new Date();
      const exchange: Exchange = await httpGet(request.url, context.settings.timeoutMs);
      const durationMs = Date.now() - startedAt.getTime();
      const excerpt = redact(exchange.message, secrets);
      const attempt = {
        recordTime: request.dateTime,
        startedAt,
        durationMs,
        tryNumber,
        status: exchange.status,
        excerpt,
      };
      if (exchange.ok) {
        await recordSuccess(feed, attempt);
        sent++;
        break;
      }
      if (!exchange.retryable || tryNumber >= MAX_TRIES) {
        await failRun(feed, { ...attempt, message: excerpt });
        const summary = `${exchange.status}${excerpt ? ` : ${excerpt.slice(0, 200)}` : ""}`;
        return {
          feed,
          outcome: "failed",
          sent,
          message: `${sent} relevé(s) envoyé(s), échec au relevé de ${utcDate(request.dateTime)} ${utcClock(request.dateTime)} UTC après ${tryNumber} essai(s) : ${summary}`,
        };
      }
      await recordAttempt(feed, { ...attempt, outcome: "FAILURE" });
      await sleep(context.settings.retryDelayMs * 2 ** (tryNumber - 1));
    }
  }
  await reportHealth(feed);
  const note = truncated ? " (reprise limitée aux dernières 24 h)" : "";
  return { feed, outcome: "sent", sent, message: `${sent} relevé(s) envoyé(s)${note}` };
}

/** Records a failed exchange, the feed's error, and its health (an alert after an hour of failures). */
async function failRun(
  feed: Feed,
  failure: {
    status: string;
    message: string;
    startedAt: Date;
    durationMs: number;
    recordTime?: number;
    tryNumber?: number;
  },
): Promise<void> {
  await recordAttempt(feed, { ...failure, outcome: "FAILURE", excerpt: failure.message });
  await markFailure(feed, `${failure.status} : ${failure.message}`.slice(0, 2000));
  await reportHealth(feed);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One line per feed for the CLI and the admin. */
export function describeRun(run: FeedRun): string {
  return `${run.feed.station.slug} · ${PARTNER_LABEL[run.feed.partner]} : ${run.message}`;
}

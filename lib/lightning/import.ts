import mysql from "mysql2/promise";
import { config, connectionOptions, databaseName } from "../config";
import { UserError } from "../errors";
import { lastSuccessfulRun, runJob } from "../jobs";
import { recordCheck } from "../ops/checks";
import { formatParis } from "../time";
import { type AlertOutcome, checkAlerts } from "./alerts";
import { FeedError, type FeedStrike, feedLines, feedRequestUrl, insideBox, parseFeedLine } from "./feed";
import { IMPORT_JOB, type LightningSettings, lightningSettings } from "./settings";
import { pruneBefore, storeStrikes, syncedStations, syncStations } from "./store";

/**
 * `meteo lightning import`, run every few minutes by a timer: asks the feed for the strikes since the
 * previous successful run (with an overlap, as strikes arrive late), stores the new ones, keeps the
 * configured history, then checks the stations' alerts. Bad lines are counted and logged, never fatal.
 */

/** Health of the feed, for the operations status page. */
export const FEED_CHECK = "feed:blitzortung";
/** Strikes reach the network with a delay: each request starts this long before the previous run. */
const OVERLAP_MS = 10 * 60_000;
/** The feed only keeps recent strikes: never ask further back than this. */
const LOOKBACK_MS = 6 * 3600_000;
/** Strikes "from the future" beyond this clock skew are refused. */
const FUTURE_MS = 5 * 60_000;
const BATCH = 5000;
const LOGGED_PROBLEMS = 10;

export interface ImportSummary {
  received: number;
  stored: number;
  duplicates: number;
  malformed: number;
  outside: number;
  pruned: number;
  /** Stations whose distances were recomputed (new or moved). */
  resynced: string[];
  /** Set when the previous successful run is older than the feed's memory: strikes may be missing. */
  gapSince: number | null;
  alerts: AlertOutcome;
}

export class ImportLockedError extends UserError {
  constructor() {
    super("another lightning import is running");
    this.name = "ImportLockedError";
  }
}

/** Holds a server-wide lock (per app database) for the duration of `run`. */
async function withImportLock<T>(run: () => Promise<T>): Promise<T> {
  const url = config().databaseUrl;
  const { database: _database, ...options } = connectionOptions(url);
  const connection = await mysql.createConnection(options);
  const name = `meteo06-lightning-import:${databaseName(url)}`;
  try {
    const [[row]] = await connection.query<mysql.RowDataPacket[]>("SELECT GET_LOCK(?, 0) AS got", [name]);
    if (Number(row.got) !== 1) throw new ImportLockedError();
    try {
      return await run();
    } finally {
      await connection.query("SELECT RELEASE_LOCK(?)", [name]);
    }
  } finally {
    await connection.end();
  }
}

export function summaryMessage(s: ImportSummary): string {
  const parts = [
    `${s.stored} new strikes`,
    `${s.duplicates} duplicates`,
    `${s.malformed} malformed lines`,
    `${s.outside} outside the area or period`,
  ];
  if (s.pruned) parts.push(`${s.pruned} pruned`);
  if (s.resynced.length) parts.push(`distances recomputed for ${s.resynced.join(", ")}`);
  if (s.alerts.sent) parts.push(`${s.alerts.sent} alert e-mails`);
  if (s.alerts.failures.length) parts.push(`alert e-mails failed: ${s.alerts.failures.join("; ")}`);
  let message = parts.join(", ");
  if (s.gapSince !== null) {
    message += `; possible gap: no successful import since ${formatParis(s.gapSince / 1000)}`;
  }
  return message;
}

/**
 * One import run. Returns null when no participant account is configured (the feature is off).
 * Throws FeedError when the feed cannot be read (the strikes stored before the failure are kept).
 */
export async function importLightning({
  now = Date.now(),
  settings = lightningSettings(),
  log = (line: string) => console.log(line),
}: {
  now?: number;
  settings?: LightningSettings;
  log?: (line: string) => void;
} = {}): Promise<ImportSummary | null> {
  const { credentials } = settings;
  if (!credentials) return null;
  return withImportLock(async () => {
    const previous = await lastSuccessfulRun(IMPORT_JOB);
    return runJob(IMPORT_JOB, async () => {
      const resynced = await syncStations();
      const stations = await syncedStations();
      const previousMs = previous?.startedAt.getTime() ?? null;
      const sinceMs = Math.max(now - LOOKBACK_MS, (previousMs ?? 0) - OVERLAP_MS);
      const gapSince = previousMs !== null && previousMs - OVERLAP_MS < now - LOOKBACK_MS ? previousMs : null;
      const oldestKept = now - settings.historyDays * 86_400_000;

      const counts = { received: 0, stored: 0, duplicates: 0, malformed: 0, outside: 0 };
      let batch: FeedStrike[] = [];
      const flush = async () => {
        const stored = await storeStrikes(batch, stations);
        counts.stored += stored;
        counts.duplicates += batch.length - stored;
        batch = [];
      };
      let lineNumber = 0;
      try {
        for await (const line of feedLines(
          feedRequestUrl(settings.feedUrl, settings.bbox, sinceMs),
          credentials,
        )) {
          lineNumber++;
          const parsed = parseFeedLine(line);
          if (parsed === null) continue;
          counts.received++;
          if ("problem" in parsed) {
            counts.malformed++;
            if (counts.malformed <= LOGGED_PROBLEMS) {
              log(`line ${lineNumber} ignored (${parsed.problem}): ${line.slice(0, 120)}`);
            }
            continue;
          }
          const { strike } = parsed;
          if (
            !insideBox(strike, settings.bbox) ||
            strike.timeMs < oldestKept ||
            strike.timeMs > now + FUTURE_MS
          ) {
            counts.outside++;
            continue;
          }
          batch.push(strike);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
      } catch (error) {
        if (error instanceof FeedError) {
          await flush(); // keep what arrived before the failure
          await recordCheck(
            FEED_CHECK,
            "WARNING",
            `Flux Blitzortung illisible : ${error.message}`,
            new Date(now),
          );
        }
        throw error;
      }
      if (counts.malformed > LOGGED_PROBLEMS) {
        log(`… and ${counts.malformed - LOGGED_PROBLEMS} more malformed lines`);
      }
      await recordCheck(FEED_CHECK, "OK", `${counts.received} impacts reçus du flux`, new Date(now));
      const pruned = await pruneBefore(oldestKept);
      const alerts = await checkAlerts(now, log);
      const summary: ImportSummary = { ...counts, pruned, resynced, gapSince, alerts };
      return { result: summary, message: summaryMessage(summary) };
    });
  });
}

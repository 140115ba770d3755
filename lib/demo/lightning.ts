import { chunks } from "../db/sql";
import { demoStrikes } from "../lightning/demo";
import { newestStrikeMs, storeStrikes, syncedStations, syncStations } from "../lightning/store";

const DAY = 86_400_000;
/** The demo's "live" storm cell runs over the last week (and on, as the demo tops up every minute). */
const LIVE_DAYS = 7;
const BATCH = 5000;

/**
 * Synthetic strikes (see lib/lightning/demo.ts) from `historyDays` ago, or from the newest stored strike,
 * up to `nowMs`: safe to re-run, and resumable (strikes are stored in time order, in batches). Used by
 * the demo seed (only when LIGHTNING_DEMO is set, see scripts/commands/demo.ts) and the benchmarks
 * (`intensity` scales the storms). Returns the strikes added.
 */
export async function seedDemoLightning(
  nowMs: number,
  historyDays: number,
  { intensity = 1, log = () => {} }: { intensity?: number; log?: (line: string) => void } = {},
): Promise<number> {
  await syncStations();
  const stations = await syncedStations();
  const from = Math.max(nowMs - historyDays * DAY, (await newestStrikeMs()) ?? 0);
  let added = 0;
  for (let start = from; start < nowMs; start += 30 * DAY) {
    const end = Math.min(nowMs, start + 30 * DAY);
    const strikes = demoStrikes(start, end, { liveSinceMs: nowMs - LIVE_DAYS * DAY, intensity });
    for (const part of chunks(strikes, BATCH)) added += await storeStrikes(part, stations);
    if (strikes.length > 0) log(`${added} strikes up to ${new Date(end).toISOString().slice(0, 10)}`);
  }
  return added;
}

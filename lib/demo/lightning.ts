import { demoStrikes } from "../lightning/demo";
import { newestStrikeMs, storeStrikes, syncedStations, syncStations } from "../lightning/store";

const DAY = 86_400_000;
/** The demo's "live" storm cell runs over the last week (and on, as the demo tops up every minute). */
const LIVE_DAYS = 7;

/**
 * Synthetic strikes for the demo (only when LIGHTNING_DEMO is set, see scripts/commands/demo.ts), from
 * `historyDays` ago or the newest stored strike up to `nowMs`; safe to re-run. Returns the strikes added.
 */
export async function seedDemoLightning(nowMs: number, historyDays: number): Promise<number> {
  await syncStations();
  const stations = await syncedStations();
  const from = Math.max(nowMs - historyDays * DAY, (await newestStrikeMs()) ?? 0);
  let added = 0;
  for (let start = from; start < nowMs; start += 30 * DAY) {
    const strikes = demoStrikes(start, Math.min(nowMs, start + 30 * DAY), {
      liveSinceMs: nowMs - LIVE_DAYS * DAY,
    });
    for (let i = 0; i < strikes.length; i += 5000)
      added += await storeStrikes(strikes.slice(i, i + 5000), stations);
  }
  return added;
}

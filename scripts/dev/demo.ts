import path from "node:path";
import { aggregateStations } from "../../lib/aggregates/job";
import { refreshTimedPages } from "../../lib/articles/timed-refresh";
import { climateStations } from "../../lib/climate/job";
import { draftMonthlySummaries } from "../../lib/climate/summary-job";
import { config } from "../../lib/config/settings";
import { DEMO_WEBCAM_TOKEN } from "../../lib/demo/station-site";
import { DEMO_USERS } from "../../lib/demo/stations";
import { stationUrl } from "../../lib/http/hosts";
import { isDemo } from "../../lib/lightning/settings";
import { runJob } from "../../lib/ops/jobs";
import { runMonitor } from "../../lib/ops/monitor";
import { listStations } from "../../lib/stations/queries";
import { runDemoSeed } from "../commands/demo";
import { buildIfNeeded } from "./build";
import { prepare } from "./prepare";
import { startServer } from "./server";

/**
 * `npm run demo`: database, migrations, demo stations with two years of archives, build, then serve
 * the site with station sub-domains on *.localhost. The archives keep growing while it runs, as if the
 * stations were live.
 */
/** What the production timers do every few minutes. */
async function updateDemoAggregates() {
  const stations = await listStations();
  const { failures } = await aggregateStations("update", stations);
  for (const failure of failures) console.error(`aggregates: ${failure}`);
  await climateStations("update", stations, { afterStation: (station) => draftMonthlySummaries(station) });
}

await prepare();
// The lightning pages show synthetic strikes in the demo (LIGHTNING_DEMO=0 npm run demo hides them).
process.env.LIGHTNING_DEMO ??= "1";
console.log("› demo data (first run: two years of 5-minute records for three stations, about a minute)");
await runDemoSeed(731, (line) => console.log(`  ${line}`));
console.log("› aggregates and climatology (first run: a minute or two)");
await updateDemoAggregates();
buildIfNeeded();

const { siteUrl } = config();
const port = Number(process.env.PORT ?? siteUrl.port ?? 3000) || 3000;
const server = startServer(port);

const liveData = setInterval(() => {
  runDemoSeed(731, () => {})
    .then(updateDemoAggregates)
    .catch((error) => console.error("demo top-up failed:", error));
}, 60_000);

// The monitor runs as on the server (every 5 minutes), so that /admin/etat shows live checks.
process.env.BACKUP_DIR ??= path.resolve(".data/backups");
process.env.MONITOR_APP_URL ??= `${siteUrl.origin}/api/health`;
const monitor = () =>
  runJob("monitor", async () => ({ result: await runMonitor() })).catch((error) =>
    console.error("demo monitor failed:", (error as Error).message),
  );
setTimeout(monitor, 20_000);
const monitoring = setInterval(monitor, 5 * 60_000);
// Scheduled articles go live and vigilance notices end on the cached pages, as on the server (every minute).
const siteRefresh = setInterval(
  () =>
    refreshTimedPages().catch((error) =>
      console.error("demo site refresh failed:", (error as Error).message),
    ),
  60_000,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(liveData);
    clearInterval(monitoring);
    clearInterval(siteRefresh);
    server.kill(signal);
    process.exit(0);
  });
}
server.on("exit", (code) => process.exit(code ?? 0));

console.log(`
Météo06 is running:
  site            ${siteUrl.origin}/
  a station       ${stationUrl("nice-pessicart", siteUrl)}
  other stations  ${stationUrl("villefranche", siteUrl)}  ${stationUrl("la-colmiane", siteUrl)}
  back office     ${siteUrl.origin}/admin
  server status   ${siteUrl.origin}/admin/etat (admin)
  lightning map   ${siteUrl.origin}/foudre${isDemo() ? " (synthetic strikes)" : " (off)"}

Demo logins (local only):
${DEMO_USERS.map((u) => `  ${u.role.padEnd(7)} ${u.email.padEnd(24)} ${u.password}`).join("\n")}

Demo webcam upload (villefranche):
  curl -H "Authorization: Bearer ${DEMO_WEBCAM_TOKEN}" -H "Content-Type: image/jpeg" --data-binary @photo.jpg ${siteUrl.origin}/api/v1/stations/villefranche/webcam

Press Ctrl+C to stop.`);

import { config } from "../../lib/config";
import { DEMO_USERS } from "../../lib/demo/stations";
import { stationUrl } from "../../lib/hosts";
import { isDemo } from "../../lib/lightning/settings";
import { runDemoSeed } from "../commands/demo";
import { buildIfNeeded } from "./build";
import { prepare } from "./prepare";
import { startServer } from "./server";

/**
 * `npm run demo`: database, migrations, demo stations with two years of archives, build, then serve
 * the site with station sub-domains on *.localhost. The archives keep growing while it runs, as if the
 * stations were live.
 */
await prepare();
// The lightning pages show synthetic strikes in the demo (LIGHTNING_DEMO=0 npm run demo hides them).
process.env.LIGHTNING_DEMO ??= "1";
console.log("› demo data (first run: two years of 5-minute records for three stations, about a minute)");
await runDemoSeed(731, (line) => console.log(`  ${line}`));
buildIfNeeded();

const { siteUrl } = config();
const port = Number(process.env.PORT ?? siteUrl.port ?? 3000) || 3000;
const server = startServer(port);

const liveData = setInterval(() => {
  runDemoSeed(731, () => {}).catch((error) => console.error("demo top-up failed:", error));
}, 60_000);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(liveData);
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
  lightning map   ${siteUrl.origin}/foudre${isDemo() ? " (synthetic strikes)" : " (off)"}

Demo logins (local only):
${DEMO_USERS.map((u) => `  ${u.role.padEnd(7)} ${u.email.padEnd(24)} ${u.password}`).join("\n")}

Press Ctrl+C to stop.`);

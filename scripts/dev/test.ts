import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { buildIfNeeded } from "./build";
import { prepare } from "./prepare";

/**
 * `npm test`: the same preparation as the demo (packages, MariaDB, migrations), Debian's Chromium for
 * the browser tests, a build of the app, then every test. Extra arguments go to vitest
 * (e.g. `npm test -- test/unit`).
 */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error("Chromium is missing for the browser tests: sudo apt-get install chromium");
    process.exit(1);
  }
  console.log("› installing Debian's chromium for the browser tests");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env,
  });
}

await prepare();
ensureChromium();
buildIfNeeded();

const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);

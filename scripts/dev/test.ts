import { spawnSync } from "node:child_process";
import { ensureDebianProgram } from "./apt";
import { buildIfNeeded } from "./build";
import { prepare } from "./prepare";

/**
 * `npm test`: the same preparation as the demo (packages, MariaDB, migrations), Debian's Chromium for
 * the browser tests and restic for the backup tests, a build of the app, then every test. Extra arguments go to vitest
 * (e.g. `npm test -- test/unit`).
 */
await prepare();
if (!process.env.CHROMIUM_PATH) ensureDebianProgram("chromium", "chromium", "browser tests");
ensureDebianProgram("restic", "restic", "backup tests");
buildIfNeeded();

const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);

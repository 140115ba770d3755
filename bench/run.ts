import { prepare } from "@/scripts/dev/prepare";
import type { Suite } from "./lib";
import { suite as archive } from "./suites/archive";
import { suite as lightning } from "./suites/lightning";

/**
 * `npm run bench [-- <suite>…]`: the same preparation as the demo, then every benchmark suite (or the
 * named ones). Speed targets are read from these tables, never asserted in tests.
 */
const SUITES: Suite[] = [archive, lightning];

await prepare();
const wanted = process.argv.slice(2);
for (const suite of SUITES) {
  if (wanted.length && !wanted.includes(suite.name)) continue;
  await suite.run();
}
process.exit(0);

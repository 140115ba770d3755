import { prepare } from "@/scripts/dev/prepare";
import { benchAppDatabase } from "./fixtures";
import type { Suite } from "./lib";
import { suite as aggregates } from "./suites/aggregates";
import { suite as archive } from "./suites/archive";
import { suite as articles } from "./suites/articles";
import { suite as climate } from "./suites/climate";
import { suite as lighthouse } from "./suites/lighthouse";
import { suite as lightning } from "./suites/lightning";
import { suite as partners } from "./suites/partners";
import { suite as stations } from "./suites/stations";
import { suite as wordpress } from "./suites/wordpress";

/**
 * `npm run bench [-- <suite>…]`: the same preparation as the demo, then every benchmark suite (or the
 * named ones). Speed targets are read from these tables, never asserted in tests.
 */
const SUITES: Suite[] = [
  archive,
  aggregates,
  stations,
  climate,
  articles,
  partners,
  lightning,
  wordpress,
  lighthouse,
];

await prepare();
// The benchmarks work in their own app database (station "bench" on the 10-year archive).
const serverUrl = process.env.DATABASE_URL!;
process.env.BENCH_SERVER_URL = serverUrl;
process.env.DATABASE_URL = (await benchAppDatabase(serverUrl)).url;
const wanted = process.argv.slice(2);
for (const suite of SUITES) {
  if (wanted.length && !wanted.includes(suite.name)) continue;
  await suite.run();
}
process.exit(0);

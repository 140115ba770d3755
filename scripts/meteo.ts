import { Command } from "commander";
import { loadCliEnv } from "./cli-runtime";
import * as aggregates from "./commands/aggregates";
import * as articles from "./commands/articles";
import * as backup from "./commands/backup";
import * as climate from "./commands/climate";
import * as settings from "./commands/config";
import * as demo from "./commands/demo";
import * as deploy from "./commands/deploy";
import * as importer from "./commands/import";
import * as lightning from "./commands/lightning";
import * as media from "./commands/media";
import * as migrate from "./commands/migrate";
import * as monitor from "./commands/monitor";
import * as partners from "./commands/partners";
import * as qc from "./commands/qc";
import * as replication from "./commands/replication";
import * as site from "./commands/site";
import * as stations from "./commands/stations";
import * as users from "./commands/users";
import * as webcam from "./commands/webcam";

/** `npm run meteo -- <command>`: the platform's command line. Each area registers its commands. */
try {
  loadCliEnv();
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}

const program = new Command()
  .name("meteo")
  .description("Météo06 platform: jobs and administration")
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

const AREAS = [
  settings,
  migrate,
  demo,
  stations,
  users,
  aggregates,
  climate,
  importer,
  articles,
  media,
  monitor,
  replication,
  backup,
  deploy,
  partners,
  qc,
  webcam,
  lightning,
  site,
];
for (const area of AREAS) area.register(program);

await program.parseAsync();
// Output to a pipe is written asynchronously: let it drain (a long import summary was cut short).
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))),
);
// Pools keep the event loop alive: leave once the command is done.
process.exit(process.exitCode ?? 0);

import { Command } from "commander";
import { loadCliEnv } from "./cli";
import * as aggregates from "./commands/aggregates";
import * as climate from "./commands/climate";
import * as demo from "./commands/demo";
import * as migrate from "./commands/migrate";
import * as stations from "./commands/stations";
import * as users from "./commands/users";

/** `npm run meteo -- <command>`: the platform's command line. Each area registers its commands. */
loadCliEnv();

const program = new Command()
  .name("meteo")
  .description("Météo06 platform: jobs and administration")
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

for (const area of [migrate, demo, stations, users, aggregates, climate]) area.register(program);

await program.parseAsync();
// Pools keep the event loop alive: leave once the command is done.
process.exit(process.exitCode ?? 0);

import type { Command } from "commander";
import { settingsProblems } from "../../lib/settings-check";
import { action, CliError, settingsFile } from "../cli-runtime";

/** `meteo config`: the settings as the app and the jobs read them (/etc/meteo06/env on the server). */
export function register(program: Command) {
  const command = program.command("config").description("check and read the settings");

  command
    .command("check")
    .description("one line per missing or malformed setting; exits non-zero when there is any")
    .action(
      action(async () => {
        const problems = [...settingsFile.problems, ...settingsProblems(process.env)];
        for (const problem of problems) console.error(`error: ${problem}`);
        if (problems.length > 0) {
          process.exitCode = 1;
          return;
        }
        console.log(`settings OK${settingsFile.path ? ` (${settingsFile.path})` : ""}`);
      }),
    );

  command
    .command("get <key>")
    .description("print one setting's value as the app reads it (for shell scripts: no `source`)")
    .action(
      action(async (key: string) => {
        const value = process.env[key];
        if (value === undefined) throw new CliError(`${key} is not set`);
        process.stdout.write(`${value}\n`);
      }),
    );
}

import type { Command } from "commander";
import { config } from "../../lib/config";
import { markRolledBack, migrate, migrationStatus } from "../../lib/migrations";
import { action, assertReachable, printTable } from "../cli-runtime";

export function register(program: Command) {
  const command = program
    .command("migrate")
    .description("apply pending migrations of the app database (prisma/migrations)")
    .action(
      action(async () => {
        const { databaseUrl } = config();
        await assertReachable(databaseUrl, "app database");
        const applied = await migrate(databaseUrl, { log: (line) => console.log(line) });
        console.log(
          applied.length ? `${applied.length} migration(s) applied` : "Database already up to date",
        );
      }),
    );

  command
    .command("status")
    .description("list migrations and whether each is applied")
    .action(
      action(async () => {
        const { databaseUrl } = config();
        await assertReachable(databaseUrl, "app database");
        printTable((await migrationStatus(databaseUrl)).map((m) => ({ migration: m.name, state: m.state })));
      }),
    );

  command
    .command("resolve")
    .description("after repairing a failed migration by hand, mark it rolled back so that it is retried")
    .requiredOption("--rolled-back <name>", "name of the failed migration")
    .action(
      action(async (options: { rolledBack: string }) => {
        const { databaseUrl } = config();
        await assertReachable(databaseUrl, "app database");
        await markRolledBack(databaseUrl, options.rolledBack);
        console.log(`${options.rolledBack} marked as rolled back; run "migrate" again`);
      }),
    );
}

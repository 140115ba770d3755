import type { Command } from "commander";
import mysql from "mysql2/promise";
import { seedDemoArticles } from "../../lib/articles/demo";
import { config, connectionOptions } from "../../lib/config";
import { seedDemoLightning } from "../../lib/demo/lightning";
import { seedDemo } from "../../lib/demo/seed";
import { seedDemoStationSite } from "../../lib/demo/station-site";
import { isDemo } from "../../lib/lightning/settings";
import { action, appDatabase, assertReachable, CliError } from "../cli-runtime";

/** Writes the demo archives the way the stations' Pis would (a writable connection, development only). */
export async function runDemoSeed(historyDays: number, log = (line: string) => console.log(line)) {
  const prisma = await appDatabase();
  const { archiveServerUrl } = config();
  await assertReachable(archiveServerUrl, "archive server");
  const { database: _database, ...options } = connectionOptions(archiveServerUrl);
  const writer = mysql.createPool({ ...options, connectionLimit: 2 });
  try {
    const now = Math.floor(Date.now() / 1000);
    await seedDemo(prisma, writer, { now, historyDays, log });
    await seedDemoStationSite(prisma, now, log);
    await seedDemoArticles(new Date(), log);
    if (isDemo()) log(`lightning: ${await seedDemoLightning(Date.now(), historyDays)} new synthetic strikes`);
  } finally {
    await writer.end();
  }
}

export function register(program: Command) {
  const demo = program.command("demo").description("demonstration data");
  demo
    .command("seed")
    .description(
      "create the demo stations, archives (synthetic weather up to now) and users; re-running tops up",
    )
    .option("--days <n>", "history to generate, in days", "731")
    .action(
      action(async (options: { days: string }) => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 1 || days > 20 * 366) {
          throw new CliError("--days must be a whole number of days between 1 and 7320");
        }
        await runDemoSeed(days);
      }),
    );
}

import type { Command } from "commander";
import { aggregateStations } from "../../lib/aggregates/job";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

export function register(program: Command) {
  const aggregates = program
    .command("aggregates")
    .description("hourly and daily aggregates of the station archives");

  for (const mode of ["update", "rebuild"] as const) {
    aggregates
      .command(mode)
      .description(
        mode === "update"
          ? "aggregate the new archive rows, and re-aggregate hours that received late rows"
          : "drop and recompute every aggregate from the archive",
      )
      .option("--station <slug>", "only this station")
      .option("--lookback-days <n>", "how far back to look for late rows (update)", "35")
      .action(
        action(async (options: { station?: string; lookbackDays: string }) => {
          const lookbackDays = Number(options.lookbackDays);
          if (!Number.isFinite(lookbackDays) || lookbackDays < 0)
            throw new CliError("--lookback-days must be a number of days");
          const prisma = await appDatabase();
          const stations = await prisma.station.findMany({
            where: { active: true, ...(options.station ? { slug: options.station } : {}) },
            orderBy: { slug: "asc" },
          });
          if (options.station && stations.length === 0)
            throw new CliError(`unknown station "${options.station}" (see \`stations list\`)`);
          const started = performance.now();
          const { results, failures } = await aggregateStations(mode, stations, { lookbackDays });
          printTable(
            results.map((r) => ({
              station: r.station,
              hours: r.hours,
              days: r.days,
              "newest record": r.lastDateTime ? new Date(r.lastDateTime * 1000).toISOString() : "none",
            })),
          );
          console.log(`${((performance.now() - started) / 1000).toFixed(2)} s`);
          for (const failure of failures) console.error(`error: ${failure}`);
          if (failures.length) process.exitCode = 1;
        }),
      );
  }
}

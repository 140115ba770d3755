import type { Command } from "commander";
import { recomputeQuality } from "../../lib/qc/recompute";
import { dayToDate, isCalendarDay } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

function parseDay(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDay(value)) throw new CliError(`${name} must be a date YYYY-MM-DD (got "${value}")`);
  return dayToDate(value).getTime() / 1000;
}

export function register(program: Command) {
  const qc = program.command("qc").description("quality control of the observations (lib/qc)");

  qc.command("recompute")
    .description("run the checks again over a station's archive (or a period of it) and store the flags")
    .requiredOption("--station <slug>", "the station")
    .option("--from <date>", "first day YYYY-MM-DD, UTC (default: the first record)")
    .option("--to <date>", "last day YYYY-MM-DD, UTC, included (default: the newest record)")
    .action(
      action(async (options: { station: string; from?: string; to?: string }) => {
        const from = parseDay("--from", options.from);
        const toDay = parseDay("--to", options.to);
        const to = toDay === undefined ? undefined : toDay + 86400;
        if (from !== undefined && to !== undefined && from >= to)
          throw new CliError("--from must not be after --to");
        const prisma = await appDatabase();
        const station = await prisma.station.findUnique({ where: { slug: options.station } });
        if (!station) throw new CliError(`unknown station "${options.station}" (see \`stations list\`)`);
        const result = await recomputeQuality(station, { from, to });
        printTable([
          {
            station: result.station,
            from: new Date(result.from * 1000).toISOString(),
            to: new Date(result.to * 1000).toISOString(),
            flags: result.flags,
            "hours re-aggregated": result.changedHours,
          },
        ]);
        console.log(`${result.seconds.toFixed(2)} s`);
      }),
    );
}

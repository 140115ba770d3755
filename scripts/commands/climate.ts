import type { Command } from "commander";
import {
  addInvalidation,
  InvalidationError,
  listInvalidations,
  removeInvalidation,
} from "../../lib/climate/invalidations";
import { climateStations } from "../../lib/climate/job";
import { draftMonthlySummaries } from "../../lib/climate/summary-job";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { isCalendarDay } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

/** `meteo climate …`: the daily climatology job, and sensor invalidations. */

function parseAt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t))
    throw new CliError(`--at must be an ISO-8601 time such as 2026-03-01T07:00:00Z (got "${value}")`);
  return Math.floor(t / 1000);
}

function parseDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDay(value)) throw new CliError(`${name} must be a date YYYY-MM-DD (got "${value}")`);
  return value;
}

function parseTime(name: string, value: string): Date {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(t))
    throw new CliError(`${name} must be an ISO-8601 time such as 2026-03-01T07:00:00Z (got "${value}")`);
  return new Date(t);
}

async function stationsFor(prisma: PrismaClient, slug: string | undefined) {
  const stations = await prisma.station.findMany({
    where: { active: true, ...(slug ? { slug } : {}) },
    orderBy: { slug: "asc" },
  });
  if (slug && stations.length === 0) throw new CliError(`unknown station "${slug}" (see \`stations list\`)`);
  return stations;
}

async function oneStation(prisma: PrismaClient, slug: string) {
  const station = await prisma.station.findUnique({ where: { slug } });
  if (!station) throw new CliError(`unknown station "${slug}" (see \`stations list\`)`);
  return station;
}

/** Invalidation errors are the user's input: one clear line. */
async function invalidation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidationError) throw new CliError(error.message);
    throw error;
  }
}

export function register(program: Command) {
  const climate = program
    .command("climate")
    .description("daily climatology (WMO / Météo-France rules) computed from the hourly aggregates");

  climate
    .command("update")
    .description(
      "recompute the days whose hourly aggregates changed (new or late rows, invalidations); on the 1st of a month, draft the past month's climate summaries",
    )
    .option("--station <slug>", "only this station")
    .option("--at <time>", "compute as of this ISO-8601 time instead of now (deterministic runs)")
    .option("--lookback-days <n>", "how far back to look for changed days", "35")
    .action(
      action(async (options: { station?: string; at?: string; lookbackDays: string }) => {
        const at = parseAt(options.at);
        const lookbackDays = Number(options.lookbackDays);
        if (!Number.isInteger(lookbackDays) || lookbackDays < 0 || lookbackDays > 3660)
          throw new CliError("--lookback-days must be a whole number of days between 0 and 3660");
        const prisma = await appDatabase();
        const stations = await stationsFor(prisma, options.station);
        const started = performance.now();
        const { results, notes } = await climateStations("update", stations, {
          at,
          lookbackDays,
          afterStation: (station) => draftMonthlySummaries(station, at),
        });
        printTable(
          results.map((r) => ({
            station: r.station,
            examined: r.examined,
            computed: r.computed,
            removed: r.removed,
          })),
        );
        for (const note of notes) console.log(note);
        console.log(`${((performance.now() - started) / 1000).toFixed(2)} s`);
      }),
    );

  climate
    .command("rebuild")
    .description("recompute every day of a station (or of a period) from the hourly aggregates")
    .requiredOption("--station <slug>", "the station")
    .option("--from <date>", "first day YYYY-MM-DD (default: the first day with data)")
    .option("--to <date>", "last day YYYY-MM-DD (default: today)")
    .option("--at <time>", "compute as of this ISO-8601 time instead of now")
    .action(
      action(async (options: { station: string; from?: string; to?: string; at?: string }) => {
        const from = parseDateOption("--from", options.from);
        const to = parseDateOption("--to", options.to);
        if (from && to && from > to) throw new CliError("--from must not be after --to");
        const at = parseAt(options.at);
        const prisma = await appDatabase();
        const stations = await stationsFor(prisma, options.station);
        const started = performance.now();
        const { results } = await climateStations("rebuild", stations, { at, from, to });
        printTable(results.map((r) => ({ station: r.station, examined: r.examined, computed: r.computed })));
        console.log(`${((performance.now() - started) / 1000).toFixed(2)} s`);
      }),
    );

  const invalidations = climate
    .command("invalidation")
    .description("sensor data marked invalid (excluded from aggregates and climatology as if missing)");

  invalidations
    .command("list")
    .description("list the invalidations")
    .option("--station <slug>", "only this station")
    .action(
      action(async (options: { station?: string }) => {
        const prisma = await appDatabase();
        const station = options.station ? await oneStation(prisma, options.station) : null;
        const rows = await listInvalidations(station?.id);
        if (rows.length === 0) console.log("no invalidation");
        printTable(
          rows.map((row) => ({
            id: row.id,
            station: row.station.slug,
            sensor: row.sensor,
            from: row.from.toISOString(),
            to: row.to.toISOString(),
            reason: row.reason,
            by: row.createdBy ?? "",
          })),
        );
      }),
    );

  invalidations
    .command("add")
    .description("mark a sensor invalid over (from, to], then re-aggregate and recompute the days touched")
    .requiredOption("--station <slug>", "the station")
    .requiredOption("--sensor <group>", "TEMPERATURE, HUMIDITY, PRESSURE, WIND, RAIN, SOLAR or ALL")
    .requiredOption("--from <time>", "start (exclusive), ISO-8601, e.g. 2026-03-01T07:00:00Z")
    .requiredOption("--to <time>", "end (inclusive), ISO-8601")
    .requiredOption("--reason <text>", "why the data is invalid")
    .option("--by <name>", "who decided it (shown in the admin pages)")
    .action(
      action(
        async (options: {
          station: string;
          sensor: string;
          from: string;
          to: string;
          reason: string;
          by?: string;
        }) => {
          const from = parseTime("--from", options.from);
          const to = parseTime("--to", options.to);
          const prisma = await appDatabase();
          const station = await oneStation(prisma, options.station);
          const row = await invalidation(() =>
            addInvalidation(station, {
              sensor: options.sensor.toUpperCase(),
              from,
              to,
              reason: options.reason,
              createdBy: options.by ?? null,
            }),
          );
          console.log(`invalidation ${row.id} added; aggregates and climatology recomputed`);
        },
      ),
    );

  invalidations
    .command("remove")
    .description("remove an invalidation (its data counts again)")
    .argument("<id>", "invalidation number (see `climate invalidation list`)")
    .action(
      action(async (id: string) => {
        if (!/^\d+$/.test(id)) throw new CliError(`invalidation id must be a number (got "${id}")`);
        await appDatabase();
        await invalidation(() => removeInvalidation(Number(id)));
        console.log(`invalidation ${id} removed; aggregates and climatology recomputed`);
      }),
    );
}

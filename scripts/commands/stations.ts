import type { Command } from "commander";
import { z } from "zod";
import { ArchiveError, archives } from "../../lib/archive/reader";
import { config } from "../../lib/config/settings";
import { RESERVED_SLUGS, SLUG_PATTERN, stationUrl } from "../../lib/http/hosts";
import { formatDuration } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

const ZONES = { littoral: "COAST", "moyen-pays": "MIDLAND", "haut-pays": "HIGHLAND" } as const;

const number = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .refine((v) => Number.isFinite(v) && v >= min && v <= max, {
      message: `${name} must be between ${min} and ${max}`,
    });

const addSchema = z.object({
  slug: z
    .string()
    .regex(SLUG_PATTERN, {
      message: "--slug must be lower-case letters, digits and dashes (it becomes a sub-domain)",
    })
    .refine((s) => !RESERVED_SLUGS.has(s), { message: "--slug is a reserved name" }),
  name: z.string().trim().min(1, { message: "--name is required" }).max(120),
  shortName: z.string().trim().max(40).optional(),
  commune: z.string().trim().max(120).optional(),
  archiveDb: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, { message: "--archive-db must be letters, digits and underscores" }),
  lat: number("--lat", -90, 90).default(43.7),
  lon: number("--lon", -180, 180).default(7.26),
  altitude: number("--altitude", -500, 5000).transform(Math.round).default(0),
  timezone: z
    .string()
    .refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", {
      message: "--timezone must be an IANA time zone such as Europe/Paris",
    })
    .default("Europe/Paris"),
  zone: z
    .enum(Object.keys(ZONES) as [keyof typeof ZONES], {
      error: "--zone must be littoral, moyen-pays or haut-pays",
    })
    .default("littoral"),
  replication: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export function register(program: Command) {
  const stations = program.command("stations").description("manage the stations of the network");

  stations
    .command("add")
    .description("register a station (its WeeWX archive is read-only and never modified)")
    .requiredOption("--slug <slug>", "sub-domain of the station, e.g. nice-pessicart")
    .requiredOption("--name <name>", 'display name, e.g. "Nice – Pessicart"')
    .requiredOption(
      "--archive-db <database>",
      "WeeWX database replicated from the station, e.g. weewx_pessicart",
    )
    .option("--short-name <name>", "short name (defaults to the name)")
    .option("--commune <commune>", "commune (defaults to the name)")
    .option("--lat <degrees>", "latitude")
    .option("--lon <degrees>", "longitude")
    .option("--altitude <metres>", "altitude in metres")
    .option("--timezone <tz>", "IANA time zone", "Europe/Paris")
    .option("--zone <zone>", "forecast zone: littoral, moyen-pays or haut-pays", "littoral")
    .option("--replication <connection>", "MariaDB replication connection name")
    .action(
      action(async (raw: Record<string, string | undefined>) => {
        const parsed = addSchema.safeParse(raw);
        if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join("; "));
        const o = parsed.data;
        const prisma = await appDatabase();
        const clash = await prisma.station.findFirst({
          where: { OR: [{ slug: o.slug }, { archiveDatabase: o.archiveDb }] },
        });
        if (clash) throw new CliError(`station ${clash.slug} already uses that slug or archive database`);
        const station = await prisma.station.create({
          data: {
            slug: o.slug,
            name: o.name,
            shortName: o.shortName ?? o.name.slice(0, 40),
            commune: o.commune ?? o.name,
            archiveDatabase: o.archiveDb,
            latitude: o.lat,
            longitude: o.lon,
            altitude: o.altitude,
            timezone: o.timezone,
            zone: ZONES[o.zone],
            replicationConnection: o.replication,
          },
        });
        console.log(`Station ${station.slug} added: ${stationUrl(station.slug, config().siteUrl)}`);
        try {
          await archives().columns(station.archiveDatabase);
        } catch (error) {
          if (!(error instanceof ArchiveError)) throw error;
          console.warn(
            `warning: ${error.message}; the station's pages will say so until replication delivers it`,
          );
        }
      }),
    );

  stations
    .command("list")
    .description("list stations with the age of their newest archive record")
    .action(
      action(async () => {
        const prisma = await appDatabase();
        const all = await prisma.station.findMany({ orderBy: { slug: "asc" } });
        const now = Date.now() / 1000;
        const rows = await Promise.all(
          all.map(async (s) => {
            let freshness: string;
            try {
              const newest = await archives().newestDateTime(s.archiveDatabase);
              freshness = newest === null ? "empty archive" : `${formatDuration(now - newest)} ago`;
            } catch (error) {
              if (!(error instanceof ArchiveError)) throw error;
              freshness = `ERROR: ${error.message}`;
            }
            return {
              slug: s.slug,
              name: s.name,
              archive: s.archiveDatabase,
              active: s.active ? "yes" : "no",
              "last record": freshness,
            };
          }),
        );
        if (rows.length === 0) console.log("No station yet: add one with `stations add`.");
        printTable(rows);
      }),
    );

  stations
    .command("remove")
    .description("remove a station from the platform (its archive database is left untouched)")
    .argument("<slug>", "station to remove")
    .action(
      action(async (slug: string) => {
        const prisma = await appDatabase();
        const station = await prisma.station.findUnique({ where: { slug } });
        if (!station) throw new CliError(`unknown station "${slug}" (see \`stations list\`)`);
        await prisma.station.delete({ where: { id: station.id } });
        console.log(`Station ${slug} removed; archive database ${station.archiveDatabase} left untouched.`);
      }),
    );
}

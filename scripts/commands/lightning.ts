import type { Command } from "commander";
import { formatDuration, formatParis } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

// The lightning modules (feed, storage, alerts and their e-mail) load only when a lightning command
// runs: every other command of the CLI starts as fast as before.
const lightningLib = async () => ({
  ...(await import("../../lib/lightning/settings")),
  ...(await import("../../lib/lightning/import")),
  ...(await import("../../lib/lightning/feed")),
  ...(await import("../../lib/lightning/store")),
  ...(await import("../../lib/jobs")),
});

const DISABLED =
  "lightning is disabled: BLITZORTUNG_USERNAME and BLITZORTUNG_PASSWORD are not set (nothing imported)";

export function register(program: Command) {
  const lightning = program.command("lightning").description("lightning strikes from the Blitzortung feed");

  lightning
    .command("import")
    .description("fetch the new strikes of the configured area, keep the history, check the alerts")
    .action(
      action(async () => {
        const { lightningSettings, importLightning, summaryMessage, ImportLockedError, FeedError } =
          await lightningLib();
        const settings = lightningSettings();
        if (!settings.credentials) {
          console.log(DISABLED);
          return;
        }
        await appDatabase();
        try {
          const summary = await importLightning({ settings });
          if (summary) console.log(`lightning import: ${summaryMessage(summary)}`);
        } catch (error) {
          if (error instanceof ImportLockedError) {
            console.log(`skipped: ${error.message}`);
            return;
          }
          if (error instanceof FeedError) throw new CliError(error.message);
          throw error;
        }
      }),
    );

  lightning
    .command("status")
    .description("strikes stored, last import, stations and their alerts")
    .action(
      action(async () => {
        const { lightningSettings, lastSuccessfulRun, IMPORT_JOB } = await lightningLib();
        const settings = lightningSettings();
        const prisma = await appDatabase();
        const [range, count, lastRun] = await Promise.all([
          prisma.lightningStrike.aggregate({ _min: { time: true }, _max: { time: true } }),
          prisma.lightningStrike.count(),
          lastSuccessfulRun(IMPORT_JOB),
        ]);
        const when = (date: Date | null | undefined) =>
          date
            ? `${formatParis(date.getTime() / 1000)} (${formatDuration((Date.now() - date.getTime()) / 1000)} ago)`
            : "never";
        console.log(
          settings.credentials
            ? `feed: ${settings.feedUrl.host} as ${settings.credentials.username}`
            : DISABLED,
        );
        console.log(
          `strikes stored: ${count} (oldest ${when(range._min.time)}, newest ${when(range._max.time)})`,
        );
        console.log(
          `last successful import: ${when(lastRun?.startedAt)}${lastRun?.message ? ` — ${lastRun.message}` : ""}`,
        );
        const stations = await prisma.station.findMany({
          orderBy: { slug: "asc" },
          include: { lightning: { include: { _count: { select: { subscriptions: true } } } } },
        });
        printTable(
          stations.map((s) => ({
            station: s.slug,
            distances:
              s.lightning?.latitude === s.latitude && s.lightning?.longitude === s.longitude
                ? "up to date"
                : "at next import",
            "alert radius": s.lightning?.alertRadiusKm ? `${s.lightning.alertRadiusKm} km` : "off",
            subscribers: s.lightning?._count.subscriptions ?? 0,
          })),
        );
      }),
    );

  lightning
    .command("rebuild")
    .description("recompute every distance and daily count from the stored strikes")
    .action(
      action(async () => {
        const { rebuildDerived } = await lightningLib();
        await appDatabase();
        const started = Date.now();
        await rebuildDerived();
        console.log(
          `lightning distances and daily counts rebuilt in ${formatDuration((Date.now() - started) / 1000)}`,
        );
      }),
    );
}

import type { Command } from "commander";
import { db } from "../../lib/db";
import { runJob } from "../../lib/jobs";
import {
  endpointOf,
  listFeeds,
  maskedCredentials,
  PARTNER_LABEL,
  type Partner,
  parsePartner,
  pruneAttempts,
} from "../../lib/partners/feeds";
import { describeRun, type FeedRun, sendFeeds } from "../../lib/partners/send";
import { type PartnerSettings, partnerSettings } from "../../lib/partners/settings";
import { formatParis } from "../../lib/time";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

/** `partners …`: the StatIC and ROMMA feeds (send, dry run, audit log pruning, status). */

function settings(): PartnerSettings {
  try {
    return partnerSettings();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function partnerOption(value: string | undefined): Partner | undefined {
  if (value === undefined) return undefined;
  const partner = parsePartner(value);
  if (!partner) throw new CliError(`--partner must be static or romma (got "${value}")`);
  return partner;
}

/** ISO date-time, UTC unless it carries an offset. */
function atOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = /(Z|[+-]\d\d:?\d\d)$/i.test(value.trim()) ? value.trim() : `${value.trim()}Z`;
  const time = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(value.trim()) || Number.isNaN(time)) {
    throw new CliError(`--at must be an ISO date-time such as 2026-01-15T14:30:00Z (got "${value}")`);
  }
  return Math.floor(time / 1000);
}

async function stationOption(slug: string | undefined): Promise<string | undefined> {
  if (slug === undefined) return undefined;
  const station = await db().station.findUnique({ where: { slug } });
  if (!station) throw new CliError(`unknown station "${slug}" (see \`stations list\`)`);
  return slug;
}

function printPreview(run: FeedRun): void {
  const { feed } = run;
  const state = feed.enabled ? "enabled" : "disabled";
  console.log(
    `=== ${feed.station.slug} · ${PARTNER_LABEL[feed.partner]} (id ${feed.partnerStationId}, ${state}) ===`,
  );
  console.log(`# ${run.message}`);
  if (run.preview) console.log(run.preview.replace(/\n$/, ""));
  console.log("");
}

export function register(program: Command) {
  const partners = program
    .command("partners")
    .description("partner data feeds: StatIC (Infoclimat) and ROMMA");

  partners
    .command("send")
    .description(
      "send the enabled feeds: StatIC uploads the current file (every 10 min), ROMMA sends the records not yet acknowledged (every 5 min)",
    )
    .option("--station <slug>", "only this station")
    .option("--partner <partner>", "only this partner: static or romma")
    .option("--at <time>", "reference time, ISO 8601 (UTC unless an offset is given); default now")
    .option(
      "--dry-run",
      "print the StatIC file / ROMMA URLs (password masked) of every configured feed; send nothing",
    )
    .action(
      action(async (raw: { station?: string; partner?: string; at?: string; dryRun?: boolean }) => {
        const partner = partnerOption(raw.partner);
        const at = atOption(raw.at);
        const options = { at, dryRun: raw.dryRun === true, settings: settings() };
        await appDatabase();
        const stationSlug = await stationOption(raw.station);
        const filter = { stationSlug, partner };
        if (options.dryRun) {
          const runs = await sendFeeds(filter, options);
          if (runs.length === 0) console.log("No partner feed is configured for this selection.");
          for (const run of runs) printPreview(run);
          if (runs.some((r) => r.outcome === "failed")) {
            for (const run of runs.filter((r) => r.outcome === "failed"))
              console.error(`error: ${describeRun(run)}`);
            process.exitCode = 1;
          }
          return;
        }
        const name = `partners:${partner ? partner.toLowerCase() : "send"}`;
        const runs = await runJob(name, async () => {
          const result = await sendFeeds(filter, options);
          const failed = result.filter((r) => r.outcome === "failed").length;
          const sent = result.reduce((total, r) => total + r.sent, 0);
          return {
            result,
            message: `${result.length} feed(s), ${sent} payload(s) acknowledged, ${failed} failed`,
          };
        });
        if (runs.length === 0) console.log("No enabled partner feed for this selection.");
        for (const run of runs) {
          const line = `${run.outcome.padEnd(10)} ${describeRun(run)}`;
          if (run.outcome === "failed") console.error(line);
          else console.log(line);
        }
        if (runs.some((r) => r.outcome === "failed")) process.exitCode = 1;
      }),
    );

  partners
    .command("list")
    .description("list the configured feeds with their state")
    .action(
      action(async () => {
        await appDatabase();
        const feeds = await listFeeds();
        if (feeds.length === 0) console.log("No partner feed yet: configure them in /admin/partenaires.");
        printTable(
          feeds.map((feed) => ({
            station: feed.station.slug,
            partner: PARTNER_LABEL[feed.partner],
            id: feed.partnerStationId,
            enabled: feed.enabled ? "yes" : "no",
            login: maskedCredentials(feed)?.login || "-",
            endpoint: endpointOf(feed),
            "last record": feed.lastRecordTime ? formatParis(feed.lastRecordTime) : "-",
            "last success": feed.lastSuccessAt ? formatParis(feed.lastSuccessAt.getTime() / 1000) : "-",
            "failing since": feed.failingSince ? formatParis(feed.failingSince.getTime() / 1000) : "-",
          })),
        );
      }),
    );

  partners
    .command("prune")
    .description("delete audit log entries older than PARTNER_LOG_RETENTION_DAYS (default 90) or --days")
    .option("--days <n>", "age in days")
    .action(
      action(async (raw: { days?: string }) => {
        const days = raw.days === undefined ? settings().logRetentionDays : Number(raw.days);
        if (!Number.isFinite(days) || days <= 0)
          throw new CliError("--days must be a number of days greater than 0");
        await appDatabase();
        const deleted = await runJob("partners:prune", async () => {
          const count = await pruneAttempts(days);
          return { result: count, message: `${count} audit entries older than ${days} days deleted` };
        });
        console.log(`${deleted} audit log entries older than ${days} days deleted.`);
      }),
    );
}

import { createDraftArticle } from "../articles/store";
import { config } from "../config";
import { db } from "../db";
import type { Station } from "../generated/prisma/client";
import { stationUrl } from "../hosts";
import { addDays, addMonths } from "../time";
import { lastFinalDay } from "./monthly";
import { monthView } from "./queries";
import { monthlySummaryDraft, type SummaryDraft } from "./summary";

/**
 * The monthly climate summary step of `climate update`: once the last day of a month is final (the 1st
 * at 06:00 UTC), a draft summary of that month is written for each station, once (ClimateSummary keeps
 * one per station and month; a run that missed the 1st catches up later in the month).
 */

/** The latest month whose days are all final at `at` (its summary is due). */
export function summaryMonthDue(at: number): string {
  const last = lastFinalDay(at);
  const month = last.slice(0, 7);
  return addDays(last, 1).slice(0, 7) !== month ? month : addMonths(month, -1);
}

/** The summary as a CLIMATE draft article that editors complete and publish; returns its id. */
export async function saveSummaryAsDraftArticle(draft: SummaryDraft): Promise<number> {
  const article = await createDraftArticle({
    type: "CLIMATE",
    title: draft.title,
    bodyHtml: draft.bodyHtml,
    excerpt: draft.excerpt,
    authorId: null,
  });
  return article.id;
}

/** Drafts the due monthly summary of a station if it does not exist yet; returns a note for the job log. */
export async function draftMonthlySummaries(
  station: Station,
  at = Math.floor(Date.now() / 1000),
): Promise<string | null> {
  const month = summaryMonthDue(at);
  const prisma = db();
  const existing = await prisma.climateSummary.findUnique({
    where: { stationId_month: { stationId: station.id, month } },
  });
  if (existing) return null;
  const view = await monthView(station, month, at);
  if (view.summary.tn.present === 0 && view.summary.tx.present === 0 && view.summary.rr.present === 0)
    return null;
  const { siteUrl } = config();
  const api = `${siteUrl.origin}/api/v1/stations/${station.slug}/climate/chart?month=${month}`;
  const draft = monthlySummaryDraft({
    stationName: station.name,
    month,
    days: view.days,
    summary: view.summary,
    reference: view.reference,
    anomalies: view.anomalies,
    monthPageUrl: stationUrl(station.slug, siteUrl, `/mois/${month}`),
    temperatureChartUrl: `${api}&kind=temperature`,
    rainChartUrl: `${api}&kind=rain`,
  });
  try {
    const row = await prisma.climateSummary.create({ data: { stationId: station.id, month, ...draft } });
    const articleId = await saveSummaryAsDraftArticle(draft);
    await prisma.climateSummary.update({ where: { id: row.id }, data: { articleId } });
  } catch (error) {
    // Another run drafted it meanwhile (unique station + month).
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
  return `${station.slug}: bilan de ${month} rédigé`;
}

import { readHours } from "../aggregates/store";
import { ArchiveError } from "../archive/reader";
import { dayWindows } from "../climate/daily";
import { HEATMAP_COLUMNS, yearHeatmap } from "../climate/heatmap";
import { recordsView, yearView } from "../climate/queries";
import { readClimateDays } from "../climate/store";
import { monthChartSvg } from "../climate/svg";
import { config } from "../config/settings";
import { appSqlPool, db } from "../db/client";
import { csvFileName, frenchCsv, frenchCsvStream } from "../format/csv";
import { ApiError, apiRoute } from "../http/api";
import { stationUrl } from "../http/hosts";
import { countOf, qualityOfDays, qualityOfRecords, qualityOfYears } from "../qc/store";
import { FIELD_NAMES, type Field } from "../series/fields";
import { loadSeries, type SeriesQuery } from "../series/load";
import { iso, seriesColumnsJson, seriesCsvStream, seriesRowsJson } from "../series/output";
import { describeUnavailable } from "../stations/queries";
import { daysOfMonth, localDayBounds, localToday, monthLabel } from "../time";
import { cachedConditions, cachedStations, type StationRecord } from "./cached";
import { dailyCsv, dailyJson, periodJson, periodsCsv, recordsCsv, recordsJson } from "./climate";
import { conditionsCsv, currentJson, stationJson, UNITS } from "./json";
import {
  climateDaysSchema,
  climateYearSchema,
  dailyQuery,
  type Format,
  formatQuery,
  heatmapSchema,
  monthChartSchema,
  observationsQuery,
  recordsSchema,
  validQuery,
} from "./query";

/**
 * The open-data API (/api/v1): route handlers call these. JSON by default, CSV with ?format=csv (or
 * csv-fr, the French spreadsheet dialect), CORS
 * open for GET, explicit Cache-Control on every answer (errors are never cached).
 */

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Max-Age": "86400",
};

/** Current data changes every few minutes: a minute in shared caches, half a minute in browsers. */
const LIVE = "public, max-age=30, s-maxage=60";
/** Past periods only change when an administrator invalidates data. */
const PAST = "public, max-age=3600";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** A GET handler of the open-data API; an unreadable archive becomes a 503 with a French message. */
export function openDataRoute<C>(handler: Handler<C>): Handler<C> {
  return apiRoute(
    async (request, context: C) => {
      try {
        return await handler(request, context);
      } catch (error) {
        if (error instanceof ArchiveError) {
          console.error(`${new URL(request.url).pathname}: ${error.message}`);
          throw new ApiError(503, describeUnavailable(error));
        }
        throw error;
      }
    },
    { headers: CORS, errorHeaders: { "Cache-Control": "no-store" } },
  );
}

/** The CORS preflight answer. */
export async function preflight(): Promise<Response> {
  return new Response(null, { status: 204, headers: CORS });
}

const now = () => Math.floor(Date.now() / 1000);

/** LIVE while data up to `end` (unix seconds) may still arrive or be recomputed, PAST two days after. */
const cacheUntil = (end: number) => (end < now() - 2 * 86400 ? PAST : LIVE);

async function station(slug: string): Promise<StationRecord> {
  const found = (await cachedStations()).find((s) => s.slug === slug);
  if (!found) throw new ApiError(404, `Station inconnue : « ${slug} ».`);
  return found;
}

/** Fields the API publishes for a station: outdoor measures of the sensors it has. */
export function publicFields(s: Pick<StationRecord, "hasUv" | "hasRadiation">): Field[] {
  const indoor: Field[] = ["inTemp", "inHumidity", "rxCheckPercent", "consBatteryVoltage"];
  return FIELD_NAMES.filter(
    (field) =>
      !indoor.includes(field) &&
      (field !== "UV" || s.hasUv) &&
      ((field !== "radiation" && field !== "ET") || s.hasRadiation),
  );
}

const json = (body: unknown, cache: string) => Response.json(body, { headers: { "Cache-Control": cache } });

function csv(
  format: Format,
  body: string | ReadableStream<Uint8Array>,
  fileName: string,
  cache: string,
): Response {
  const french = format === "csv-fr";
  const dialect = french ? (typeof body === "string" ? frenchCsv(body) : frenchCsvStream(body)) : body;
  return new Response(dialect, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(fileName, french)}"`,
      "Cache-Control": cache,
    },
  });
}

const publicUrl = (slug: string) => stationUrl(slug, config().siteUrl);

/** Every station with its metadata and current conditions at `t`, as GET /stations answers them. */
export async function stationsJson(t = now()) {
  const stations = await cachedStations();
  const loaded = await Promise.all(stations.map((s) => cachedConditions(s)));
  return {
    units: UNITS,
    stations: stations.map((s, i) => ({
      ...stationJson(s, publicUrl(s.slug)),
      current: currentJson(s, loaded[i], t),
    })),
  };
}

export type NetworkJson = Awaited<ReturnType<typeof stationsJson>>;

/** GET /stations: every station with its metadata and current conditions. */
export async function stationsResponse(request: Request): Promise<Response> {
  const format = formatQuery(new URL(request.url));
  if (format !== "json") {
    const stations = await cachedStations();
    const loaded = await Promise.all(stations.map((s) => cachedConditions(s)));
    return csv(
      format,
      conditionsCsv(stations.map((s, i) => ({ slug: s.slug, conditions: loaded[i].conditions }))),
      "stations",
      LIVE,
    );
  }
  return json(await stationsJson(), LIVE);
}

/** GET /stations/{slug}/current */
export async function currentResponse(request: Request, slug: string): Promise<Response> {
  const format = formatQuery(new URL(request.url));
  const s = await station(slug);
  const loaded = await cachedConditions(s);
  if (format !== "json")
    return csv(format, conditionsCsv([{ slug, conditions: loaded.conditions }]), `${slug}-actuel`, LIVE);
  return json(
    { station: stationJson(s, publicUrl(slug)), units: UNITS, ...currentJson(s, loaded, now()) },
    LIVE,
  );
}

async function seriesResponse(
  s: StationRecord,
  query: SeriesQuery & { format: Format },
  fileName: string,
): Promise<Response> {
  const cache = cacheUntil(query.to);
  if (query.format !== "json") return csv(query.format, seriesCsvStream(s, query), fileName, cache);
  const series = await loadSeries(s, query);
  const shape = { step: series.step, columns: series.columns, timeZone: s.timezone };
  return json(
    {
      station: s.slug,
      step: series.step,
      from: iso(series.from),
      to: iso(series.to),
      fields: series.fields,
      columns: seriesColumnsJson(shape),
      observations: seriesRowsJson(shape, series.rows),
    },
    cache,
  );
}

/** The address of GET /stations/{slug}/observations for a period (the pages link to it). */
export function observationsPath(
  slug: string,
  {
    from,
    to,
    step,
    fields,
    format,
  }: Pick<SeriesQuery, "from" | "to" | "step" | "fields"> & { format: Format },
): string {
  const query = new URLSearchParams({ from: iso(from), to: iso(to), step, fields: fields.join(","), format });
  return `/api/v1/stations/${slug}/observations?${query}`;
}

/** GET /stations/{slug}/observations?from=&to=&step=&fields=&format= */
export async function observationsResponse(request: Request, slug: string): Promise<Response> {
  const s = await station(slug);
  const query = observationsQuery(new URL(request.url), s.timezone, now(), publicFields(s));
  return seriesResponse(s, query, `${slug}-observations-${query.step}`);
}

/** GET /stations/{slug}/aggregates/daily?from=&to=&fields=&format= */
export async function dailyResponse(request: Request, slug: string): Promise<Response> {
  const s = await station(slug);
  const query = dailyQuery(new URL(request.url), localToday(s.timezone, now()), publicFields(s));
  return seriesResponse(
    s,
    {
      from: localDayBounds(query.fromDay, s.timezone).start,
      to: localDayBounds(query.toDay, s.timezone).end,
      step: "1d",
      fields: query.fields,
      format: query.format,
    },
    `${slug}-journalier`,
  );
}

/** The end of the Tx/RR window of the last day: when a period's climatology is final. */
const climateEnd = (lastDay: string) => dayWindows(lastDay).rr.to;

/** GET /stations/{slug}/climate/daily?from=&to=&format=: each day's Tn, Tx, RR… with coverages. */
export async function climateDailyResponse(request: Request, slug: string): Promise<Response> {
  const { from, to, format } = validQuery(new URL(request.url), climateDaysSchema);
  const s = await station(slug);
  const days = await readClimateDays(appSqlPool(), s.id, from, to);
  const quality = await qualityOfDays(
    db(),
    s.id,
    days.map((d) => d.date),
  );
  const qualityOf = (date: string) => countOf(quality.days.get(date));
  const cache = cacheUntil(climateEnd(to));
  if (format !== "json")
    return csv(format, dailyCsv(days, qualityOf), `${slug}-climat-quotidien-${from}-${to}`, cache);
  return json({ station: slug, days: days.map((d) => dailyJson(d, qualityOf(d.date))) }, cache);
}

/** GET /stations/{slug}/climate/monthly?year=&format=: the 12 months and the year. */
export async function climateMonthlyResponse(request: Request, slug: string): Promise<Response> {
  const { year, format } = validQuery(new URL(request.url), climateYearSchema);
  const s = await station(slug);
  const view = await yearView(s, year);
  const quality = await qualityOfYears(db(), s.id, [year]);
  /** a month's ("YYYY-MM") flagged values, or the year's ("YYYY") */
  const qualityOf = (period: string) =>
    period === String(year) ? quality.total : quality.months.get(period);
  const cache = cacheUntil(climateEnd(`${year}-12-31`));
  if (format !== "json")
    return csv(
      format,
      periodsCsv([...view.months, view.summary], qualityOf),
      `${slug}-climat-mensuel-${year}`,
      cache,
    );
  return json(
    {
      station: slug,
      year,
      months: view.months.map((m) => periodJson(m, qualityOf(m.period))),
      total: periodJson(view.summary, quality.total),
    },
    cache,
  );
}

/**
 * GET /stations/{slug}/climate/records?limit=&format=: the top days per parameter, each with the values
 * of its sensors the quality control flagged that day.
 */
export async function climateRecordsResponse(request: Request, slug: string): Promise<Response> {
  const { limit, format } = validQuery(new URL(request.url), recordsSchema);
  const s = await station(slug);
  const tables = await recordsView(s, limit);
  const quality = await qualityOfRecords(
    db(),
    s.id,
    tables.flatMap((t) => t.entries.map((e) => e.date)),
  );
  if (format !== "json") return csv(format, recordsCsv(tables, quality), `${slug}-records`, LIVE);
  return json({ station: slug, limit, records: recordsJson(tables, quality) }, LIVE);
}

/**
 * GET /stations/{slug}/climate/heatmap?year=: day × local hour values of temperature, humidity, dew
 * point (hourly means) and rain (hourly totals), from the hourly aggregates.
 */
export async function climateHeatmapResponse(request: Request, slug: string): Promise<Response> {
  const { year } = validQuery(new URL(request.url), heatmapSchema);
  const s = await station(slug);
  // A day of margin on each side: the local year is not the UTC year.
  const hours = await readHours(
    appSqlPool(),
    s.id,
    Date.UTC(year - 1, 11, 31) / 1000,
    Date.UTC(year + 1, 0, 2) / 1000,
    HEATMAP_COLUMNS,
  );
  const { days, values } = yearHeatmap(hours, year, s.timezone);
  return json(
    {
      station: slug,
      year,
      timezone: s.timezone,
      units: {
        temperature: UNITS.temperature,
        humidity: UNITS.humidity,
        dewpoint: UNITS.temperature,
        rain: UNITS.rain,
      },
      days,
      values,
    },
    cacheUntil(Date.UTC(year + 1, 0, 2) / 1000),
  );
}

/** GET /stations/{slug}/climate/chart?month=&kind=: an SVG image of a month (climate summaries embed it). */
export async function climateChartResponse(request: Request, slug: string): Promise<Response> {
  const { month, kind } = validQuery(new URL(request.url), monthChartSchema);
  const s = await station(slug);
  const calendar = daysOfMonth(month);
  const days = await readClimateDays(appSqlPool(), s.id, calendar[0], calendar.at(-1)!);
  const title = `${s.name} — ${kind === "temperature" ? "températures" : "précipitations"} de ${monthLabel(month)}`;
  return new Response(monthChartSvg(days, calendar.length, kind, title), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": cacheUntil(climateEnd(calendar.at(-1)!)),
    },
  });
}

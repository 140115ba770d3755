import { type Measure, meanOf, meanWindDirection, meanWindSpeed, prefixOf } from "../aggregates/compute";
import { ArchiveError, archives, type Observation } from "../archive/reader";
import { type CsvValue, csvLine, frenchCsvStream } from "../format/csv";
import type { Station } from "../generated/prisma/client";
import { ApiError } from "../http/api";
import { type Bucket, bucketRecords } from "../series/compute";
import { describeUnavailable } from "../stations/queries";
import { addDays, localToUtc, zonedParts } from "../time";
import type { ExportField, ExportRequest } from "./request";

/**
 * The station admin's CSV export: raw records, or 10-minute / hourly steps computed from the raw records
 * (bucketed by lib/series like every other series), streamed to the browser week by week (never written
 * to disk). Times are UTC (ISO 8601) with the local time beside; values in the platform's metric units,
 * rounded to 3 decimals. In the standard dialect, or the French spreadsheet one.
 */

const CHUNK_SECONDS = 7 * 86400;

const withUnit = (label: string, unit: string) => (unit ? `${label} (${unit})` : label);

/** Archive columns a field needs. */
function archiveFields(field: ExportField): string[] {
  return field.kind === "wind" ? ["windSpeed", "windDir", "windGust", "windGustDir"] : [field.key];
}

export function exportHeader(request: ExportRequest, timeZone: string): string[] {
  const aggregated = request.step !== "raw";
  const header = aggregated
    ? ["Fin de période (UTC)", `Fin de période en heure locale (${timeZone})`, "Relevés"]
    : ["Date et heure (UTC)", `Heure locale (${timeZone})`];
  for (const field of request.fields) {
    const { label, unit } = field;
    if (field.kind === "wind") {
      header.push(
        "Vent moyen (km/h)",
        aggregated ? "Direction moyenne du vent (°)" : "Direction du vent (°)",
        aggregated ? "Rafale maximale (km/h)" : "Rafale (km/h)",
        "Direction de la rafale (°)",
      );
      if (aggregated) header.push("Heure de la rafale (UTC)");
    } else if (!aggregated) header.push(withUnit(label, unit));
    else if (field.kind === "measure")
      header.push(
        withUnit(`${label} moyenne`, unit),
        withUnit(`${label} minimum`, unit),
        withUnit(`${label} maximum`, unit),
      );
    else if (field.kind === "sum") header.push(withUnit(`${label} cumul`, unit));
    else header.push(withUnit(`${label} maximum`, unit));
  }
  return header;
}

const round = (value: number | null | undefined) => (value == null ? null : Math.round(value * 1000) / 1000);
const iso = (t: number | null) =>
  t === null ? null : new Date(t * 1000).toISOString().replace(".000Z", "Z");

function localTime(t: number, timeZone: string): string {
  const p = zonedParts(t, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

export function rawRow(record: Observation, request: ExportRequest, timeZone: string): CsvValue[] {
  const row: CsvValue[] = [iso(record.dateTime), localTime(record.dateTime, timeZone)];
  for (const field of request.fields) for (const name of archiveFields(field)) row.push(round(record[name]));
  return row;
}

export function bucketRow(
  { end, aggregate: a }: Bucket,
  request: ExportRequest,
  timeZone: string,
): CsvValue[] {
  const row: CsvValue[] = [iso(end), localTime(end, timeZone), a.records];
  for (const field of request.fields) {
    if (field.kind === "wind") {
      row.push(
        round(meanWindSpeed(a)),
        round(meanWindDirection(a)),
        round(a.windGustMax),
        round(a.windGustMaxDir),
        iso(a.windGustMaxAt),
      );
    } else if (field.kind === "measure") {
      const p = prefixOf(field.key as Measure);
      const columns = a as unknown as Record<string, number | null>;
      row.push(round(meanOf(a, field.key as Measure)), round(columns[`${p}Min`]), round(columns[`${p}Max`]));
    } else if (field.key === "rain") row.push(round(a.rainSum));
    else if (field.key === "ET") row.push(round(a.etSum));
    else row.push(round(a.rainRateMax));
  }
  return row;
}

/** The export as a streamed CSV download (the archive is checked first, so a missing one is a clear 503). */
export async function exportCsvResponse(station: Station, request: ExportRequest): Promise<Response> {
  try {
    await archives().columns(station.archiveDatabase);
  } catch (error) {
    if (error instanceof ArchiveError) throw new ApiError(503, describeUnavailable(error));
    throw error;
  }
  const tz = station.timezone;
  const [fy, fm, fd] = request.from.split("-").map(Number);
  const [ty, tm, td] = addDays(request.to, 1).split("-").map(Number);
  const from = localToUtc(fy, fm, fd, 0, 0, tz);
  const to = localToUtc(ty, tm, td, 0, 0, tz);
  const fields = [...new Set(request.fields.flatMap(archiveFields))];
  const encoder = new TextEncoder();
  let cursor = from;
  let headerSent = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(exportHeader(request, tz))}`));
        return;
      }
      // Each pull enqueues something or closes: a pull that enqueues nothing would never be repeated.
      for (;;) {
        if (cursor >= to) {
          controller.close();
          return;
        }
        const chunkEnd = Math.min(cursor + CHUNK_SECONDS, to);
        const records = await archives().range(station.archiveDatabase, cursor, chunkEnd, fields);
        cursor = chunkEnd;
        let text = "";
        if (request.step === "raw")
          for (const record of records) text += csvLine(rawRow(record, request, tz));
        else
          for (const bucket of bucketRecords(records, request.step, tz))
            text += csvLine(bucketRow(bucket, request, tz));
        if (text) {
          controller.enqueue(encoder.encode(text));
          return;
        }
      }
    },
  });
  const french = request.dialect === "fr";
  const name = `${station.slug}_${request.from}_${request.to}_${request.step}${french ? "_tableur" : ""}.csv`;
  return new Response(french ? frenchCsvStream(stream) : stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

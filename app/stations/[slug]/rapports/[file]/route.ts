import { noaaMonthCsv, noaaMonthText, noaaYearText } from "@/lib/climate/noaa";
import { currentMonth, monthView, yearView } from "@/lib/climate/queries";
import { csvFileName, frenchCsv } from "@/lib/format/csv";
import { periodsCsv } from "@/lib/opendata/climate";
import { findStation } from "@/lib/stations/queries";

/**
 * NOAA-style reports, generated on request from the climatology: /rapports/NOAA-2026-03.txt (or .csv)
 * for a month, /rapports/NOAA-2026.txt (or .csv) for a year; a CSV with `?format=csv-fr` is in the
 * French spreadsheet dialect, as the open-data API's.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string; file: string }> }) {
  const { slug, file } = await context.params;
  const dialect = new URL(request.url).searchParams.get("format");
  const match = /^NOAA-(\d{4})(?:-(0[1-9]|1[0-2]))?\.(txt|csv)$/.exec(file);
  const station = await findStation(slug);
  const missing = () =>
    new Response("Rapport introuvable.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  if (!match || !station) return missing();
  const [, year, month, format] = match;
  if (dialect !== null && (format !== "csv" || (dialect !== "csv" && dialect !== "csv-fr")))
    return new Response(`format : « ${dialect} » n'existe pas pour ce rapport (csv ou csv-fr).`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const period = month ? `${year}-${month}` : year;
  if ((month ? period : `${year}-01`) > currentMonth()) return missing();
  const now = Math.floor(Date.now() / 1000);
  let body: string;
  if (month) {
    const view = await monthView(station, period);
    body =
      format === "csv"
        ? noaaMonthCsv(period, view.days)
        : noaaMonthText(station, period, view.days, view.summary, view.reference, view.anomalies, now);
  } else {
    const view = await yearView(station, Number(year));
    body =
      format === "csv"
        ? periodsCsv([...view.months, view.summary])
        : noaaYearText(
            station,
            Number(year),
            view.months,
            view.summary,
            view.monthlyAnomalies,
            view.reference,
            view.anomalies,
            now,
          );
  }
  const french = dialect === "csv-fr";
  const name = `${station.slug}-NOAA-${period}`;
  return new Response(french ? frenchCsv(body) : body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${format === "csv" ? csvFileName(name, french) : `${name}.txt`}"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}

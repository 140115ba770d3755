/**
 * The NOAA-style report of a month ("2026-03") or a year ("2026"): fixed-width text, CSV, and the same
 * CSV in the French spreadsheet dialect (app/stations/[slug]/rapports/[file]/route.ts).
 */
export function ReportLinks({ period, text = "texte" }: { period: string; text?: string }) {
  const file = `/rapports/NOAA-${period}`;
  return (
    <>
      <a href={`${file}.txt`}>{text}</a> · <a href={`${file}.csv`}>CSV</a> ·{" "}
      <a href={`${file}.csv?format=csv-fr`} data-dialect="fr" title="point-virgule, virgule décimale">
        CSV pour tableur français
      </a>
    </>
  );
}

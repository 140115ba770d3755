import { unstable_cache } from "next/cache";
import { NumberHeaders } from "@/components/tables/NumberHeaders";
import { TableScroll } from "@/components/tables/TableScroll";
import { percent, rrTotalLabel, signed } from "@/lib/climate/format";
import type { Extreme } from "@/lib/climate/monthly";
import { referenceLabel } from "@/lib/climate/normals";
import { currentMonth, networkMonth } from "@/lib/climate/queries";
import { config } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format/numbers";
import { stationUrl } from "@/lib/http/hosts";
import { isBuildPhase } from "@/lib/http/site-cache";
import { type QualityCount, qualityOfDays } from "@/lib/qc/store";
import { listStations } from "@/lib/stations/queries";
import { addMonths, dateLabel, daysOfMonth, monthLabel, parseMonth } from "@/lib/time";
import { Method } from "./Method";
import { QualityMark, QualityNotice } from "./QualityNotice";

// One month of every station, as plain data, shared by every visitor for a minute.
const networkClimate = unstable_cache(
  async (month: string) => {
    const rows = await networkMonth(await listStations(), month);
    return Promise.all(
      rows.map(async ({ station, summary, reference, anomalies }) => ({
        slug: station.slug,
        name: station.name,
        altitude: station.altitude,
        summary,
        reference: { tnTxMean: referenceLabel(reference.tnTxMean), rr: referenceLabel(reference.rr) },
        anomalies,
        quality: (await qualityOfDays(db(), station.id, daysOfMonth(month))).total,
      })),
    );
  },
  ["network-climate"],
  { revalidate: 60, tags: ["climate"] },
);

/** "−4,2 (3 mars 2026)", or "—". */
const extremeLabel = (extreme: Extreme | null) =>
  extreme ? `${formatNumber(extreme.value)} (${dateLabel(extreme.date)})` : "—";

/**
 * Every station's month beside its reference: the current month at /climatologie, another one at
 * /climatologie?mois=AAAA-MM (rewritten by proxy.ts to /climatologie/<month>). Both are cached.
 */
export async function NetworkClimatePage({ wanted }: { wanted?: string }) {
  if (isBuildPhase()) return null; // rendered at run time only (app/(site)/layout.tsx)
  const latest = currentMonth();
  const month = wanted && parseMonth(wanted) && wanted <= latest ? wanted : latest;
  const rows = await networkClimate(month);
  const quality = rows.reduce<QualityCount>(
    (sum, row) => ({
      erroneous: sum.erroneous + row.quality.erroneous,
      suspect: sum.suspect + row.quality.suspect,
    }),
    { erroneous: 0, suspect: 0 },
  );
  const { siteUrl } = config();
  return (
    <>
      <h1>Climatologie du réseau — {monthLabel(month)}</h1>
      <form className="inline-form" method="get">
        <label>
          Mois
          <input type="month" name="mois" defaultValue={month} max={latest} />
        </label>
        <button type="submit">Afficher</button>
      </form>
      {wanted && wanted !== month && (
        <p className="error">
          Mois invalide ou à venir : « {wanted} ». Voici {monthLabel(month)}.
        </p>
      )}
      {/* Plain links: proxy.ts picks the route from the query, which Next's router cannot see. From
          /climatologie it took the month for this page's route, and its prefetch asked for a segment the
          month's route does not have (a 404 in the console). */}
      <p className="pager">
        <a href={`/climatologie?mois=${addMonths(month, -1)}`}>← {monthLabel(addMonths(month, -1))}</a>
        {addMonths(month, 1) <= latest && (
          <a href={`/climatologie?mois=${addMonths(month, 1)}`}>{monthLabel(addMonths(month, 1))} →</a>
        )}
      </p>
      <p className="muted">
        Chaque station est comparée à sa propre référence (normale OMM 1991–2020 si elle en a une, sinon sa
        moyenne sur les années disponibles).
      </p>
      <QualityNotice marks={quality} marked="Les stations concernées sont signalées dans le tableau." />
      <TableScroll label="Stations comparées à leur référence">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Station</th>
              <NumberHeaders labels={["Tn moy", "Tx moy", "Tmoy", "Écart", "RR (mm)", "RR / réf."]} />
              <th scope="col">Tn min</th>
              <th scope="col">Tx max</th>
              <NumberHeaders labels={["Rafale max", "Gel / Tx ≥ 30"]} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const s = row.summary;
              return (
                <tr key={row.slug} data-station={row.slug}>
                  <th scope="row">
                    <a href={stationUrl(row.slug, siteUrl, `/mois/${month}`)}>{row.name}</a>{" "}
                    <small className="muted">{row.altitude} m</small>
                    <QualityMark count={row.quality} />
                  </th>
                  <td className="num">{formatNumber(s.tn.mean)}</td>
                  <td className="num">{formatNumber(s.tx.mean)}</td>
                  <td className="num" data-field="tnTxMean">
                    {formatNumber(s.tnTxMean.mean)}
                  </td>
                  <td className="num" title={row.reference.tnTxMean}>
                    {signed(row.anomalies.tnTxMean)}
                  </td>
                  <td className="num" data-field="rr">
                    {rrTotalLabel(s.rr)}
                  </td>
                  <td className="num" title={row.reference.rr}>
                    {percent(row.anomalies.rrRatio)}
                  </td>
                  <td>{extremeLabel(s.extremes.tnMin)}</td>
                  <td>{extremeLabel(s.extremes.txMax)}</td>
                  <td className="num">{formatNumber(s.extremes.gustMax?.value, 0)}</td>
                  <td className="num">
                    {s.counts.tnLe0} / {s.counts.txGe30}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">* cumul incomplet : somme des jours disponibles.</p>
      <Method />
    </>
  );
}

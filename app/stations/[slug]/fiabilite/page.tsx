import type { Metadata } from "next";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { DailyHistoryCharts } from "@/components/climate/DailyHistoryCharts";
import { Method } from "@/components/climate/Method";
import { PageLink } from "@/components/site/PageLink";
import { NumberHeaders } from "@/components/tables/NumberHeaders";
import { TableScroll } from "@/components/tables/TableScroll";
import { percent } from "@/lib/climate/format";
import { currentMonth, reliabilityView } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format/numbers";
import { qualityByMonth } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { monthLabel } from "@/lib/time";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `${station.name} — fiabilité des données` };
}

export default async function ReliabilityPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const [rows, quality] = await Promise.all([reliabilityView(station), qualityByMonth(db(), station.id)]);
  return (
    <>
      <h1>
        Fiabilité des données <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={currentMonth()} />
      <p>
        Indice de fiabilité : relevés reçus / relevés attendus, pour les fenêtres de Tn (18–18 h UTC) et de Tx
        (06–06 h UTC) de chaque journée close. En dessous de 80 %, la valeur du jour n'est pas publiée ;
        jusqu'à 95 %, la page du jour signale une fiabilité réduite.
      </p>
      <p>
        Contrôle qualité : chaque relevé est examiné à son arrivée (limites physiques et climatologiques,
        variations, valeurs bloquées, cohérence entre capteurs et avec les stations voisines, horodatage). Les
        valeurs jugées erronées sont écartées des calculs ; les valeurs suspectes sont conservées mais
        signalées sur les graphiques.
      </p>
      {rows.length === 0 ? (
        <p>La climatologie de cette station n'a pas encore été calculée.</p>
      ) : (
        <>
          <DailyHistoryCharts
            slug={station.slug}
            from={`${rows[0].month}-01`}
            to={new Date().toISOString().slice(0, 10)}
            view="coverage"
          />
          <TableScroll label="Fiabilité mois par mois">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  <NumberHeaders
                    labels={[
                      "Jours avec données",
                      "Couverture Tn",
                      "Couverture Tx",
                      "Jours < 80 %",
                      "Jours ≤ 95 %",
                      "Valeurs erronées",
                      "Valeurs suspectes",
                    ]}
                  />
                </tr>
              </thead>
              <tbody>
                {[...rows].reverse().map((row) => (
                  <tr key={row.month} data-month={row.month} className={row.below80 > 0 ? "warn" : undefined}>
                    <th scope="row">
                      <PageLink href={`/mois/${row.month}`}>{monthLabel(row.month)}</PageLink>
                    </th>
                    <td className="num">
                      {row.present} / {row.expected}
                    </td>
                    <td className="num" data-field="tnCoverage">
                      {percent(row.tnMean)}
                    </td>
                    <td className="num" data-field="txCoverage">
                      {percent(row.txMean)}
                    </td>
                    <td className="num">{row.below80}</td>
                    <td className="num">{row.atMost95}</td>
                    <td className="num" data-field="erroneous">
                      {formatNumber(quality.get(row.month)?.erroneous ?? 0, 0)}
                    </td>
                    <td className="num" data-field="suspect">
                      {formatNumber(quality.get(row.month)?.suspect ?? 0, 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <Method />
    </>
  );
}

import type { Metadata } from "next";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { DailyHistoryCharts } from "@/components/climate/DailyHistoryCharts";
import { Method } from "@/components/climate/Method";
import { QualityMark, QualityNotice } from "@/components/climate/QualityNotice";
import { PageLink } from "@/components/site/PageLink";
import { NumberHeaders } from "@/components/tables/NumberHeaders";
import { TableScroll } from "@/components/tables/TableScroll";
import { rrTotalLabel } from "@/lib/climate/format";
import { currentMonth, historyView } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format/numbers";
import { qualityOfYears } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { dateLabel } from "@/lib/time";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `${station.name} — historique climatologique` };
}

export default async function HistoryPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const { years, extent } = await historyView(station);
  const quality = await qualityOfYears(
    db(),
    station.id,
    years.map((y) => Number(y.period)),
  );
  return (
    <>
      <h1>
        Historique <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={currentMonth()} />
      {!extent ? (
        <p>La climatologie de cette station n'a pas encore été calculée.</p>
      ) : (
        <>
          <p className="muted">
            Du {dateLabel(extent.first)} au {dateLabel(extent.last)}.
          </p>
          <DailyHistoryCharts slug={station.slug} from={extent.first} to={extent.last} view="climate" />
          <QualityNotice
            marks={quality.total}
            marked="Les années concernées sont signalées dans le tableau Année par année."
          />
          <h2>Année par année</h2>
          <TableScroll label="Année par année">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  <NumberHeaders
                    labels={[
                      "Tn moy",
                      "Tx moy",
                      "Tmoy",
                      "RR (mm)",
                      "Tn min",
                      "Tx max",
                      "RR max",
                      "Jours de données",
                    ]}
                  />
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr key={y.period} data-year={y.period}>
                    <th scope="row">
                      <PageLink href={`/annee/${y.period}`}>{y.period}</PageLink>
                      <QualityMark count={quality.years.get(y.period)} />
                    </th>
                    <td className="num">{formatNumber(y.tn.mean)}</td>
                    <td className="num">{formatNumber(y.tx.mean)}</td>
                    <td className="num">{formatNumber(y.tnTxMean.mean)}</td>
                    <td className="num">{rrTotalLabel(y.rr)}</td>
                    <td className="num">{formatNumber(y.extremes.tnMin?.value)}</td>
                    <td className="num">{formatNumber(y.extremes.txMax?.value)}</td>
                    <td className="num">{formatNumber(y.extremes.rrMax?.value)}</td>
                    <td className="num">
                      {y.tn.present} / {y.daysExpected}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="muted">
            Une moyenne annuelle exige les 12 moyennes mensuelles ; * cumul incomplet (somme des jours
            disponibles).
          </p>
        </>
      )}
      <Method />
    </>
  );
}

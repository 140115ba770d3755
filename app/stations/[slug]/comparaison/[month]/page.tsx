import type { Metadata } from "next";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { QualityMark, QualityNotice } from "@/components/climate/QualityNotice";
import { PageLink } from "@/components/site/PageLink";
import { TableScroll } from "@/components/tables/TableScroll";
import { signed } from "@/lib/climate/format";
import { monthViewOr404 } from "@/lib/climate/pages";
import { currentMonth } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format/numbers";
import { countOf, qualityOfDays } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { addMonths, daysOfMonth, monthLabel, parseMonth, utcNoon, weekdayLabel } from "@/lib/time";

export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; month: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, month } = await params;
  const station = await stationOr404(slug);
  return {
    title: `${station.name} — comparaison des moyennes ${parseMonth(month) ? monthLabel(month) : ""}`,
  };
}

const METHODS = [
  { key: "tnTxMean", label: "(Tn + Tx) / 2", color: "#5c677d" },
  { key: "tmean", label: "Tous les relevés 00–24 h", color: "#d9480f" },
  { key: "t24", label: "24 valeurs horaires", color: "#1971c2" },
  { key: "t8", label: "8 valeurs tri-horaires", color: "#2b8a3e" },
] as const;

export default async function ComparisonPage({ params }: Props) {
  const { slug, month: raw } = await params;
  const station = await stationOr404(slug);
  const { month, days, summary } = await monthViewOr404(station, raw);
  // The page shows temperatures only: the other sensors' flags did not touch it.
  const quality = await qualityOfDays(db(), station.id, daysOfMonth(month), ["TEMPERATURE"]);
  return (
    <>
      <h1>
        Comparaison des moyennes — {monthLabel(month)} <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={month} />
      <p className="pager">
        <PageLink href={`/comparaison/${addMonths(month, -1)}`}>
          ← {monthLabel(addMonths(month, -1))}
        </PageLink>
        <PageLink href={`/mois/${month}`}>Climatologie du mois</PageLink>
        {addMonths(month, 1) <= currentMonth() && (
          <PageLink href={`/comparaison/${addMonths(month, 1)}`}>
            {monthLabel(addMonths(month, 1))} →
          </PageLink>
        )}
      </p>
      <p>
        Quatre façons de calculer la température moyenne d'une journée : la moyenne de Tn et Tx (la référence
        Météo-France, celle des normales), la moyenne de tous les relevés de 00 h à 24 h UTC, la moyenne des
        24 relevés horaires (01 h … 24 h UTC) et celle des 8 relevés tri-horaires (03 h, 06 h … 24 h UTC).
        L'écart montre combien la forme de la courbe diurne s'éloigne d'un simple milieu entre extrêmes.
      </p>
      <QualityNotice marks={quality.total} marked="Les jours concernés sont signalés dans le tableau." />
      <TableScroll label="Températures moyennes jour par jour">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Jour</th>
              {METHODS.map((m) => (
                <th key={m.key} scope="col" className="num">
                  {m.label}
                </th>
              ))}
              <th scope="col" className="num">
                Écart réelle − (Tn+Tx)/2
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date} data-date={d.date}>
                <th scope="row">
                  <PageLink href={`/jour/${d.date}`}>{weekdayLabel(d.date)}</PageLink>
                  {d.partial && <small className="muted"> provisoire</small>}
                  <QualityMark count={countOf(quality.days.get(d.date))} />
                </th>
                <td className="num" data-field="tnTxMean">
                  {formatNumber(d.tnTxMean, 2)}
                </td>
                <td className="num" data-field="tmean">
                  {formatNumber(d.tmean, 2)}
                </td>
                <td className="num" data-field="t24">
                  {formatNumber(d.t24, 2)} <small className="muted">({d.t24Count})</small>
                </td>
                <td className="num" data-field="t8">
                  {formatNumber(d.t8, 2)} <small className="muted">({d.t8Count})</small>
                </td>
                <td className="num">
                  {d.tmean !== null && d.tnTxMean !== null ? signed(d.tmean - d.tnTxMean, 2) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Moyenne du mois</th>
              {METHODS.map((m) => (
                <td key={m.key} className="num">
                  {formatNumber(summary[m.key].mean, 2)}
                </td>
              ))}
              <td className="num">
                {summary.tmean.mean !== null && summary.tnTxMean.mean !== null
                  ? signed(summary.tmean.mean - summary.tnTxMean.mean, 2)
                  : "—"}
              </td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <p className="muted">Entre parenthèses : le nombre de relevés horaires ou tri-horaires trouvés.</p>
      <TimeSeriesChart
        title={`Températures moyennes quotidiennes de ${monthLabel(month)} selon la méthode`}
        fileName={`${station.slug}-${month}-moyennes`}
        axes={[{ id: "y", label: "°C" }]}
        series={METHODS.map((m) => ({
          label: m.label,
          unit: "°C",
          color: m.color,
          points: days.map((d) => [utcNoon(d.date), d[m.key]] as [number, number | null]),
        }))}
      />
      <Method />
    </>
  );
}

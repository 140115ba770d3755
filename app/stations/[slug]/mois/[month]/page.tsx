import type { Metadata } from "next";
import { Fragment } from "react";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { QualityMark, QualityNotice } from "@/components/climate/QualityNotice";
import { ReportLinks } from "@/components/climate/ReportLinks";
import { DayCountsTable, Extremes, KeyFigures } from "@/components/climate/Summary";
import { PageLink } from "@/components/site/PageLink";
import { NumberHeaders } from "@/components/tables/NumberHeaders";
import { TableScroll } from "@/components/tables/TableScroll";
import { percent, rrTotalLabel, signed, timeLabel } from "@/lib/climate/format";
import type { PeriodSummary } from "@/lib/climate/monthly";
import { dayNormal, referenceLabel, sameDaysReference } from "@/lib/climate/normals";
import { monthViewOr404 } from "@/lib/climate/pages";
import { currentMonth } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { DECIMALS, formatNumber } from "@/lib/format/numbers";
import { countOf, qualityOfDays } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import {
  addMonths,
  daysOfMonth,
  localToday,
  monthLabel,
  parseMonth,
  utcNoon,
  weekdayLabel,
} from "@/lib/time";
import { cardinal } from "@/lib/weather/wind";

export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; month: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, month } = await params;
  const station = await stationOr404(slug);
  return {
    title: parseMonth(month) ? `${station.name} — climatologie de ${monthLabel(month)}` : station.name,
  };
}

export default async function MonthPage({ params }: Props) {
  const { slug, month: raw } = await params;
  const station = await stationOr404(slug);
  const view = await monthViewOr404(station, raw);
  const { month, summary, days, decades } = view;
  const quality = await qualityOfDays(db(), station.id, daysOfMonth(month));
  const monthReference = view.monthlyReferences[Number(month.slice(5, 7)) - 1];
  /** A day's or a décade's Tmoy minus the normal of its days (interpolated between monthly values). */
  const departure = (tmoy: number | null | undefined, dates: readonly string[]) => {
    const normal =
      dates.length === 1
        ? dayNormal(view.monthlyReferences, dates[0]).tnTxMean
        : sameDaysReference(view.monthlyReferences, monthReference, dates).tnTxMean.value;
    return tmoy != null && normal !== null ? tmoy - normal : null;
  };
  const departureCell = (value: number | null) => (
    <td
      className={`num ${value === null ? "" : value > 0 ? "warm" : value < 0 ? "cold" : ""}`}
      data-field="departure"
    >
      {signed(value)}
    </td>
  );
  const decadeRow = (decade: PeriodSummary, index: number) => (
    <tr key={decade.period} className="decade" data-decade={index + 1}>
      <th scope="row">{decade.period}</th>
      <td className="num" data-field="tn">
        {formatNumber(decade.tn.mean)}
      </td>
      <td className="num" data-field="tx">
        {formatNumber(decade.tx.mean)}
      </td>
      <td className="num" data-field="tnTxMean">
        {formatNumber(decade.tnTxMean.mean)}
      </td>
      {departureCell(
        departure(
          decade.tnTxMean.mean,
          daysOfMonth(month).slice(index * 10, index * 10 + decade.daysExpected),
        ),
      )}
      <td />
      <td className="num" data-field="rr">
        {rrTotalLabel(decade.rr)}
      </td>
      <td className="num" data-field="gustMax">
        {formatNumber(decade.extremes.gustMax?.value, DECIMALS.speed)}
      </td>
      <td className="num muted">
        {decade.tn.present}/{decade.daysExpected} j
      </td>
    </tr>
  );
  const byDate = new Map(days.map((d) => [d.date, d]));
  const calendar = daysOfMonth(month);
  const ex = summary.extremes;
  const highlight = (date: string, kind: "tnMin" | "tnMax" | "txMax" | "txMin" | "rrMax" | "gustMax") =>
    ex[kind]?.date === date
      ? kind === "tnMin" || kind === "txMin"
        ? "extreme cold"
        : "extreme warm"
      : undefined;
  // Days still to come are not links (their page answers 404).
  const today = localToday(station.timezone);
  const year = Number(month.slice(0, 4));
  const hasNext = addMonths(month, 1) <= currentMonth();
  // No link to a month before the station's first one (it answers 404).
  const hasPrevious = view.extent !== null && addMonths(month, -1) >= view.extent.first.slice(0, 7);

  return (
    <>
      <h1>
        Climatologie de {monthLabel(month)} <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={month} />
      <p className="pager">
        {hasPrevious && (
          <PageLink href={`/mois/${addMonths(month, -1)}`} rel="prev">
            ← {monthLabel(addMonths(month, -1))}
          </PageLink>
        )}
        <PageLink href={`/annee/${year}`}>Année {year}</PageLink>
        {hasNext && (
          <PageLink href={`/mois/${addMonths(month, 1)}`} rel="next">
            {monthLabel(addMonths(month, 1))} →
          </PageLink>
        )}
      </p>
      {summary.inProgress && (
        <p className="banner banner-info" role="status">
          Mois en cours : statistiques sur les {summary.daysExpected} journée(s) closes (une journée est close
          le lendemain à 06 h UTC).
        </p>
      )}

      <KeyFigures
        summary={summary}
        reference={view.reference}
        anomalies={view.anomalies}
        sameDays={view.sameDays}
      />

      <QualityNotice
        marks={quality.total}
        marked="Les jours concernés sont signalés dans la colonne Couverture."
      />

      <h2>Jour par jour</h2>
      <p className="muted">
        Heures de Paris. Tn sur 18–18 h UTC, Tx et RR sur 06–06 h UTC ; couverture des fenêtres Tn / Tx / RR.
        Les extrêmes du mois sont surlignés ; sous-totaux par décade.
        {monthReference.tnTxMean.value !== null &&
          ` Écart : Tmoy moins la ${referenceLabel(monthReference.tnTxMean)} du même jour (interpolée entre les valeurs mensuelles).`}
      </p>
      <TableScroll label="Jour par jour">
        <table className="data climate-month">
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <NumberHeaders
                labels={[
                  "Tn (°C)",
                  "Tx (°C)",
                  "Tmoy (°C)",
                  "Écart (°C)",
                  "Ampl. (°C)",
                  "RR (mm)",
                  "Rafale (km/h)",
                  "Couverture",
                ]}
              />
            </tr>
          </thead>
          <tbody>
            {calendar.map((date, i) => {
              const d = byDate.get(date);
              const decade = i === 9 ? 0 : i === 19 ? 1 : i === calendar.length - 1 ? 2 : null;
              return (
                <Fragment key={date}>
                  <tr data-date={date} className={d?.partial ? "partial" : undefined}>
                    <th scope="row">
                      {date > today ? (
                        weekdayLabel(date)
                      ) : (
                        <PageLink href={`/jour/${date}`}>{weekdayLabel(date)}</PageLink>
                      )}
                      {d?.partial && <small className="muted"> provisoire</small>}
                    </th>
                    <td className={`num ${highlight(date, "tnMin") ?? highlight(date, "tnMax") ?? ""}`}>
                      <span data-field="tn">{formatNumber(d?.tn)}</span>{" "}
                      <small className="muted">{timeLabel(d?.tnAt)}</small>
                    </td>
                    <td className={`num ${highlight(date, "txMax") ?? highlight(date, "txMin") ?? ""}`}>
                      <span data-field="tx">{formatNumber(d?.tx)}</span>{" "}
                      <small className="muted">{timeLabel(d?.txAt)}</small>
                    </td>
                    <td className="num" data-field="tnTxMean">
                      {formatNumber(d?.tnTxMean)}
                    </td>
                    {departureCell(d?.partial ? null : departure(d?.tnTxMean, [date]))}
                    <td className="num" data-field="amplitude">
                      {formatNumber(d?.amplitude)}
                    </td>
                    <td className={`num ${highlight(date, "rrMax") ?? ""}`}>
                      <span data-field="rr">{formatNumber(d?.rr)}</span>
                    </td>
                    <td className={`num ${highlight(date, "gustMax") ?? ""}`}>
                      <span data-field="gustMax">{formatNumber(d?.gustMax, DECIMALS.speed)}</span>{" "}
                      <small className="muted">{d?.gustDir != null ? cardinal(d.gustDir) : ""}</small>
                    </td>
                    <td className="num muted" data-field="coverage">
                      {d
                        ? `${percent(d.tnCoverage)} / ${percent(d.txCoverage)} / ${percent(d.rrCoverage)}`
                        : "aucune donnée"}
                      <QualityMark count={countOf(quality.days.get(date))} />
                    </td>
                  </tr>
                  {decade !== null && decades[decade].daysExpected > 0 && decadeRow(decades[decade], decade)}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr data-summary-row="">
              <th scope="row">Moyennes / total</th>
              <td className="num" data-field="tnMean">
                {formatNumber(summary.tn.mean)}
              </td>
              <td className="num" data-field="txMean">
                {formatNumber(summary.tx.mean)}
              </td>
              <td className="num" data-field="monthTnTxMean">
                {formatNumber(summary.tnTxMean.mean)}
              </td>
              {departureCell(view.anomalies.tnTxMean)}
              <td />
              <td className="num" data-field="rrTotal">
                {summary.rr.total !== null ? (
                  formatNumber(summary.rr.total)
                ) : summary.rr.sum !== null ? (
                  <span title="cumul incomplet">≥ {formatNumber(summary.rr.sum)}*</span>
                ) : (
                  "—"
                )}
              </td>
              <td className="num">{formatNumber(ex.gustMax?.value, DECIMALS.speed)}</td>
              <td className="num muted">
                {summary.tn.present}/{summary.daysExpected} j
              </td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      {summary.rr.total === null && summary.rr.sum !== null && (
        <p className="muted">* Cumul incomplet : {summary.rr.missing} jour(s) sans valeur de RR.</p>
      )}

      <h2>Graphiques</h2>
      <TimeSeriesChart
        title={`Températures quotidiennes de ${monthLabel(month)} (Tn, Tmoy, Tx)`}
        fileName={`${station.slug}-${month}-temperatures`}
        axes={[{ id: "y", label: "°C" }]}
        series={[
          { label: "Tx", unit: "°C", color: "#d9480f", points: days.map((d) => [utcNoon(d.date), d.tx]) },
          {
            label: "Tmoy",
            unit: "°C",
            color: "#5c677d",
            points: days.map((d) => [utcNoon(d.date), d.tnTxMean]),
          },
          { label: "Tn", unit: "°C", color: "#1971c2", points: days.map((d) => [utcNoon(d.date), d.tn]) },
        ]}
      />
      <TimeSeriesChart
        title={`Précipitations quotidiennes de ${monthLabel(month)} (RR, 06–06 h UTC)`}
        fileName={`${station.slug}-${month}-precipitations`}
        axes={[{ id: "y", label: "mm", beginAtZero: true }]}
        series={[
          {
            label: "RR",
            unit: "mm",
            color: "#1c7ed6",
            kind: "bar",
            points: days.map((d) => [utcNoon(d.date), d.rr]),
          },
        ]}
      />

      <h2>Extrêmes du mois</h2>
      <Extremes summary={summary} />
      <h2>Nombres de jours</h2>
      <DayCountsTable periods={[{ label: monthLabel(month), summary }]} />
      <p>
        <PageLink href={`/comparaison/${month}`}>Comparer les méthodes de moyenne</PageLink> · rapport NOAA :{" "}
        <ReportLinks period={month} />
      </p>
      <Method />
    </>
  );
}

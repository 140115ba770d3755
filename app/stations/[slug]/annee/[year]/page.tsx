import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HeatMaps } from "@/components/charts/HeatMap";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { QualityMark, QualityNotice } from "@/components/climate/QualityNotice";
import { ReportLinks } from "@/components/climate/ReportLinks";
import { DayCountsTable, Extremes, KeyFigures } from "@/components/climate/Summary";
import { PageLink } from "@/components/site/PageLink";
import { NumberHeaders } from "@/components/tables/NumberHeaders";
import { TableScroll } from "@/components/tables/TableScroll";
import { percent, rrTotalLabel, signed } from "@/lib/climate/format";
import { currentMonth, yearView } from "@/lib/climate/queries";
import { db } from "@/lib/db/client";
import { DECIMALS, formatNumber } from "@/lib/format/numbers";
import { qualityOfYears } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { dateLabel, parseYear, shortMonthName } from "@/lib/time";

export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; year: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, year } = await params;
  const station = await stationOr404(slug);
  return { title: `${station.name} — climatologie ${parseYear(year) ?? ""}` };
}

const HEAT_LAYERS = [
  {
    measure: "temperature",
    title: "Température (moyenne horaire)",
    unit: "°C",
    decimals: DECIMALS.temperature,
    palette: ["#313695", "#4575b4", "#74add1", "#e0f3f8", "#fee090", "#f46d43", "#a50026"],
  },
  {
    measure: "humidity",
    title: "Humidité relative",
    unit: "%",
    decimals: DECIMALS.humidity,
    palette: ["#fff7bc", "#a1dab4", "#41b6c4", "#225ea8"],
    min: 0,
    max: 100,
  },
  {
    measure: "dewpoint",
    title: "Point de rosée",
    unit: "°C",
    decimals: DECIMALS.temperature,
    palette: ["#8c510a", "#d8b365", "#f5f5f5", "#5ab4ac", "#01665e"],
  },
  {
    measure: "rain",
    title: "Pluie (cumul horaire)",
    unit: "mm",
    decimals: DECIMALS.rain,
    palette: ["#c6dbef", "#6baed6", "#2171b5", "#08306b"],
    min: 0,
    blankAtOrBelow: 0,
  },
];

export default async function YearPage({ params }: Props) {
  const { slug, year: raw } = await params;
  const station = await stationOr404(slug);
  const year = parseYear(raw);
  if (year === null || `${year}-01` > currentMonth()) notFound();
  const view = await yearView(station, year);
  if (!view.extent || year < Number(view.extent.first.slice(0, 4))) notFound();
  const { summary, months } = view;
  const quality = await qualityOfYears(db(), station.id, [year]);
  const started = months.filter((m) => m.daysExpected > 0);
  const mid = (month: string) =>
    Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15) / 1000;
  const firstYear = Number(view.extent.first.slice(0, 4));

  return (
    <>
      <h1>
        Climatologie {year} <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={started.at(-1)?.period ?? `${year}-01`} />
      <p className="pager">
        {year > firstYear && (
          <PageLink href={`/annee/${year - 1}`} rel="prev">
            ← {year - 1}
          </PageLink>
        )}
        {`${year + 1}-01` <= currentMonth() && (
          <PageLink href={`/annee/${year + 1}`} rel="next">
            {year + 1} →
          </PageLink>
        )}
      </p>
      {summary.inProgress && (
        <p className="banner banner-info" role="status">
          Année en cours ou incomplète : {summary.daysExpected} journée(s) closes sur {summary.daysInPeriod}.
          Les moyennes annuelles exigent les 12 moyennes mensuelles.
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
        marked="Les mois concernés sont signalés dans le tableau Mois par mois."
      />

      <h2>Mois par mois</h2>
      <TableScroll label="Mois par mois">
        <table className="data climate-year">
          <thead>
            <tr>
              <th scope="col">Mois</th>
              <NumberHeaders
                labels={[
                  "Tn min",
                  "Tn moy",
                  "Tn max",
                  "Tx max",
                  "Tx moy",
                  "Tx min",
                  "Tmoy",
                  "Écart Tmoy",
                  "RR (mm)",
                  "RR / réf.",
                  "Rafale",
                ]}
              />
            </tr>
          </thead>
          <tbody>
            {months.map((m, i) => {
              const diff = view.monthlyAnomalies[i];
              const e = m.extremes;
              const flagged = quality.months.get(m.period);
              const mark = (date: string | undefined, kind: "tnMin" | "txMax" | "rrMax" | "gustMax") =>
                date && summary.extremes[kind]?.date === date ? "extreme" : "";
              /** The month's lowest Tn or highest Tx, dated on hover, marked when it is the year's. */
              const extremeCell = (kind: "tnMin" | "txMax", tone: "cold" | "warm") => (
                <td
                  className={`num ${tone} ${mark(e[kind]?.date, kind)}`}
                  title={e[kind] ? dateLabel(e[kind].date) : ""}
                >
                  {formatNumber(e[kind]?.value)}
                </td>
              );
              return (
                <tr key={m.period} data-month={m.period}>
                  <th scope="row">
                    {m.daysExpected > 0 ? (
                      <PageLink href={`/mois/${m.period}`}>{shortMonthName(i + 1)}</PageLink>
                    ) : (
                      shortMonthName(i + 1)
                    )}
                    {flagged && <QualityMark count={flagged} />}
                  </th>
                  {extremeCell("tnMin", "cold")}
                  <td className="num" data-field="tn">
                    {formatNumber(m.tn.mean)}
                  </td>
                  <td className="num">{formatNumber(e.tnMax?.value)}</td>
                  {extremeCell("txMax", "warm")}
                  <td className="num" data-field="tx">
                    {formatNumber(m.tx.mean)}
                  </td>
                  <td className="num">{formatNumber(e.txMin?.value)}</td>
                  <td className="num" data-field="tnTxMean">
                    {formatNumber(m.tnTxMean.mean)}
                  </td>
                  <td className="num">{signed(diff.tnTxMean)}</td>
                  <td className="num" data-field="rr">
                    {rrTotalLabel(m.rr)}
                  </td>
                  <td className="num">{percent(diff.rrRatio)}</td>
                  <td className={`num ${mark(e.gustMax?.date, "gustMax")}`}>
                    {formatNumber(e.gustMax?.value, DECIMALS.speed)}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{year}</th>
              <td className="num">{formatNumber(summary.extremes.tnMin?.value)}</td>
              <td className="num">{formatNumber(summary.tn.mean)}</td>
              <td className="num">{formatNumber(summary.extremes.tnMax?.value)}</td>
              <td className="num">{formatNumber(summary.extremes.txMax?.value)}</td>
              <td className="num">{formatNumber(summary.tx.mean)}</td>
              <td className="num">{formatNumber(summary.extremes.txMin?.value)}</td>
              <td className="num">{formatNumber(summary.tnTxMean.mean)}</td>
              <td className="num">{signed(view.anomalies.tnTxMean)}</td>
              <td className="num">{rrTotalLabel(summary.rr)}</td>
              <td className="num">{percent(view.anomalies.rrRatio)}</td>
              <td className="num">{formatNumber(summary.extremes.gustMax?.value, DECIMALS.speed)}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <p className="muted">
        Écarts par rapport à la référence de chaque mois (normale OMM si la station en a une, sinon sa
        moyenne). * cumul incomplet : somme des jours disponibles.
      </p>

      <h2>Extrêmes de l'année</h2>
      <Extremes summary={summary} />

      <h2>Graphiques</h2>
      <TimeSeriesChart
        title={`Moyennes mensuelles ${year} (Tn, Tmoy, Tx) et Tmoy de référence`}
        fileName={`${station.slug}-${year}-temperatures`}
        axes={[{ id: "y", label: "°C" }]}
        series={[
          {
            label: "Tx moyenne",
            unit: "°C",
            color: "#d9480f",
            points: months.map((m) => [mid(m.period), m.tx.mean]),
          },
          {
            label: "Tmoy",
            unit: "°C",
            color: "#5c677d",
            points: months.map((m) => [mid(m.period), m.tnTxMean.mean]),
          },
          {
            label: "Tn moyenne",
            unit: "°C",
            color: "#1971c2",
            points: months.map((m) => [mid(m.period), m.tn.mean]),
          },
          {
            label: "Tmoy de référence",
            unit: "°C",
            color: "#2b8a3e",
            pointsOnly: true,
            points: months.map((m, i) => [mid(m.period), view.monthlyReferences[i].tnTxMean.value]),
          },
        ]}
      />
      <TimeSeriesChart
        title={`Précipitations mensuelles ${year} et référence`}
        fileName={`${station.slug}-${year}-precipitations`}
        axes={[{ id: "y", label: "mm", beginAtZero: true }]}
        series={[
          {
            label: "RR",
            unit: "mm",
            color: "#1c7ed6",
            kind: "bar",
            points: months.map((m) => [mid(m.period), m.rr.total ?? m.rr.sum]),
          },
          {
            label: "RR de référence",
            unit: "mm",
            color: "#2b8a3e",
            pointsOnly: true,
            points: months.map((m, i) => [mid(m.period), view.monthlyReferences[i].rr.value]),
          },
        ]}
      />

      <h2>Cartes horaires (jour × heure de Paris)</h2>
      <p className="muted">
        Calculées sur les agrégats horaires de la station ; survolez une carte pour lire une valeur.
      </p>
      <HeatMaps src={`/api/v1/stations/${station.slug}/climate/heatmap?year=${year}`} layers={HEAT_LAYERS} />

      <h2>Nombres de jours</h2>
      <DayCountsTable
        periods={[
          ...started.map((m) => ({ label: shortMonthName(Number(m.period.slice(5, 7))), summary: m })),
          { label: String(year), summary },
        ]}
      />
      <p>
        Rapport NOAA {year} : <ReportLinks period={String(year)} />
      </p>
      <Method />
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { type ChartSeries, TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { TableScroll } from "@/components/tables/TableScroll";
import { formatValue } from "@/lib/format/numbers";
import { managedStationPage } from "@/lib/station-admin/access";
import {
  CONSOLE_MEASURES,
  CONSOLE_PERIODS,
  type ConsolePeriod,
  type ConsoleSeries,
  consoleData,
  isConsolePeriod,
} from "@/lib/station-admin/console";
import { formatParis } from "@/lib/time";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ periode?: string }> };

export const metadata: Metadata = { title: "Capteurs intérieurs et console" };

const COLORS = { line: "#0b63b6", band: "#74a9e0" };

function chartSeries(s: ConsoleSeries, label: string, unit: string, hourly: boolean): ChartSeries[] {
  if (!hourly) return [{ label, unit, color: COLORS.line, points: s.values }];
  return [
    { label: "Minimum horaire", unit, color: COLORS.band, points: s.min },
    { label: "Maximum horaire", unit, color: COLORS.band, points: s.max, fillTo: 0 },
    { label: "Moyenne horaire", unit, color: COLORS.line, points: s.values },
  ];
}

export default async function StationConsolePage({ params, searchParams }: Props) {
  const { station } = await managedStationPage((await params).slug);
  const requested = (await searchParams).periode;
  const period: ConsolePeriod = isConsolePeriod(requested) ? requested : "48h";
  const data = await consoleData(station, period, Date.now() / 1000);
  const base = `/admin/stations/${station.slug}/console`;
  const measures = CONSOLE_MEASURES.filter(
    (m) =>
      data.series[m.measure].values.length > 0 ||
      station.hasConsole ||
      m.measure === "inTemp" ||
      m.measure === "inHumidity",
  );
  return (
    <>
      <h1>{station.name} : capteurs intérieurs et console</h1>
      <nav className="tabs small" aria-label="Période">
        <ul>
          {(Object.keys(CONSOLE_PERIODS) as ConsolePeriod[]).map((p) => (
            <li key={p}>
              <Link href={`${base}?periode=${p}`} aria-current={p === period ? "page" : undefined}>
                {CONSOLE_PERIODS[p].label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted">
        Du {formatParis(data.from)} au {formatParis(data.to)} —{" "}
        {data.hourly ? "moyennes, minima et maxima horaires" : "tous les relevés"}.
      </p>
      {data.unavailable && <p className="banner banner-warning">{data.unavailable}</p>}
      <TableScroll label="Relevés de la station">
        <table className="data" data-period={period}>
          <thead>
            <tr>
              <th scope="col">Mesure</th>
              <th scope="col" className="num">
                {data.hourly ? "Dernière moyenne horaire" : "Dernière valeur"}
              </th>
              <th scope="col" className="num">
                Minimum
              </th>
              <th scope="col" className="num">
                Maximum
              </th>
            </tr>
          </thead>
          <tbody>
            {measures.map(({ measure, label, unit, decimals }) => {
              const s = data.series[measure];
              const cell = (e: ConsoleSeries["latest"]) =>
                e ? (
                  <>
                    {formatValue(e.value, unit, decimals)}{" "}
                    <span className="muted">
                      ({formatParis(e.at, { dateStyle: "short", timeStyle: "short" })})
                    </span>
                  </>
                ) : (
                  "—"
                );
              return (
                <tr key={measure} data-measure={measure}>
                  <th scope="row">{label}</th>
                  <td className="num" data-field="latest">
                    {cell(s.latest)}
                  </td>
                  <td className="num" data-field="min">
                    {cell(s.lowest)}
                  </td>
                  <td className="num" data-field="max">
                    {cell(s.highest)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {measures.map(({ measure, label, unit }) => {
        const s = data.series[measure];
        return s.values.length === 0 ? (
          <p key={measure}>{label} : aucune donnée sur cette période.</p>
        ) : (
          <TimeSeriesChart
            key={measure}
            title={`${label} (${CONSOLE_PERIODS[period].label})`}
            fileName={`${station.slug}-${measure}-${period}`}
            axes={[{ id: "y", label: unit }]}
            series={chartSeries(s, label, unit, data.hourly)}
          />
        );
      })}
    </>
  );
}

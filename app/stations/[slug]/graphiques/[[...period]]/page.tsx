import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StationCharts } from "@/components/charts/StationCharts";
import { WindRose } from "@/components/charts/WindRose";
import { formatNumber } from "@/lib/format/numbers";
import { observationsPath } from "@/lib/opendata/endpoints";
import { STEP_LABEL } from "@/lib/series/steps";
import {
  type ChartPeriod,
  chartFields,
  loadChartsPage,
  MAX_RANGE_DAYS,
  PRESETS,
  type PresetKey,
  parsePeriod,
  periodPath,
} from "@/lib/stations/charts-page";
import { stationOr404 } from "@/lib/stations/mini-site";
import { formatParis } from "@/lib/time";

export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; period?: string[] }> };

async function periodOr404(props: Props) {
  const { slug, period: segments } = await props.params;
  const station = await stationOr404(slug);
  const period = parsePeriod(segments);
  if (!period) notFound();
  return { station, period };
}

const periodLabel = (period: ChartPeriod) =>
  period.kind === "preset"
    ? PRESETS[period.key].label
    : `du ${period.fromDay.split("-").reverse().join("/")} au ${period.toDay.split("-").reverse().join("/")}`;

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { station, period } = await periodOr404(props);
  return { title: `${station.name} – graphiques (${periodLabel(period)})` };
}

export default async function ChartsPage(props: Props) {
  const { station, period } = await periodOr404(props);
  const { data, unavailable } = await loadChartsPage(station, period);
  const when = (t: number) => formatParis(t, { dateStyle: "medium", timeStyle: "short" });
  const csvUrl = (format: "csv" | "csv-fr") =>
    data &&
    observationsPath(station.slug, {
      from: data.from,
      to: data.to,
      step: data.step,
      fields: chartFields(station),
      format,
    });
  return (
    <>
      <h1>Graphiques – {station.name}</h1>
      <nav className="period-nav" aria-label="Période">
        <ul className="periods">
          {(Object.keys(PRESETS) as PresetKey[]).map((key) => (
            <li key={key}>
              <a
                href={periodPath({ kind: "preset", key })}
                aria-current={period.kind === "preset" && period.key === key ? "page" : undefined}
              >
                {PRESETS[key].label}
              </a>
            </li>
          ))}
        </ul>
        <form action="/graphiques/plage" method="get" className="inline-form">
          <label>
            Du
            <input
              type="date"
              name="du"
              required
              defaultValue={period.kind === "range" ? period.fromDay : undefined}
            />
          </label>
          <label>
            Au
            <input
              type="date"
              name="au"
              required
              defaultValue={period.kind === "range" ? period.toDay : undefined}
            />
          </label>
          <button type="submit">Afficher</button>
          <span className="muted">(au plus {formatNumber(MAX_RANGE_DAYS / 365.25, 0)} ans)</span>
        </form>
      </nav>
      {unavailable && <p className="banner banner-warning">{unavailable}</p>}
      {data && (
        <>
          <p className="muted" data-step={data.step} data-rows={data.rows.length}>
            {periodLabel(period)} : du {when(data.from)} au {when(data.to)} — pas de {STEP_LABEL[data.step]} (
            {data.rows.length} points). Toutes les données de la période :{" "}
            <a href={csvUrl("csv") ?? undefined} download>
              CSV
            </a>{" "}
            ou{" "}
            <a href={csvUrl("csv-fr") ?? undefined} download data-dialect="fr">
              CSV pour tableur français
            </a>{" "}
            <small>(point-virgule, virgule décimale)</small>
          </p>
          {data.rows.length === 0 ? (
            <p className="banner banner-info">Aucun relevé sur cette période.</p>
          ) : (
            <>
              <StationCharts
                rows={data.rows}
                step={data.step}
                shade={data.shade}
                marks={data.marks}
                fileName={`${station.slug}-${period.kind === "preset" ? period.key : `${period.fromDay}_${period.toDay}`}`}
              />
              <h2>Rose des vents de la période</h2>
              <WindRose rose={data.rose} title={`Rose des vents, ${periodLabel(period)}`} />
            </>
          )}
        </>
      )}
    </>
  );
}

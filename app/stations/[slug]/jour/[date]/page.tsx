import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StationCharts } from "@/components/charts/StationCharts";
import { DayClimate } from "@/components/climate/DayClimate";
import { QualityNotice } from "@/components/climate/QualityNotice";
import { Almanac } from "@/components/stations/Almanac";
import { TenMinuteTable } from "@/components/stations/TenMinuteTable";
import { at, extremeCell, peakCell } from "@/components/stations/values";
import { TableScroll } from "@/components/tables/TableScroll";
import { DECIMALS, formatNumber, formatValue } from "@/lib/format/numbers";
import { observationsPath } from "@/lib/opendata/endpoints";
import type { Format } from "@/lib/opendata/query";
import { chartFields } from "@/lib/stations/charts-page";
import { type DayPageData, loadDayPage } from "@/lib/stations/day-page";
import { stationOr404 } from "@/lib/stations/mini-site";
import { addDays, formatDay, isCalendarDay, localToday } from "@/lib/time";
import { almanac } from "@/lib/weather/almanac";
import { cardinal } from "@/lib/weather/wind";

export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; date: string }> };

const longDate = (day: string) => formatDay(day, { dateStyle: "full" });

async function dayOr404(props: Props) {
  const { slug, date } = await props.params;
  const station = await stationOr404(slug);
  if (!isCalendarDay(date) || date > localToday(station.timezone)) notFound();
  return { station, day: date };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { station, day } = await dayOr404(props);
  return { title: `${station.name} – journée du ${day.split("-").reverse().join("/")}` };
}

function RainRow({ label, window }: { label: string; window: DayPageData["rainDay"] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num" data-field="total">
        {formatValue(window.total, "mm")}
      </td>
      <td className="num" data-field="maxRate">
        {peakCell(window.maxRate, "mm/h", DECIMALS.rainRate)}
      </td>
    </tr>
  );
}

export default async function DayPage(props: Props) {
  const { station, day } = await dayOr404(props);
  const today = localToday(station.timezone);
  const { data, unavailable } = await loadDayPage(station, day);
  const previous = addDays(day, -1);
  const next = addDays(day, 1);
  const s = data?.summary;
  // The 10-minute table of the chart window, from the open-data API: loaded when its fold is opened.
  const tableSource = (window: DayPageData["window"], format: Format) =>
    observationsPath(station.slug, { ...window, step: "10m", fields: chartFields(station), format });
  return (
    <>
      <h1>
        {station.name} — journée du {longDate(day)}
      </h1>
      <nav className="day-nav" aria-label="Choisir le jour">
        <a href={`/jour/${previous}`} rel="prev">
          ← Veille
        </a>
        <form action="/jour" method="get" className="inline-form">
          <label>
            Jour
            <input type="date" name="date" defaultValue={day} max={today} required />
          </label>
          <button type="submit">Afficher</button>
        </form>
        {next <= today ? (
          <a href={`/jour/${next}`} rel="next">
            Lendemain →
          </a>
        ) : (
          <span className="muted">Lendemain →</span>
        )}
      </nav>
      {unavailable && <p className="banner banner-warning">{unavailable}</p>}
      {data && <QualityNotice marks={data.quality} marked="Elles sont marquées sur les graphiques." />}
      {data && s && (
        <>
          {data.progress < 1 && (
            <p data-field="progress">
              Journée en cours : <progress value={data.progress} max={1} />{" "}
              {formatNumber(data.progress * 100, 0)} % écoulés.
            </p>
          )}
          {s.records === 0 ? (
            <p className="banner banner-info">Aucun relevé ce jour-là.</p>
          ) : (
            s.coverage <= 0.95 && (
              <p className="banner banner-warning" data-field="reliability">
                Données incomplètes : les relevés couvrent {formatNumber(s.coverage * 100, 0)} %{" "}
                {data.progress < 1 ? "de la journée écoulée" : "de la journée"} ; les valeurs sont à prendre
                avec précaution.
              </p>
            )
          )}
          <DayClimate station={station} date={day} />
          <Almanac
            almanac={almanac(day, station, station.timezone)}
            title={`Éphéméride du ${longDate(day)}`}
          />
          <section aria-labelledby="extremes">
            <h2 id="extremes">Extrêmes et moyennes du {longDate(day)}</h2>
            <TableScroll label="Tableau des extrêmes et moyennes">
              <table className="data" data-table="extremes">
                <thead>
                  <tr>
                    <th>Mesure</th>
                    <th className="num">Minimum</th>
                    <th className="num">Maximum</th>
                    <th className="num">Moyenne</th>
                  </tr>
                </thead>
                <tbody>
                  {(
                    [
                      ["temperature", "Température", s.temperature, "°C", DECIMALS.temperature],
                      ["humidity", "Humidité", s.humidity, "%", DECIMALS.humidity],
                      ["dewpoint", "Point de rosée", s.dewpoint, "°C", DECIMALS.temperature],
                      ["pressure", "Pression", s.pressure, "hPa", DECIMALS.pressure],
                    ] as const
                  ).map(([key, label, m, unit, decimals]) => (
                    <tr key={key} data-row={key}>
                      <th scope="row">{label}</th>
                      <td className="num" data-field="min">
                        {extremeCell(m.min, unit, decimals)}
                      </td>
                      <td className="num" data-field="max">
                        {extremeCell(m.max, unit, decimals)}
                      </td>
                      <td className="num" data-field="mean">
                        {formatValue(m.mean, unit, decimals)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <dl className="facts">
              <div>
                <dt>Amplitude thermique</dt>
                <dd data-field="amplitude">{formatValue(s.temperature.amplitude, "°C")}</dd>
              </div>
              <div>
                <dt>Vent moyen</dt>
                <dd data-field="windMean">
                  {formatValue(s.wind.mean, "km/h", DECIMALS.speed)}
                  {s.wind.direction !== null && ` de ${cardinal(s.wind.direction)}`}
                </dd>
              </div>
              <div>
                <dt>Rafale maximale</dt>
                <dd data-field="gust">
                  {s.wind.gust
                    ? `${formatValue(s.wind.gust.value, "km/h", DECIMALS.speed)}${s.wind.gust.direction !== null ? ` de ${cardinal(s.wind.gust.direction)}` : ""} à ${at(s.wind.gust.at)}`
                    : "—"}
                </dd>
              </div>
              {station.hasUv && (
                <div>
                  <dt>UV maximal</dt>
                  <dd data-field="uvMax">{peakCell(s.uvMax, "", DECIMALS.uv)}</dd>
                </div>
              )}
              {station.hasRadiation && (
                <>
                  <div>
                    <dt>Rayonnement maximal</dt>
                    <dd data-field="radiationMax">{peakCell(s.radiationMax, "W/m²", DECIMALS.radiation)}</dd>
                  </div>
                  <div>
                    <dt>Évapotranspiration</dt>
                    <dd data-field="et">{formatValue(s.et, "mm", DECIMALS.evapotranspiration)}</dd>
                  </div>
                </>
              )}
              <div>
                <dt>Relevés</dt>
                <dd data-field="coverage">
                  {s.records} ({formatNumber(s.coverage * 100, 0)} % de la journée
                  {data.progress < 1 ? " écoulée" : ""})
                </dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="pluie">
            <h2 id="pluie">Pluie</h2>
            <TableScroll label="Tableau de la pluie">
              <table className="data" data-table="rain">
                <thead>
                  <tr>
                    <th>Période</th>
                    <th className="num">Cumul</th>
                    <th className="num">Intensité maximale</th>
                  </tr>
                </thead>
                <tbody>
                  <RainRow
                    label="Journée pluviométrique (06 h UTC → 06 h UTC le lendemain)"
                    window={data.rainDay}
                  />
                  <RainRow label="Journée pluviométrique de la veille" window={data.previousRainDay} />
                  <RainRow
                    label="Jour civil (minuit à minuit, heure locale)"
                    window={{ ...s.rain, from: data.start, to: data.end }}
                  />
                </tbody>
              </table>
            </TableScroll>
          </section>
          <section aria-labelledby="graphiques">
            <h2 id="graphiques">Relevés de 5 minutes, de 18 h UTC la veille à 06 h UTC le lendemain</h2>
            <StationCharts
              rows={data.rows5min}
              step="raw"
              shade={data.shade}
              fileName={`${station.slug}-${day}`}
              rainTotalLabel="depuis 06 h UTC"
              flags={data.quality.flags}
            />
          </section>
          <TenMinuteTable
            source={tableSource(data.window, "json")}
            day={day}
            hasUv={station.hasUv}
            hasRadiation={station.hasRadiation}
          >
            <summary>
              <h2>Relevés par tranches de 10 minutes</h2>
            </summary>
            <p className="muted">
              Heures locales ; chaque ligne couvre les 10 minutes qui précèdent. Températures, humidité,
              pression et vent : moyennes ; rafale et intensité de pluie : maximums ; pluie : cumul.
            </p>
            <p>
              Les mêmes relevés en fichier :{" "}
              <a href={tableSource(data.window, "csv")} download>
                CSV
              </a>{" "}
              ou{" "}
              <a href={tableSource(data.window, "csv-fr")} download>
                CSV pour tableur français
              </a>{" "}
              <small>(point-virgule, virgule décimale)</small>
            </p>
          </TenMinuteTable>
        </>
      )}
    </>
  );
}

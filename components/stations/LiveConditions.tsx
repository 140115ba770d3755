"use client";

import { TableScroll } from "@/components/tables/TableScroll";
import { freshness } from "@/lib/conditions/freshness";
import { DECIMALS, formatNumber, formatValue } from "@/lib/format/numbers";
import type { ConditionsJson, CurrentJson } from "@/lib/opendata/json";
import { formatDuration } from "@/lib/time";
import { cardinal } from "@/lib/weather/wind";
import { useClock, useFullDate, WrittenTimesProvider } from "./clock";
import { Gauges } from "./Gauges";
import { usePolled } from "./usePolled";
import type { WrittenTimes } from "./values";

/**
 * The current conditions of a station home, kept fresh without reloading: the server renders them, then
 * the page asks the open-data API for them once a minute (usePolled), redraws the dashboard's gauges
 * and the tables, and shows how old the newest record is, with the "hors ligne" banner past the
 * station's threshold. Its times read as the server wrote them until new values come (clock.ts).
 */

type Extreme = { value: number; at: string } | null;
type Gust = { value: number; at: string; direction: number | null } | null;

const seconds = (iso: string) => Date.parse(iso) / 1000;

function ValueAt({
  extreme,
  unit,
  decimals = 1,
  field,
}: {
  extreme: Extreme;
  unit: string;
  decimals?: number;
  field: string;
}) {
  const time = useClock();
  return (
    <td className="num" data-field={field}>
      {extreme ? (
        <>
          {unit ? formatValue(extreme.value, unit, decimals) : formatNumber(extreme.value, decimals)}{" "}
          <small className="muted">à {time(extreme)}</small>
        </>
      ) : (
        "—"
      )}
    </td>
  );
}

function direction(degrees: number | null) {
  return degrees === null ? "" : ` de ${cardinal(degrees)} (${Math.round(degrees)}°)`;
}

function gustText(gust: Gust, time: ReturnType<typeof useClock>) {
  return gust
    ? `${formatValue(gust.value, "km/h", DECIMALS.speed)}${direction(gust.direction)} à ${time(gust)}`
    : "—";
}

function trendArrow(trend: number | null) {
  if (trend === null) return "";
  if (trend > 1) return "↗";
  if (trend < -1) return "↘";
  return "→";
}

function Measures({ c }: { c: ConditionsJson }) {
  const rows = [
    ["temperature", "Température", c.temperature, "°C", 1],
    ["feelsLike", "Ressenti", c.feelsLike, "°C", 1],
    ["dewpoint", "Point de rosée", c.dewpoint, "°C", 1],
    ["humidity", "Humidité", c.humidity, "%", 0],
  ] as const;
  return (
    <section className="card wide" aria-labelledby="temperature-title">
      <h2 id="temperature-title">Température et humidité</h2>
      <p className="big" data-field="outTemp">
        {formatValue(c.temperature.current, "°C")}
      </p>
      <TableScroll label="Températures et humidité, actuelles et extrêmes depuis minuit">
        <table className="data">
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">Mesure</span>
              </th>
              <th className="num">Actuel</th>
              <th className="num">
                Min.<span className="wide-only"> depuis minuit</span>
              </th>
              <th className="num">
                Max.<span className="wide-only"> depuis minuit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, label, m, unit, decimals]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td className="num" data-field={`${key}.current`}>
                  {formatValue(m.current, unit, decimals)}
                </td>
                <ValueAt extreme={m.min} unit={unit} decimals={decimals} field={`${key}.min`} />
                <ValueAt extreme={m.max} unit={unit} decimals={decimals} field={`${key}.max`} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Pressure({ c }: { c: ConditionsJson }) {
  const { pressure } = c;
  const time = useClock();
  return (
    <section className="card" aria-labelledby="pressure-title">
      <h2 id="pressure-title">Pression</h2>
      <p className="big" data-field="pressure.current">
        {formatValue(pressure.current, "hPa")}
      </p>
      <dl className="facts">
        <div>
          <dt>Tendance sur 3 h</dt>
          <dd data-field="pressure.trend">
            {pressure.trend3h === null
              ? "—"
              : `${trendArrow(pressure.trend3h)} ${pressure.trend3h > 0 ? "+" : ""}${formatValue(pressure.trend3h, "hPa")}`}
          </dd>
        </div>
        <div>
          <dt>Minimum du jour</dt>
          <dd data-field="pressure.min">
            {pressure.min ? `${formatValue(pressure.min.value, "hPa")} à ${time(pressure.min)}` : "—"}
          </dd>
        </div>
        <div>
          <dt>Maximum du jour</dt>
          <dd data-field="pressure.max">
            {pressure.max ? `${formatValue(pressure.max.value, "hPa")} à ${time(pressure.max)}` : "—"}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Wind({ c }: { c: ConditionsJson }) {
  const { wind } = c;
  const time = useClock();
  const mean = (m: ConditionsJson["wind"]["mean10min"]) =>
    `${formatValue(m.speed, "km/h", DECIMALS.speed)}${m.direction === null ? "" : direction(m.direction)}`;
  return (
    <section className="card" aria-labelledby="wind-title">
      <h2 id="wind-title">Vent</h2>
      <p className="big" data-field="wind.instant">
        {mean(wind.instant)}
      </p>
      <dl className="facts">
        <div>
          <dt>Moyenne sur 10 min</dt>
          <dd data-field="wind.mean10min">{mean(wind.mean10min)}</dd>
        </div>
        <div>
          <dt>Moyenne sur 1 h</dt>
          <dd data-field="wind.mean1h">{mean(wind.mean1h)}</dd>
        </div>
        <div>
          <dt>Rafale instantanée</dt>
          <dd data-field="wind.gustInstant">{formatValue(wind.gustInstant, "km/h", DECIMALS.speed)}</dd>
        </div>
        <div>
          <dt>Rafale max. sur 10 min</dt>
          <dd data-field="wind.gust10min">{gustText(wind.gust10min, time)}</dd>
        </div>
        <div>
          <dt>Rafale max. sur 1 h</dt>
          <dd data-field="wind.gust1h">{gustText(wind.gust1h, time)}</dd>
        </div>
        <div>
          <dt>Rafale max. du jour</dt>
          <dd data-field="wind.gustToday">{gustText(wind.gustToday, time)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Rain({ c }: { c: ConditionsJson }) {
  const { rain } = c;
  const time = useClock();
  const mm = (value: number | null) => formatValue(value ?? 0, "mm");
  const window = (w: ConditionsJson["rain"]["day0606"]) =>
    `${mm(w.total)}${w.maxRate && w.maxRate.value > 0 ? `, intensité max. ${formatValue(w.maxRate.value, "mm/h")} à ${time(w.maxRate)}` : ""}`;
  const items = [
    ["rain.rate", "Intensité actuelle", formatValue(rain.rate, "mm/h")],
    ["rain.last1h", "Dernière heure", mm(rain.last1h)],
    ["rain.last3h", "3 dernières heures", mm(rain.last3h)],
    ["rain.last12h", "12 dernières heures", mm(rain.last12h)],
    ["rain.last24h", "24 dernières heures", mm(rain.last24h)],
    ["rain.sinceMidnight", "Depuis minuit", mm(rain.sinceMidnight)],
    ["rain.day0606", "Journée pluviométrique en cours (depuis 06 h UTC)", window(rain.day0606)],
    [
      "rain.previousDay0606",
      "Journée pluviométrique précédente (06 h → 06 h UTC)",
      window(rain.previousDay0606),
    ],
    ["rain.last7d", "7 derniers jours", mm(rain.last7d)],
    ["rain.month", "Depuis le début du mois", mm(rain.month)],
    ["rain.year", "Depuis le 1er janvier", mm(rain.year)],
  ] as const;
  return (
    <section className="card" aria-labelledby="rain-title">
      <h2 id="rain-title">Pluie</h2>
      <dl className="facts">
        {items.map(([field, label, text]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd data-field={field}>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Sun({ c, uv, radiation }: { c: ConditionsJson; uv: boolean; radiation: boolean }) {
  const time = useClock();
  if (!uv && !radiation) return null;
  return (
    <section className="card" aria-labelledby="sun-title">
      <h2 id="sun-title">Soleil</h2>
      <dl className="facts">
        {uv && (
          <>
            <div>
              <dt>Indice UV</dt>
              <dd data-field="uv.current">{formatNumber(c.uv.current)}</dd>
            </div>
            <div>
              <dt>UV max. du jour</dt>
              <dd data-field="uv.max">
                {c.uv.max ? `${formatNumber(c.uv.max.value)} à ${time(c.uv.max)}` : "—"}
              </dd>
            </div>
          </>
        )}
        {radiation && (
          <>
            <div>
              <dt>Rayonnement</dt>
              <dd data-field="radiation.current">{formatValue(c.radiation.current, "W/m²", 0)}</dd>
            </div>
            <div>
              <dt>Rayonnement max. du jour</dt>
              <dd data-field="radiation.max">
                {c.radiation.max
                  ? `${formatValue(c.radiation.max.value, "W/m²", 0)} à ${time(c.radiation.max)}`
                  : "—"}
              </dd>
            </div>
            <div>
              <dt>Évapotranspiration du jour</dt>
              <dd data-field="etToday">{formatValue(c.etToday, "mm", 2)}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}

export interface LiveConditionsProps {
  slug: string;
  offlineThresholdMinutes: number;
  sensors: { uv: boolean; radiation: boolean };
  initial: CurrentJson;
  /** The texts of the times of `initial` as the server wrote them (values.ts, writtenTimes). */
  written: WrittenTimes;
  /** Unix seconds when the server rendered `initial` (the page may come from a cache). */
  renderedAt: number;
}

export function LiveConditions({
  slug,
  offlineThresholdMinutes,
  sensors,
  initial,
  written,
  renderedAt,
}: LiveConditionsProps) {
  const [current, now] = usePolled(
    `/api/v1/stations/${encodeURIComponent(slug)}/current`,
    initial,
    renderedAt,
  );
  return (
    <WrittenTimesProvider value={written}>
      <Conditions
        current={current}
        now={now}
        offlineThresholdMinutes={offlineThresholdMinutes}
        sensors={sensors}
      />
    </WrittenTimesProvider>
  );
}

function Conditions({
  current,
  now,
  offlineThresholdMinutes,
  sensors,
}: {
  current: CurrentJson;
  now: number;
  offlineThresholdMinutes: number;
  sensors: LiveConditionsProps["sensors"];
}) {
  const date = useFullDate();
  const c = current.conditions;
  if (!c)
    return current.unavailable ? null : <p className="banner banner-info">Aucun relevé pour le moment.</p>;
  const { ageSeconds, offline } = freshness(seconds(c.at), offlineThresholdMinutes, now);
  const age = ageSeconds ?? 0;
  return (
    <div>
      {offline && (
        <p className="banner banner-danger" role="status" data-field="offline">
          Station hors ligne depuis {formatDuration(age)} : les valeurs ci-dessous sont celles du dernier
          relevé.
        </p>
      )}
      {/* Only the time of the record is announced when it changes, not every value. */}
      <p className="muted" data-field="dateTime" aria-live="polite">
        Dernier relevé : {date(c.at)} <span data-field="age">(il y a {formatDuration(age)})</span>
      </p>
      <Gauges c={c} uv={sensors.uv} radiation={sensors.radiation} />
      <div className="grid conditions">
        <Measures c={c} />
        <Pressure c={c} />
        <Wind c={c} />
        <Rain c={c} />
        <Sun c={c} uv={sensors.uv} radiation={sensors.radiation} />
      </div>
    </div>
  );
}

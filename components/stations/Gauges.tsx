import {
  arcLength,
  arcPath,
  DIAL_START,
  DIAL_SWEEP,
  dialAngle,
  fractionOf,
  type GaugeQuantity,
  gaugeScale,
  polar,
  tickValues,
} from "@/lib/conditions/gauges";
import { DECIMALS, formatNumber, formatValue } from "@/lib/format/numbers";
import type { ConditionsJson } from "@/lib/opendata/json";
import { cardinal } from "@/lib/weather/wind";
import { useClock } from "./clock";

/**
 * The live dashboard of a station home: a dial per quantity with the day's range (since local midnight)
 * as a band, and a wind compass with the last 10 minutes' directions. Plain SVG with its values as text,
 * rendered on the server and re-rendered by the live conditions' poll; the needles move only for
 * visitors who allow motion (globals.css).
 */

type Extreme = { value: number; at: string } | null;

const SIZE = 150;
const C = SIZE / 2;
const R = 56;
const COLORS: Record<GaugeQuantity, string> = {
  temperature: "#e8590c",
  humidity: "#1098ad",
  pressure: "#7048e8",
  rain: "#1c7ed6",
  rainRate: "#4263eb",
  uv: "#f08c00",
  radiation: "#e67700",
};

interface GaugeProps {
  quantity: GaugeQuantity;
  title: string;
  unit: string;
  /** The current value and the day's extremes (since local midnight); without a minimum the band starts at 0. */
  measure: { current: number | null; min: Extreme; max: Extreme };
  /** A line under the value (pressure trend). */
  note?: string;
}

function Gauge({ quantity, title, unit, measure, note }: GaugeProps) {
  const time = useClock();
  const { current: value, min, max } = measure;
  const decimals = DECIMALS[quantity];
  const scale = gaugeScale(quantity, [value, min?.value, max?.value]);
  const show = (v: number | null | undefined) =>
    unit ? formatValue(v, unit, decimals) : formatNumber(v, decimals);
  const track = arcLength(R, DIAL_SWEEP);
  const label = [
    `${title} : ${show(value)}`,
    note,
    min && `minimum du jour ${show(min.value)} à ${time(min)}`,
    max && `maximum du jour ${show(max.value)} à ${time(max)}`,
  ]
    .filter(Boolean)
    .join(" ; ");
  const [minX, minY] = polar(C, C, R, DIAL_START);
  const [maxX, maxY] = polar(C, C, R, DIAL_START + DIAL_SWEEP);
  return (
    <figure className="gauge" data-gauge={quantity}>
      <svg viewBox={`0 0 ${SIZE} ${SIZE - 10}`} role="img" aria-label={label}>
        <path d={arcPath(C, C, R, DIAL_START, DIAL_START + DIAL_SWEEP)} className="gauge-track" />
        {tickValues(scale).map((tick) => {
          const [x1, y1] = polar(C, C, R + 6, dialAngle(tick, scale));
          const [x2, y2] = polar(C, C, R + 10, dialAngle(tick, scale));
          return <line key={tick} x1={x1} y1={y1} x2={x2} y2={y2} className="gauge-tick" />;
        })}
        {max && (
          <path
            d={arcPath(C, C, R, dialAngle(min?.value ?? 0, scale), dialAngle(max.value, scale) + 0.5)}
            className="gauge-range"
            stroke={COLORS[quantity]}
          />
        )}
        {value !== null && (
          <>
            <path
              d={arcPath(C, C, R, DIAL_START, DIAL_START + DIAL_SWEEP)}
              className="gauge-fill"
              stroke={COLORS[quantity]}
              strokeDasharray={`${track} ${track}`}
              style={{ strokeDashoffset: track * (1 - fractionOf(value, scale)) }}
            />
            <g
              className="gauge-needle"
              style={{ transformOrigin: `${C}px ${C}px`, transform: `rotate(${dialAngle(value, scale)}deg)` }}
            >
              <line x1={C} y1={C - R + 12} x2={C} y2={C - R - 8} />
            </g>
          </>
        )}
        <text x={minX} y={minY + 16} textAnchor="middle" className="gauge-scale">
          {scale.min}
        </text>
        <text x={maxX} y={maxY + 16} textAnchor="middle" className="gauge-scale">
          {scale.max}
        </text>
        <text x={C} y={C + 24} textAnchor="middle" className="gauge-value" data-field="value">
          {show(value)}
        </text>
        {max && (
          <text x={C} y={C + 42} textAnchor="middle" className="gauge-range-text">
            {min && <tspan data-field="min">↓ {show(min.value)} </tspan>}
            <tspan data-field="max">↑ {show(max.value)}</tspan>
          </text>
        )}
      </svg>
      <figcaption>
        {title}
        {note && (
          <>
            <br />
            <small className="muted" data-field="note">
              {note}
            </small>
          </>
        )}
      </figcaption>
    </figure>
  );
}

const CARDINALS = [
  ["N", 0],
  ["E", 90],
  ["S", 180],
  ["O", 270],
] as const;

function Compass({ wind }: { wind: ConditionsJson["wind"] }) {
  const time = useClock();
  const { mean10min, gust10min, gustToday, directions10min } = wind;
  const speed = (v: number | null | undefined) => formatValue(v, "km/h", DECIMALS.speed);
  const from = (d: number | null) => (d === null ? "" : ` de ${cardinal(d)} (${formatNumber(d, 0)}°)`);
  const label = [
    `Vent moyen sur 10 min : ${speed(mean10min.speed)}${from(mean10min.direction)}`,
    `rafale max. sur 10 min : ${speed(gust10min?.value)}`,
    gustToday &&
      `rafale max. du jour : ${speed(gustToday.value)}${from(gustToday.direction)} à ${time(gustToday)}`,
  ]
    .filter(Boolean)
    .join(" ; ");
  return (
    <figure className="gauge" data-gauge="wind">
      <svg viewBox={`0 0 ${SIZE} ${SIZE - 10}`} role="img" aria-label={label}>
        <circle cx={C} cy={C - 5} r={R} className="gauge-track compass" />
        {CARDINALS.map(([name, angle]) => {
          const [x, y] = polar(C, C - 5, R - 12, angle);
          return (
            <text key={name} x={x} y={y + 4} textAnchor="middle" className="gauge-scale">
              {name}
            </text>
          );
        })}
        {directions10min.map((direction, i) => {
          const [x, y] = polar(C, C - 5, R, direction);
          // biome-ignore lint/suspicious/noArrayIndexKey: one mark per record, in order
          return <circle key={i} cx={x} cy={y} r={3} className="compass-mark" />;
        })}
        {mean10min.direction !== null && (
          <g
            className="gauge-needle compass-needle"
            style={{
              transformOrigin: `${C}px ${C - 5}px`,
              transform: `rotate(${mean10min.direction}deg)`,
            }}
          >
            <path d={`M${C} ${C - 5 - R + 2}l-7 14h14z`} />
          </g>
        )}
        <text x={C} y={C - 2} textAnchor="middle" className="gauge-value" data-field="value">
          {speed(mean10min.speed)}
        </text>
        <text x={C} y={C + 16} textAnchor="middle" className="gauge-range-text" data-field="direction">
          {mean10min.direction === null ? "calme" : cardinal(mean10min.direction)}
        </text>
        <text x={C} y={SIZE - 14} textAnchor="middle" className="gauge-range-text">
          rafale <tspan data-field="gust">{speed(gust10min?.value)}</tspan>
          {gustToday && (
            <>
              {" · max. "}
              <tspan data-field="max">{speed(gustToday.value)}</tspan>
            </>
          )}
        </text>
      </svg>
      <figcaption>Vent (10 min)</figcaption>
    </figure>
  );
}

/** "↗ +1,2 hPa en 3 h" */
function trend(change: number | null): string | undefined {
  if (change === null) return undefined;
  const arrow = change > 1 ? "↗" : change < -1 ? "↘" : "→";
  return `${arrow} ${change > 0 ? "+" : ""}${formatValue(change, "hPa", DECIMALS.pressure)} en 3 h`;
}

export function Gauges({ c, uv, radiation }: { c: ConditionsJson; uv: boolean; radiation: boolean }) {
  return (
    <section className="gauges" aria-label="Tableau de bord">
      <Gauge quantity="temperature" title="Température" unit="°C" measure={c.temperature} />
      <Gauge quantity="humidity" title="Humidité" unit="%" measure={c.humidity} />
      <Gauge
        quantity="pressure"
        title="Pression"
        unit="hPa"
        measure={c.pressure}
        note={trend(c.pressure.trend3h)}
      />
      <Compass wind={c.wind} />
      <Gauge
        quantity="rain"
        title="Pluie depuis minuit"
        unit="mm"
        measure={{ current: c.rain.sinceMidnight ?? 0, min: null, max: null }}
      />
      <Gauge
        quantity="rainRate"
        title="Intensité de pluie"
        unit="mm/h"
        measure={{ current: c.rain.rate, min: null, max: c.rain.maxRateToday }}
      />
      {uv && <Gauge quantity="uv" title="Indice UV" unit="" measure={c.uv} />}
      {radiation && (
        <Gauge quantity="radiation" title="Rayonnement solaire" unit="W/m²" measure={c.radiation} />
      )}
    </section>
  );
}

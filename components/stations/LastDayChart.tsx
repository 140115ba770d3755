import { tickLabel, timeTicks } from "@/components/charts/timeTicks";
import { DECIMALS, formatNumber, formatValue } from "@/lib/format/numbers";
import type { SeriesRow } from "@/lib/series/compute";
import { hourlyTotals, linear, linePath, valueTicks } from "@/lib/series/svg";
import { at } from "./values";

/**
 * The last 24 hours of a station home as plain SVG, drawn on the server: temperature (with its lowest
 * and highest values labelled) over hourly rain bars, on round local hours. It is there before any
 * script, unlike the interactive charts below it.
 */

// Sized for a phone: 480 units shown on 360 to 720 pixels keep the labels legible.
const WIDTH = 480;
const LEFT = 40;
const RIGHT = WIDTH - 12;
const TEMPERATURE: [number, number] = [150, 28]; // bottom, top
const RAIN: [number, number] = [224, 184];
const HEIGHT = 252;
/** A silence longer than this breaks the line (the charts' rule for raw records). */
const GAP = 1200;

function extremeOf(rows: readonly SeriesRow[], column: string, pick: (a: number, b: number) => boolean) {
  let found: { value: number; at: number } | null = null;
  for (const row of rows) {
    const value = row[column];
    if (value != null && (!found || pick(value, found.value))) found = { value, at: row.time };
  }
  return found;
}

/** A labelled point: the day's lowest value is labelled below it, the highest above. */
function Mark({
  field,
  point: [px, py],
  text,
  below = false,
}: {
  field: string;
  point: [number, number];
  text: string;
  below?: boolean;
}) {
  return (
    <>
      <circle cx={px} cy={py} r={3} className="temperature-point" />
      <text
        x={Math.min(Math.max(px, LEFT + 40), RIGHT - 40)}
        y={below ? py + 16 : py - 8}
        textAnchor="middle"
        className="value-label"
        data-field={`lastDay.${field}`}
      >
        {text}
      </text>
    </>
  );
}

export function LastDayChart({ rows }: { rows: SeriesRow[] }) {
  const from = rows[0].time;
  const to = rows.at(-1)!.time;
  const x = linear([from, to], [LEFT, RIGHT]);
  const min = extremeOf(rows, "outTemp", (a, b) => a < b);
  const max = extremeOf(rows, "outTemp", (a, b) => a > b);
  const degrees = (v: number) => formatValue(v, "°C", DECIMALS.temperature);
  const hours = hourlyTotals(rows, "rain");
  const rain = hours.reduce((sum, h) => sum + h.total, 0);
  const wettest = Math.max(0, ...hours.map((h) => h.total));
  const rainTicks = valueTicks(0, Math.max(wettest, 1), 2);
  const r = linear([0, rainTicks.at(-1)!], RAIN);
  const { ticks: times, granularity } = timeTicks(from, to, 6);
  const label = [
    "Les dernières 24 heures",
    min &&
      max &&
      `température de ${degrees(min.value)} à ${at(min.at)} à ${degrees(max.value)} à ${at(max.at)}`,
    `pluie : ${formatValue(rain, "mm", DECIMALS.rain)}`,
  ]
    .filter(Boolean)
    .join(" ; ");
  const temperatureTicks = min && max ? valueTicks(min.value, max.value, 4) : [];
  const y = linear([temperatureTicks[0] ?? 0, temperatureTicks.at(-1) ?? 1], TEMPERATURE);
  return (
    <figure className="last-day" data-chart-svg="last-day">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        <text x={LEFT} y={16} className="axis-title">
          Température (°C)
        </text>
        {temperatureTicks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={RIGHT} y1={y(tick)} y2={y(tick)} className="grid-line" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="tick">
              {formatNumber(tick, tick % 1 ? 1 : 0)}
            </text>
          </g>
        ))}
        <path
          d={linePath(
            rows.map((row) => [row.time, row.outTemp]),
            x,
            y,
            GAP,
          )}
          className="temperature-line"
        />
        {min && <Mark field="min" point={[x(min.at), y(min.value)]} text={degrees(min.value)} below />}
        {max && <Mark field="max" point={[x(max.at), y(max.value)]} text={degrees(max.value)} />}
        <text x={LEFT} y={RAIN[1] - 8} className="axis-title">
          Pluie par heure (mm) :{" "}
          <tspan data-field="lastDay.rain">{formatValue(rain, "mm", DECIMALS.rain)}</tspan> en 24 h
        </text>
        {rainTicks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={RIGHT} y1={r(tick)} y2={r(tick)} className="grid-line" />
            <text x={LEFT - 6} y={r(tick) + 4} textAnchor="end" className="tick">
              {formatNumber(tick, tick % 1 ? 1 : 0)}
            </text>
          </g>
        ))}
        {hours
          .filter((h) => h.total > 0)
          .map((h) => {
            const left = Math.max(LEFT, x(h.end - 3600) + 1);
            const right = Math.min(RIGHT, x(h.end) - 1);
            return (
              <rect
                key={h.end}
                x={left}
                y={r(h.total)}
                width={Math.max(0.5, right - left)}
                height={Math.max(0.5, RAIN[0] - r(h.total))}
                className="rain-bar"
              />
            );
          })}
        {times.map((t) => (
          <text key={t} x={x(t)} y={HEIGHT - 8} textAnchor="middle" className="tick">
            {tickLabel(t, granularity)}
          </text>
        ))}
      </svg>
    </figure>
  );
}

import { TableScroll } from "@/components/tables/TableScroll";
import { formatNumber } from "@/lib/format/numbers";
import { ROSE_CLASSES, type WindRose as Rose } from "@/lib/weather/rose";

/**
 * A wind rose drawn as server-rendered SVG (no script): 16 sectors, each stacked by speed class, the
 * radius proportional to how often the wind came from there. The numbers are in a table below it.
 */

const COLORS = ["#a5d8ff", "#4dabf7", "#1c7ed6", "#f59f00", "#e03131"];
const SIZE = 300;
const CENTER = SIZE / 2;
const RADIUS = 118;

const classLabel = (i: number) =>
  i + 1 < ROSE_CLASSES.length
    ? `${ROSE_CLASSES[i]}–${ROSE_CLASSES[i + 1]} km/h`
    : `≥ ${ROSE_CLASSES[i]} km/h`;

function wedge(sector: number, inner: number, outer: number): string {
  const half = (22.5 / 2) * 0.85;
  const angle = (deg: number) => ((deg - 90) * Math.PI) / 180;
  const point = (r: number, deg: number) =>
    `${(CENTER + r * Math.cos(angle(deg))).toFixed(1)},${(CENTER + r * Math.sin(angle(deg))).toFixed(1)}`;
  const from = sector * 22.5 - half;
  const to = sector * 22.5 + half;
  return `M${point(inner, from)} L${point(outer, from)} A${outer},${outer} 0 0 1 ${point(outer, to)} L${point(inner, to)} A${inner},${inner} 0 0 0 ${point(inner, from)} Z`;
}

export function WindRose({ rose, title }: { rose: Rose; title: string }) {
  if (rose.total === 0) return <p className="muted">Pas de mesure de vent sur la période.</p>;
  const totals = rose.percent.map((row) => row.reduce((a, b) => a + b, 0));
  const max = Math.max(...totals, 1);
  const scale = (percent: number) => (percent / max) * RADIUS;
  const rings = [0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <figure className="chart wind-rose">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={title}
        width="100%"
        style={{ maxWidth: 360 }}
      >
        {rings.map((r) => (
          <g key={r}>
            <circle cx={CENTER} cy={CENTER} r={scale(r)} fill="none" stroke="var(--border)" />
            <text x={CENTER + 3} y={CENTER - scale(r) - 2} fontSize="9" fill="var(--muted)">
              {formatNumber(r, 0)} %
            </text>
          </g>
        ))}
        {rose.percent.map((row, sector) => {
          let inner = 0;
          return row.map((percent, speedClass) => {
            if (percent <= 0) return null;
            const from = inner;
            inner += percent;
            return (
              <path
                // biome-ignore lint/suspicious/noArrayIndexKey: sectors and classes are fixed positions
                key={`${sector}-${speedClass}`}
                d={wedge(sector, scale(from), scale(inner))}
                fill={COLORS[speedClass]}
              />
            );
          });
        })}
        {["N", "E", "S", "O"].map((label, i) => {
          const angle = ((i * 90 - 90) * Math.PI) / 180;
          return (
            <text
              key={label}
              x={CENTER + (RADIUS + 16) * Math.cos(angle)}
              y={CENTER + (RADIUS + 16) * Math.sin(angle) + 4}
              textAnchor="middle"
              fontSize="12"
              fontWeight="700"
              fill="var(--text)"
            >
              {label}
            </text>
          );
        })}
      </svg>
      <figcaption>
        <span className="muted">{title}</span>
        <ul className="legend">
          {ROSE_CLASSES.map((_, i) => (
            <li key={classLabel(i)}>
              <span className="swatch" style={{ background: COLORS[i] }} /> {classLabel(i)}
            </li>
          ))}
          <li>
            Calme (&lt; {ROSE_CLASSES[0]} km/h) :{" "}
            <span data-field="calm">{formatNumber(rose.calmPercent, 1)} %</span>
          </li>
        </ul>
        <details>
          <summary>Fréquences par direction</summary>
          <TableScroll label="Fréquences par direction">
            <table className="data" data-table="wind-rose">
              <thead>
                <tr>
                  <th>Direction</th>
                  {ROSE_CLASSES.map((_, i) => (
                    <th key={classLabel(i)} className="num">
                      {classLabel(i)}
                    </th>
                  ))}
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {rose.sectors.map((sector, i) => (
                  <tr key={sector}>
                    <th scope="row">{sector}</th>
                    {rose.percent[i].map((p, j) => (
                      <td key={classLabel(j)} className="num">
                        {formatNumber(p, 1)} %
                      </td>
                    ))}
                    <td className="num" data-sector={sector}>
                      {formatNumber(totals[i], 1)} %
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      </figcaption>
    </figure>
  );
}

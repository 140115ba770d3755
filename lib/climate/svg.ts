import { formatNumber } from "../format/numbers";
import { escapeXml } from "../security/html";
import type { ClimateDay } from "./daily";

/**
 * Static SVG charts of a month (daily Tn / Tmoy / Tx, daily RR), as pure functions: the images of the
 * monthly climate summary (articles embed them by URL: the HTML allow-list keeps no inline SVG).
 */

const WIDTH = 720;
const HEIGHT = 300;
const PAD = { left: 48, right: 16, top: 36, bottom: 32 };

function niceRange(values: readonly number[], zero: boolean): [number, number, number] {
  let min = Math.min(...values, ...(zero ? [0] : []));
  let max = Math.max(...values, ...(zero ? [1] : []));
  if (min === max) [min, max] = [min - 1, max + 1];
  const rough = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step, step];
}

export type MonthChartKind = "temperature" | "rain";

/** A chart of one month's days: temperatures (Tn, Tmoy, Tx lines) or daily rain (bars). */
export function monthChartSvg(
  days: readonly ClimateDay[],
  daysInMonth: number,
  kind: MonthChartKind,
  title: string,
): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const dayOf = (d: ClimateDay) => Number(d.date.slice(8, 10));
  const x = (day: number) => PAD.left + ((day - 0.5) / daysInMonth) * plotW;
  const series =
    kind === "temperature"
      ? [
          { label: "Tx", color: "#d9480f", value: (d: ClimateDay) => d.tx },
          { label: "Tmoy", color: "#5c677d", value: (d: ClimateDay) => d.tnTxMean },
          { label: "Tn", color: "#1971c2", value: (d: ClimateDay) => d.tn },
        ]
      : [{ label: "RR (mm)", color: "#1c7ed6", value: (d: ClimateDay) => d.rr }];
  const values = days.flatMap((d) => series.map((s) => s.value(d))).filter((v): v is number => v !== null);
  const [min, max, step] = niceRange(values.length ? values : [0], kind === "rain");
  const y = (v: number) => PAD.top + plotH - ((v - min) / (max - min)) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="600" fill="#16202c">${escapeXml(title)}</text>`,
  ];
  for (let v = min; v <= max + step / 2; v += step) {
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d8dee6"/>`,
      `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#5b6776">${formatNumber(v, step < 1 ? 1 : 0)}</text>`,
    );
  }
  for (let day = 1; day <= daysInMonth; day += day === 1 ? 4 : 5) {
    parts.push(
      `<text x="${x(day).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle" fill="#5b6776">${day}</text>`,
    );
  }
  if (kind === "rain") {
    const barW = (plotW / daysInMonth) * 0.7;
    for (const d of days) {
      if (d.rr === null || d.rr <= 0) continue;
      parts.push(
        `<rect x="${(x(dayOf(d)) - barW / 2).toFixed(1)}" y="${y(d.rr).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(d.rr)).toFixed(1)}" fill="${series[0].color}"/>`,
      );
    }
  } else {
    for (const s of series) {
      // Break the line where a value is missing.
      let path = "";
      let open = false;
      for (let day = 1; day <= daysInMonth; day += 1) {
        const found = days.find((d) => dayOf(d) === day);
        const v = found ? s.value(found) : null;
        if (v === null) {
          open = false;
          continue;
        }
        path += `${open ? "L" : "M"}${x(day).toFixed(1)},${y(v).toFixed(1)}`;
        open = true;
      }
      if (path) parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    }
  }
  series.forEach((s, i) => {
    const lx = WIDTH - PAD.right - (series.length - i) * 90;
    parts.push(
      `<rect x="${lx}" y="10" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${lx + 16}" y="20" fill="#16202c">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

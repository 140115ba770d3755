import sharp from "sharp";
import { freshness } from "./conditions/freshness";
import { formatNumber, formatValue } from "./format";
import { escapeXml } from "./html";
import type { StationSummary } from "./network";
import { formatDuration, formatParis } from "./time";

/**
 * The 250×175 PNG widget other sites embed (<slug>.<domain>/widget.png): an SVG built here, rendered
 * by sharp. Its band turns orange when the station is offline.
 */

export const WIDGET_WIDTH = 250;
export const WIDGET_HEIGHT = 175;
export const WIDGET_ONLINE = "#0b63b6";
export const WIDGET_OFFLINE = "#e8590c";
const HEADER = 28;

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

const clock = (t: number) => formatParis(t, { timeStyle: "short" });

/** The widget's SVG for `summary` at `now` (pure). */
export function widgetSvg(summary: StationSummary, now: number): string {
  const { offline, ageSeconds } = freshness(summary.at, summary.offlineThresholdMinutes, now);
  const band = offline ? WIDGET_OFFLINE : WIDGET_ONLINE;
  const wind = [formatValue(summary.windSpeed, "km/h", 0), summary.windCardinal].filter(Boolean).join(" ");
  const extreme = (label: string, e: StationSummary["tn"]) =>
    e ? `${label} ${formatNumber(e.value)} °C à ${clock(e.at)}` : `${label} —`;
  const footer = summary.unavailable
    ? "Données indisponibles"
    : offline
      ? ageSeconds === null
        ? "Hors ligne : aucun relevé"
        : `Hors ligne depuis ${formatDuration(ageSeconds)}`
      : `Relevé de ${clock(summary.at as number)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDGET_WIDTH}" height="${WIDGET_HEIGHT}" viewBox="0 0 ${WIDGET_WIDTH} ${WIDGET_HEIGHT}" font-family="DejaVu Sans, Verdana, sans-serif">
<rect width="${WIDGET_WIDTH}" height="${WIDGET_HEIGHT}" fill="#ffffff"/>
<rect x="0.5" y="0.5" width="${WIDGET_WIDTH - 1}" height="${WIDGET_HEIGHT - 1}" fill="none" stroke="${band}"/>
<rect width="${WIDGET_WIDTH}" height="${HEADER}" fill="${band}"/>
${text(8, 19, summary.shortName, 'font-size="14" font-weight="bold" fill="#ffffff"')}
${text(WIDGET_WIDTH - 8, 19, "Météo06", 'font-size="11" fill="#ffffff" text-anchor="end"')}
${text(8, 66, formatValue(summary.temperature, "°C"), 'font-size="30" font-weight="bold" fill="#16202c"')}
${text(8, 86, extreme("Tn", summary.tn), 'font-size="11" fill="#1971c2"')}
${text(128, 86, extreme("Tx", summary.tx), 'font-size="11" fill="#c92a2a"')}
${text(8, 106, `Pluie du jour ${formatValue(summary.rainToday, "mm")}`, 'font-size="13" fill="#16202c"')}
${text(8, 125, `Vent ${wind}`, 'font-size="13" fill="#16202c"')}
${text(8, 144, `Rafale ${formatValue(summary.gust, "km/h", 0)}`, 'font-size="13" fill="#16202c"')}
${text(8, 166, footer, `font-size="11" fill="${offline ? WIDGET_OFFLINE : "#5b6776"}"${offline ? ' font-weight="bold"' : ""}`)}
</svg>`;
}

export function widgetPng(summary: StationSummary, now: number): Promise<Buffer> {
  return sharp(Buffer.from(widgetSvg(summary, now)))
    .png({ compressionLevel: 9 })
    .toBuffer();
}

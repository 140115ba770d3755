import { formatNumber, formatValue } from "../format/numbers";
import { escapeXml } from "../security/html";
import { dateLabel, monthLabel } from "../time";
import type { ClimateDay } from "./daily";
import { signed, timeLabel } from "./format";
import type { PeriodSummary } from "./monthly";
import { type Anomalies, type Reference, referenceLabel } from "./normals";

/**
 * The monthly climate summary of a station, drafted for editors on the 1st of the month: pure
 * functions building the article (title, excerpt, HTML body within the lib/security/html.ts allow-list). Charts
 * are images served by the API (the allow-list keeps no inline SVG).
 */

export interface SummaryInput {
  stationName: string;
  month: string;
  days: readonly ClimateDay[];
  summary: PeriodSummary;
  reference: Reference;
  anomalies: Anomalies;
  /** absolute URLs */
  monthPageUrl: string;
  temperatureChartUrl: string;
  rainChartUrl: string;
}

export interface SummaryDraft {
  title: string;
  excerpt: string;
  bodyHtml: string;
}

const temp = (v: number | null | undefined) => formatValue(v, "°C");
const mm = (v: number | null | undefined) => formatValue(v, "mm");

function rainSentence(summary: PeriodSummary): string {
  if (summary.rr.total !== null) return `${mm(summary.rr.total)} de précipitations`;
  if (summary.rr.sum !== null)
    return `au moins ${mm(summary.rr.sum)} de précipitations (cumul incomplet : ${summary.rr.missing} jour(s) manquant(s))`;
  return "des précipitations non mesurées";
}

function anomalyText(value: number | null, unit: string, label: string): string {
  return value === null ? "" : ` (${signed(value)}\u202f${unit} par rapport à la ${label})`;
}

export function monthlySummaryDraft(input: SummaryInput): SummaryDraft {
  const { summary, reference, anomalies: diff } = input;
  const period = monthLabel(input.month);
  const title = `Bilan climatologique de ${period} à ${input.stationName}`;
  const tnTxMeanRef = referenceLabel(reference.tnTxMean);
  const rrRef = referenceLabel(reference.rr);
  const excerpt =
    `${period[0].toUpperCase()}${period.slice(1)} à ${input.stationName} : température moyenne ${temp(summary.tnTxMean.mean)}` +
    `${anomalyText(diff.tnTxMean, "°C", tnTxMeanRef)}, ${rainSentence(summary)}` +
    (diff.rrRatio !== null ? ` (${formatNumber(diff.rrRatio * 100, 0)}\u202f% de la ${rrRef})` : "") +
    ".";

  const { extremes, counts } = summary;
  const extreme = (
    label: string,
    e: { value: number; date: string; at: number | null } | null,
    unit: string,
    decimals = 1,
  ) =>
    e
      ? `<li>${label} : <strong>${formatValue(e.value, unit, decimals)}</strong> le ${dateLabel(e.date)}${e.at ? ` à ${timeLabel(e.at)}` : ""}</li>`
      : "";
  const refRow = (
    label: string,
    value: number | null,
    ref: Reference[keyof Reference],
    anomaly: number | null,
    unit: string,
  ) =>
    `<tr><th scope="row">${label}</th><td>${formatValue(value, unit)}</td><td>${formatValue(ref.value, unit)}</td><td>${anomaly === null ? "—" : `${signed(anomaly)}\u202f${unit}`}</td></tr>`;

  const dayRows = input.days
    .filter((d) => d.date.startsWith(input.month))
    .map(
      (d) =>
        `<tr><td>${Number(d.date.slice(8))}</td><td>${formatNumber(d.tn)}</td><td>${formatNumber(d.tx)}</td><td>${formatNumber(d.tnTxMean)}</td><td>${formatNumber(d.rr)}</td><td>${formatNumber(d.gustMax, 0)}</td></tr>`,
    )
    .join("");

  const bodyHtml = [
    `<p>${escapeXml(excerpt)}</p>`,
    "<h2>Températures</h2>",
    `<table><thead><tr><th scope="col"></th><th scope="col">${escapeXml(period)}</th><th scope="col">Référence</th><th scope="col">Écart</th></tr></thead><tbody>`,
    refRow("Moyenne des minimales (Tn)", summary.tn.mean, reference.tn, diff.tn, "°C"),
    refRow("Moyenne des maximales (Tx)", summary.tx.mean, reference.tx, diff.tx, "°C"),
    refRow("Température moyenne (Tn+Tx)/2", summary.tnTxMean.mean, reference.tnTxMean, diff.tnTxMean, "°C"),
    refRow("Précipitations (RR)", summary.rr.total, reference.rr, diff.rr, "mm"),
    "</tbody></table>",
    `<p><small>Référence : ${escapeXml(tnTxMeanRef)} pour les températures, ${escapeXml(rrRef)} pour les précipitations.</small></p>`,
    "<h2>Extrêmes du mois</h2>",
    "<ul>",
    extreme("Température la plus basse (Tn)", extremes.tnMin, "°C"),
    extreme("Température la plus haute (Tx)", extremes.txMax, "°C"),
    extreme("Précipitations quotidiennes maximales", extremes.rrMax, "mm"),
    extreme("Rafale maximale", extremes.gustMax, "km/h", 0),
    "</ul>",
    "<h2>Jours remarquables</h2>",
    "<ul>",
    `<li>Jours de gel (Tn ≤ 0 °C) : ${counts.tnLe0}, jours sans dégel (Tx ≤ 0 °C) : ${counts.txLe0}</li>`,
    `<li>Jours de chaleur (Tx ≥ 25 °C) : ${counts.txGe25}, dont Tx ≥ 30 °C : ${counts.txGe30}</li>`,
    `<li>Nuits tropicales (Tn ≥ 20 °C) : ${counts.tnGe20}</li>`,
    `<li>Jours de pluie (RR ≥ 1 mm) : ${counts.rrGe1}, dont RR ≥ 10 mm : ${counts.rrGe10}</li>`,
    `<li>Degrés-jours de chauffage (DJU) : ${formatNumber(summary.dju.sum, 0)}</li>`,
    "</ul>",
    `<figure><img src="${escapeXml(input.temperatureChartUrl)}" alt="Températures quotidiennes (Tn, Tmoy, Tx) de ${escapeXml(period)}" width="720" height="300" loading="lazy"><figcaption>Températures quotidiennes</figcaption></figure>`,
    `<figure><img src="${escapeXml(input.rainChartUrl)}" alt="Précipitations quotidiennes de ${escapeXml(period)}" width="720" height="300" loading="lazy"><figcaption>Précipitations quotidiennes (06–06 UTC)</figcaption></figure>`,
    "<h2>Relevés quotidiens</h2>",
    `<table><thead><tr><th scope="col">Jour</th><th scope="col">Tn (°C)</th><th scope="col">Tx (°C)</th><th scope="col">Tmoy (°C)</th><th scope="col">RR (mm)</th><th scope="col">Rafale (km/h)</th></tr></thead><tbody>${dayRows}</tbody></table>`,
    `<p><small>Tn sur 18–18 h UTC, Tx et RR sur 06–06 h UTC, normes OMM / Météo-France. Détail jour par jour : <a href="${escapeXml(input.monthPageUrl)}">la page du mois</a>.</small></p>`,
  ]
    .filter(Boolean)
    .join("\n");
  return { title, excerpt, bodyHtml };
}

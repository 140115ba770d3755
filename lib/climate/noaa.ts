import { toCsv } from "../format/csv";
import { formatNumber } from "../format/numbers";
import { daysOfMonth, monthLabel, monthName, utcDay } from "../time";
import { cardinal } from "../weather/wind";
import type { ClimateDay } from "./daily";
import { rrTotalLabel, signed, timeLabel } from "./format";
import { DJU_BASE, type Extreme, type PeriodSummary } from "./monthly";
import { type Anomalies, anomalies, type Reference, referenceLabel } from "./normals";

/**
 * NOAA-style monthly and yearly climatological reports (the fixed-width text WeeWX sites publish), written
 * by the platform from its own climatology, in French, plus their CSV versions. Pure functions.
 */

export interface ReportStation {
  name: string;
  commune: string;
  altitude: number;
  latitude: number;
  longitude: number;
}

const n = (value: number | null | undefined, width: number, decimals = 1) =>
  formatNumber(value, decimals).padStart(width);
const t = (at: number | null | undefined, width = 6) => (at == null ? "" : timeLabel(at)).padStart(width);
const dayOfMonth = (date: string | undefined) =>
  date ? String(Number(date.slice(8, 10))).padStart(2) : "  ";
const dju = (tnTxMean: number | null) => (tnTxMean === null ? null : Math.max(0, DJU_BASE - tnTxMean));
/** A period's rain when days are missing: the sum of the days present. */
const incomplete = (sum: string) => `≥ ${sum} (incomplet)`;

function header(title: string, station: ReportStation): string[] {
  return [
    title,
    `Station : ${station.name} (${station.commune}), ${station.altitude} m, ${formatNumber(station.latitude, 3)}° N ${formatNumber(station.longitude, 3)}° E`,
    "Normes OMM / Météo-France : Tn de 18 h à 18 h UTC, Tx et RR de 06 h à 06 h UTC ; heures de Paris.",
    "Unités : °C, mm, km/h. DJU = degrés-jours de chauffage, base 18 °C. « — » = valeur manquante (couverture < 80 %).",
    "",
  ];
}

function extremeLine(label: string, e: Extreme | null, unit: string, decimals = 1): string {
  if (!e) return `${label.padEnd(34)} —`;
  return `${label.padEnd(34)} ${formatNumber(e.value, decimals)} ${unit} le ${Number(e.date.slice(8))} ${monthName(Number(e.date.slice(5, 7)))}${e.at ? ` à ${timeLabel(e.at)}` : ""}`;
}

export function noaaMonthText(
  station: ReportStation,
  month: string,
  days: readonly ClimateDay[],
  summary: PeriodSummary,
  reference: Reference,
  anomalies: Anomalies,
  generatedAt: number,
): string {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const rule = "-".repeat(98);
  const lines = [
    ...header(`RELEVÉ CLIMATOLOGIQUE MENSUEL — ${monthLabel(month).toUpperCase()}`, station),
    "JOUR    TMOY      TX  HEURE      TN  HEURE    DJU      RR  INT.MAX   VENT  RAFALE  HEURE  DIR  COUV.",
    rule,
  ];
  for (const date of daysOfMonth(month)) {
    const d = byDate.get(date);
    if (!d) {
      lines.push(`${dayOfMonth(date)}      (aucune donnée)`);
      continue;
    }
    lines.push(
      [
        ` ${dayOfMonth(date)}`,
        n(d.tnTxMean, 7),
        n(d.tx, 7),
        t(d.txAt),
        n(d.tn, 7),
        t(d.tnAt),
        n(dju(d.tnTxMean), 6),
        n(d.rr, 7),
        n(d.rrRateMax, 8),
        n(d.windMean, 6),
        n(d.gustMax, 7, 0),
        t(d.gustAt),
        (d.gustDir === null ? "" : (cardinal(d.gustDir) ?? "")).padStart(4),
        `${formatNumber(Math.min(d.tnCoverage, d.txCoverage) * 100, 0).padStart(5)}%`,
        d.partial ? " provisoire" : "",
      ].join(" "),
    );
  }
  lines.push(rule);
  const rr = rrTotalLabel(summary.rr, incomplete);
  lines.push(
    `MOY. ${n(summary.tnTxMean.mean, 7)} ${n(summary.tx.mean, 7)}        ${n(summary.tn.mean, 7)}        ${n(summary.dju.sum, 6, 0)} ${rr.padStart(7)}`,
    "",
    `Température moyenne (Tn+Tx)/2      ${formatNumber(summary.tnTxMean.mean)} °C (écart ${signed(anomalies.tnTxMean)} °C, ${referenceLabel(reference.tnTxMean)})`,
    `Moyenne des Tn / des Tx             ${formatNumber(summary.tn.mean)} / ${formatNumber(summary.tx.mean)} °C`,
    `Tmoy réelle (moyenne 00–24 h UTC)   ${formatNumber(summary.tmean.mean)} °C`,
    extremeLine("Tx la plus haute", summary.extremes.txMax, "°C"),
    extremeLine("Tn la plus basse", summary.extremes.tnMin, "°C"),
    `Jours Tx ≥ 25 / 30 / 35 °C          ${summary.counts.txGe25} / ${summary.counts.txGe30} / ${summary.counts.txGe35} (sur ${summary.counts.txDays})`,
    `Jours Tx ≤ 0 °C, Tn ≤ 0 °C, Tn ≥ 20 °C  ${summary.counts.txLe0}, ${summary.counts.tnLe0}, ${summary.counts.tnGe20} (sur ${summary.counts.tnDays})`,
    `Précipitations                      ${rr} mm (écart ${signed(anomalies.rr)} mm, ${referenceLabel(reference.rr)})`,
    extremeLine("Maximum en 24 h", summary.extremes.rrMax, "mm"),
    extremeLine("Intensité maximale", summary.extremes.rrRateMax, "mm/h"),
    `Jours RR ≥ 1 / 5 / 10 / 30 mm       ${summary.counts.rrGe1} / ${summary.counts.rrGe5} / ${summary.counts.rrGe10} / ${summary.counts.rrGe30} (sur ${summary.counts.rrDays})`,
    extremeLine("Rafale maximale", summary.extremes.gustMax, "km/h", 0),
    "",
    `Produit par Météo06 le ${utcDay(generatedAt)}${summary.inProgress ? " — mois en cours, valeurs provisoires" : ""}.`,
  );
  return `${lines.join("\n")}\n`;
}

export function noaaYearText(
  station: ReportStation,
  year: number,
  months: readonly PeriodSummary[],
  summary: PeriodSummary,
  references: readonly Reference[],
  yearReference: Reference,
  generatedAt: number,
): string {
  const rule = "-".repeat(112);
  const ext = (e: Extreme | null, width: number) => `${n(e?.value, width)} ${dayOfMonth(e?.date)}`;
  const lines = [
    ...header(`RELEVÉ CLIMATOLOGIQUE ANNUEL — ${year}`, station),
    "MOIS        TN MOY  TX MOY   TMOY  ÉCART   TX MAX J.  TN MIN J.  TX≥30 TX≤0 TN≤0    DJU      RR  % RÉF.  RR MAX J.  RR≥1",
    rule,
  ];
  months.forEach((m, i) => {
    const diff = anomalies(m, references[i]);
    const rr = rrTotalLabel(m.rr, (sum) => `≥${sum}`);
    lines.push(
      [
        monthName(i + 1).padEnd(10),
        n(m.tn.mean, 7),
        n(m.tx.mean, 7),
        n(m.tnTxMean.mean, 6),
        signed(diff.tnTxMean).padStart(6),
        ext(m.extremes.txMax, 8),
        ext(m.extremes.tnMin, 8),
        String(m.counts.txGe30).padStart(6),
        String(m.counts.txLe0).padStart(4),
        String(m.counts.tnLe0).padStart(4),
        n(m.dju.sum, 6, 0),
        rr.padStart(7),
        (diff.rrRatio === null ? "—" : formatNumber(diff.rrRatio * 100, 0)).padStart(7),
        ext(m.extremes.rrMax, 8),
        String(m.counts.rrGe1).padStart(5),
      ].join(" "),
    );
  });
  lines.push(rule);
  const rr = rrTotalLabel(summary.rr, incomplete);
  lines.push(
    `ANNÉE     ${n(summary.tn.mean, 7)} ${n(summary.tx.mean, 7)} ${n(summary.tnTxMean.mean, 6)} ${signed(anomalies(summary, yearReference).tnTxMean).padStart(6)}`,
    "",
    extremeLine("Tx la plus haute", summary.extremes.txMax, "°C"),
    extremeLine("Tn la plus basse", summary.extremes.tnMin, "°C"),
    `Précipitations de l'année           ${rr} mm`,
    extremeLine("Maximum en 24 h", summary.extremes.rrMax, "mm"),
    extremeLine("Rafale maximale", summary.extremes.gustMax, "km/h", 0),
    `DJU de l'année                      ${formatNumber(summary.dju.sum, 0)}${summary.dju.complete ? "" : " (incomplet)"}`,
    `Écarts par rapport à la référence de chaque mois ; année : ${referenceLabel(yearReference.tnTxMean)}.`,
    "",
    `Produit par Météo06 le ${utcDay(generatedAt)}${summary.inProgress ? " — année en cours, valeurs provisoires" : ""}.`,
  );
  return `${lines.join("\n")}\n`;
}

const iso = (at: number | null) => (at === null ? null : new Date(at * 1000).toISOString());

/** The monthly report's days as CSV (machine-readable: dot decimals, ISO UTC times). */
export function noaaMonthCsv(month: string, days: readonly ClimateDay[]): string {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return toCsv(
    [
      "date",
      "tnTxMean",
      "tx",
      "txTime",
      "tn",
      "tnTime",
      "dju",
      "rr",
      "rrRateMax",
      "rrRateMaxTime",
      "windMean",
      "gustMax",
      "gustTime",
      "gustDir",
      "tmean",
      "t24",
      "t8",
      "coverageTn",
      "coverageTx",
      "coverageRr",
      "partial",
    ],
    daysOfMonth(month).map((date) => {
      const d = byDate.get(date);
      if (!d) return [date];
      return [
        date,
        d.tnTxMean,
        d.tx,
        iso(d.txAt),
        d.tn,
        iso(d.tnAt),
        dju(d.tnTxMean),
        d.rr,
        d.rrRateMax,
        iso(d.rrRateMaxAt),
        d.windMean,
        d.gustMax,
        iso(d.gustAt),
        d.gustDir,
        d.tmean,
        d.t24,
        d.t8,
        d.tnCoverage,
        d.txCoverage,
        d.rrCoverage,
        d.partial,
      ];
    }),
  );
}

import { PageLink } from "@/components/site/PageLink";
import { TableScroll } from "@/components/tables/TableScroll";
import { signed, timeLabel } from "@/lib/climate/format";
import type { DayCounts, Extreme, PeriodSummary } from "@/lib/climate/monthly";
import { type Anomalies, type Reference, referenceLabel } from "@/lib/climate/normals";
import type { SameDays } from "@/lib/climate/queries";
import { DECIMALS, formatNumber, formatValue } from "@/lib/format/numbers";
import { dateLabel, formatDay } from "@/lib/time";

const dayMonth = (day: string) => formatDay(day, { day: "numeric", month: "long" });

/** Building blocks of the month and year pages: key figures against the reference, extremes, day counts. */

export function KeyFigures({
  summary,
  reference,
  anomalies,
  sameDays = null,
}: {
  summary: PeriodSummary;
  reference: Reference;
  anomalies: Anomalies;
  /** a period in progress: the days its reference covers */
  sameDays?: SameDays;
}) {
  const days =
    sameDays &&
    (sameDays.first === sameDays.last
      ? ` du ${dayMonth(sameDays.first)}`
      : ` des mêmes jours (du ${dayMonth(sameDays.first)} au ${dayMonth(sameDays.last)})`);
  const isYear = summary.period.length === 4;
  const figure = (
    field: string,
    label: string,
    value: number | null,
    unit: string,
    anomaly: number | null,
    ref: Reference[keyof Reference],
    note?: string,
  ) => (
    <div className="card figure" data-summary={field}>
      <div className="muted">{label}</div>
      <div className="big" data-field={field}>
        {formatValue(value, unit)}
      </div>
      {note && <div className="muted">{note}</div>}
      <div className="muted">
        {anomaly !== null ? (
          <>
            <strong className={anomaly > 0 ? "warm" : anomaly < 0 ? "cold" : ""}>
              {signed(anomaly)}
              {"\u202f"}
              {unit}
            </strong>{" "}
            par rapport à la {referenceLabel(ref)}
            {days} ({formatValue(ref.value, unit)})
          </>
        ) : (
          referenceLabel(ref)
        )}
      </div>
    </div>
  );
  const rrNote =
    summary.rr.total === null && summary.rr.sum !== null
      ? `cumul incomplet : ${formatValue(summary.rr.sum, "mm")} sur ${summary.rr.present} jour(s), ${summary.rr.missing} manquant(s)`
      : undefined;
  const missingNote = (stat: PeriodSummary["tn"]) => {
    if (stat.mean !== null || stat.present === 0) return undefined;
    return isYear
      ? "non calculée : il faut les 12 moyennes mensuelles"
      : `non calculée : ${stat.missing} jour(s) manquant(s), au plus ${stat.longestGap} consécutifs (règle 11/5)`;
  };
  return (
    <div className="grid figures">
      {figure(
        "tnTxMean",
        "Température moyenne (Tn+Tx)/2",
        summary.tnTxMean.mean,
        "°C",
        anomalies.tnTxMean,
        reference.tnTxMean,
        missingNote(summary.tnTxMean),
      )}
      {figure(
        "tn",
        "Moyenne des minimales (Tn)",
        summary.tn.mean,
        "°C",
        anomalies.tn,
        reference.tn,
        missingNote(summary.tn),
      )}
      {figure(
        "tx",
        "Moyenne des maximales (Tx)",
        summary.tx.mean,
        "°C",
        anomalies.tx,
        reference.tx,
        missingNote(summary.tx),
      )}
      {figure("rr", "Précipitations (RR)", summary.rr.total, "mm", anomalies.rr, reference.rr, rrNote)}
    </div>
  );
}

function ExtremeItem({
  label,
  extreme,
  unit,
  decimals = 1,
}: {
  label: string;
  extreme: Extreme | null;
  unit: string;
  decimals?: number;
}) {
  if (!extreme) return null;
  return (
    <li>
      {label} : <strong>{formatValue(extreme.value, unit, decimals)}</strong> le{" "}
      <PageLink href={`/jour/${extreme.date}`}>{dateLabel(extreme.date)}</PageLink>
      {extreme.at ? ` à ${timeLabel(extreme.at)}` : ""}
    </li>
  );
}

export function Extremes({ summary }: { summary: PeriodSummary }) {
  const { extremes } = summary;
  return (
    <ul className="extremes">
      <ExtremeItem label="Tn la plus basse" extreme={extremes.tnMin} unit="°C" />
      <ExtremeItem label="Tn la plus haute" extreme={extremes.tnMax} unit="°C" />
      <ExtremeItem label="Tx la plus haute" extreme={extremes.txMax} unit="°C" />
      <ExtremeItem label="Tx la plus basse" extreme={extremes.txMin} unit="°C" />
      <ExtremeItem label="Précipitations quotidiennes maximales" extreme={extremes.rrMax} unit="mm" />
      <ExtremeItem label="Intensité de pluie maximale" extreme={extremes.rrRateMax} unit="mm/h" />
      <ExtremeItem label="Rafale maximale" extreme={extremes.gustMax} unit="km/h" decimals={DECIMALS.speed} />
    </ul>
  );
}

const COUNTS: { key: keyof DayCounts; label: string; of: "txDays" | "tnDays" | "rrDays" }[] = [
  { key: "txLe0", label: "Tx ≤ 0 °C (sans dégel)", of: "txDays" },
  { key: "txGe25", label: "Tx ≥ 25 °C", of: "txDays" },
  { key: "txGe30", label: "Tx ≥ 30 °C", of: "txDays" },
  { key: "txGe35", label: "Tx ≥ 35 °C", of: "txDays" },
  { key: "tnLe0", label: "Tn ≤ 0 °C (gel)", of: "tnDays" },
  { key: "tnLeMinus5", label: "Tn ≤ −5 °C", of: "tnDays" },
  { key: "tnGe20", label: "Tn ≥ 20 °C (nuit tropicale)", of: "tnDays" },
  { key: "rrGe1", label: "RR ≥ 1 mm", of: "rrDays" },
  { key: "rrGe5", label: "RR ≥ 5 mm", of: "rrDays" },
  { key: "rrGe10", label: "RR ≥ 10 mm", of: "rrDays" },
  { key: "rrGe30", label: "RR ≥ 30 mm", of: "rrDays" },
  { key: "rrGe50", label: "RR ≥ 50 mm", of: "rrDays" },
  { key: "rrGe100", label: "RR ≥ 100 mm", of: "rrDays" },
];

/** The Météo-France day counts of one or several periods (a column each), over the days present. */
export function DayCountsTable({ periods }: { periods: { label: string; summary: PeriodSummary }[] }) {
  return (
    <TableScroll label="Nombre de jours">
      <table className="data compact">
        <caption className="muted">
          Nombre de jours (sur les jours disponibles, indiqués entre parenthèses)
        </caption>
        <thead>
          <tr>
            <th scope="col">Jours</th>
            {periods.map((p) => (
              <th key={p.label} scope="col" className="num">
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {COUNTS.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              {periods.map((p) => (
                <td key={p.label} className="num" data-count={c.key}>
                  {p.summary.counts[c.of] > 0 ? (
                    <>
                      {p.summary.counts[c.key]} <small className="muted">({p.summary.counts[c.of]})</small>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Degrés-jours de chauffage (DJU)</th>
            {periods.map((p) => (
              <td key={p.label} className="num" data-field="dju">
                {p.summary.dju.days > 0 ? formatNumber(p.summary.dju.sum, DECIMALS.degreeDays) : "—"}
                {p.summary.dju.days > 0 && !p.summary.dju.complete && (
                  <small className="muted"> (incomplet)</small>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}

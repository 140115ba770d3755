import { PageLink } from "@/components/site/PageLink";
import { percent, timeLabel } from "@/lib/climate/format";
import { dayClimate } from "@/lib/climate/queries";
import { DECIMALS, formatNumber, formatValue, type Quantity, roundAs } from "@/lib/format/numbers";
import type { Station } from "@/lib/generated/prisma/client";

/**
 * A day's climatology (WMO windows) with its rank badges, for the day page: self-contained, one call.
 * Shows nothing when the day has not been computed.
 */
export async function DayClimate({ station, date }: { station: Station; date: string }) {
  const { day, badges } = await dayClimate(station, date);
  if (!day) return null;
  // The time of a maximum that stayed at zero would only be the window's first record.
  const peakAt = (value: number | null, at: number | null, quantity: Quantity) =>
    roundAs(value, quantity) ? at : null;
  const worst = Math.min(day.tnCoverage, day.txCoverage, day.rrCoverage);
  const item = (label: string, value: string, at?: number | null, field?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-field={field}>
        {value}
        {at ? <small className="muted"> à {timeLabel(at)}</small> : null}
      </dd>
    </div>
  );
  return (
    <section className="card day-climate" aria-labelledby="climatologie-du-jour">
      <h2 id="climatologie-du-jour">
        Climatologie du jour{" "}
        {day.partial && <small className="muted">(provisoire jusqu'au lendemain 06 h UTC)</small>}
      </h2>
      {worst <= 0.95 && (
        <p className="banner banner-warning">
          Fiabilité réduite : couverture Tn {percent(day.tnCoverage)}, Tx {percent(day.txCoverage)}, RR{" "}
          {percent(day.rrCoverage)} (valeur publiée à partir de 80 %).
        </p>
      )}
      <dl className="facts">
        {item("Tn (18–18 h UTC)", formatValue(day.tn, "°C"), day.tnAt, "tn")}
        {item("Tx (06–06 h UTC)", formatValue(day.tx, "°C"), day.txAt, "tx")}
        {item("Tmoy (Tn+Tx)/2", formatValue(day.tnTxMean, "°C"), null, "tnTxMean")}
        {item("Tmoy réelle", formatValue(day.tmean, "°C"), null, "tmean")}
        {item("Amplitude", formatValue(day.amplitude, "°C"), null, "amplitude")}
        {item("RR (06–06 h UTC)", formatValue(day.rr, "mm"), null, "rr")}
        {item(
          "Intensité max.",
          formatValue(day.rrRateMax, "mm/h"),
          peakAt(day.rrRateMax, day.rrRateMaxAt, "rainRate"),
          "rrRateMax",
        )}
        {item(
          "Rafale max.",
          formatValue(day.gustMax, "km/h", DECIMALS.speed),
          peakAt(day.gustMax, day.gustAt, "speed"),
          "gustMax",
        )}
        {day.uvMax !== null &&
          item("UV max.", formatNumber(day.uvMax, DECIMALS.uv), peakAt(day.uvMax, day.uvMaxAt, "uv"))}
        {day.radiationMax !== null &&
          item(
            "Rayonnement max.",
            formatValue(day.radiationMax, "W/m²", DECIMALS.radiation),
            peakAt(day.radiationMax, day.radiationMaxAt, "radiation"),
          )}
        {day.et !== null && item("ET", formatValue(day.et, "mm", DECIMALS.evapotranspiration))}
      </dl>
      {badges.length > 0 && (
        <ul className="badges" aria-label="Records de la station">
          {badges.map((b) => (
            <li key={b.key} className="badge" data-badge={b.key}>
              <PageLink href="/records/top-30">
                n° {b.rank} des {b.label.toLowerCase()} ({formatValue(b.value, b.unit, b.decimals)})
              </PageLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { PageLink } from "@/components/site/PageLink";
import { timeLabel } from "@/lib/climate/format";
import { yesterdayClimate } from "@/lib/climate/queries";
import { DECIMALS, formatValue, roundAs } from "@/lib/format/numbers";
import type { Station } from "@/lib/generated/prisma/client";
import { dateLabel } from "@/lib/time";
import { cardinal } from "@/lib/weather/wind";

/**
 * "Hier": yesterday's Tn, Tx, RR and strongest gust (Météo-France windows), linking to its day page.
 * Self-contained (one query); shows nothing until yesterday has been computed.
 */
export async function Yesterday({ station }: { station: Station }) {
  const day = await yesterdayClimate(station);
  if (!day) return null;
  const gust = roundAs(day.gustMax, "speed");
  const item = (label: string, field: string, value: string, at: number | null = null) => (
    <div>
      <dt>{label}</dt>
      <dd data-field={field}>
        {value}
        {at !== null && <small className="muted"> à {timeLabel(at)}</small>}
      </dd>
    </div>
  );
  return (
    <section className="card yesterday" aria-labelledby="hier" data-date={day.date}>
      <h2 id="hier">
        Hier <small className="muted">— {dateLabel(day.date)}</small>
        {day.partial && <small className="muted"> (provisoire jusqu'à 06 h UTC)</small>}
      </h2>
      <dl className="facts">
        {item("Tn", "tn", formatValue(day.tn, "°C", DECIMALS.temperature), day.tnAt)}
        {item("Tx", "tx", formatValue(day.tx, "°C", DECIMALS.temperature), day.txAt)}
        {item("RR", "rr", formatValue(day.rr, "mm", DECIMALS.rain))}
        {item(
          "Rafale max.",
          "gustMax",
          `${formatValue(gust, "km/h", DECIMALS.speed)}${gust && day.gustDir !== null ? ` de ${cardinal(day.gustDir)}` : ""}`,
          gust ? day.gustAt : null,
        )}
      </dl>
      <p>
        <PageLink href={`/jour/${day.date}`}>La journée d'hier en détail</PageLink>
      </p>
    </section>
  );
}

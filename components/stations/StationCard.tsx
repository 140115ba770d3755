import { formatValue } from "@/lib/format";
import type { StationSnapshot } from "@/lib/stations";
import { formatDuration, formatParis } from "@/lib/time";

/** One station in the network list: current temperature and freshness, linking to its mini-site. */
export function StationCard({
  snapshot,
  href,
  commune,
  altitude,
}: {
  snapshot: StationSnapshot;
  href: string;
  commune: string;
  altitude: number;
}) {
  const { latest } = snapshot;
  return (
    <article className="card" data-station={snapshot.slug}>
      <h2 style={{ marginTop: 0 }}>
        <a href={href}>{snapshot.name}</a>
      </h2>
      <p className="muted">
        {commune}, {altitude} m
      </p>
      {snapshot.unavailable ? (
        <p className="banner banner-warning">{snapshot.unavailable}</p>
      ) : (
        <>
          <p className="big" data-field="outTemp">
            {formatValue(latest?.outTemp, "°C")}
          </p>
          <p>Humidité {formatValue(latest?.outHumidity, "%", 0)}</p>
          <p className="muted" data-field="dateTime">
            {latest ? `Relevé du ${formatParis(latest.dateTime)}` : "Aucun relevé"}
            {snapshot.offline && snapshot.ageSeconds !== null && (
              <strong> — hors ligne depuis {formatDuration(snapshot.ageSeconds)}</strong>
            )}
          </p>
        </>
      )}
    </article>
  );
}

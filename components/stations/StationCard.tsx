import type { Freshness } from "@/lib/conditions/freshness";
import { formatValue } from "@/lib/format";
import type { StationSummary } from "@/lib/network";
import { formatDuration, formatParis } from "@/lib/time";

/** One station in the network list: current temperature and freshness, linking to its mini-site. */
export function StationCard({
  summary,
  href,
  offline,
  ageSeconds,
}: { summary: StationSummary; href: string } & Freshness) {
  return (
    <article className="card" data-station={summary.slug}>
      <h2 style={{ marginTop: 0 }}>
        <a href={href}>{summary.name}</a>
      </h2>
      <p className="muted">
        {summary.commune}, {summary.altitude} m
      </p>
      {summary.unavailable ? (
        <p className="banner banner-warning">{summary.unavailable}</p>
      ) : (
        <>
          <p className="big" data-field="outTemp">
            {formatValue(summary.temperature, "°C")}
          </p>
          <p>Humidité {formatValue(summary.humidity, "%", 0)}</p>
          <p className="muted" data-field="dateTime">
            {summary.at !== null ? `Relevé du ${formatParis(summary.at)}` : "Aucun relevé"}
            {offline && ageSeconds !== null && (
              <strong> — hors ligne depuis {formatDuration(ageSeconds)}</strong>
            )}
          </p>
        </>
      )}
    </article>
  );
}

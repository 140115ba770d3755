import type { Embed } from "@/lib/articles/embeds";
import { loadStationEmbed, SPARKLINE_HEIGHT, SPARKLINE_WIDTH } from "@/lib/articles/station-embed";
import { formatValue } from "@/lib/format";
import { formatParis } from "@/lib/time";

/**
 * A station block inside an article, rendered on the server with live data (lib/articles/station-embed):
 * the last 24 hours of one field as a small SVG chart, or the current conditions. No chart library.
 */
export async function StationEmbed({ embed }: { embed: Embed }) {
  const data = await loadStationEmbed(embed);
  if (data.kind === "unknown-station") {
    return <aside className="embed card muted">Station « {data.slug} » introuvable.</aside>;
  }
  const { station } = data;
  if (data.kind === "unavailable") {
    return (
      <aside className="embed card muted">
        Les données de {station.name} sont indisponibles pour le moment.
      </aside>
    );
  }
  if (data.kind === "station-current") {
    const c = data.conditions;
    return (
      <aside className="embed card" data-embed="station-current" data-station={station.slug}>
        <p className="embed-title">
          <a href={station.href}>{station.name}</a> — conditions actuelles
        </p>
        {c ? (
          <>
            <p className="big" data-field="outTemp">
              {formatValue(c.temperature.current, "°C")}
            </p>
            <p>
              Humidité {formatValue(c.humidity.current, "%", 0)} · Pression{" "}
              {formatValue(c.pressure.current, "hPa")} · Vent {formatValue(c.wind.instant.speed, "km/h", 0)}{" "}
              {c.wind.instant.cardinal ?? ""} · Rafales {formatValue(c.wind.gustInstant, "km/h", 0)}
            </p>
            <p className="muted">Relevé du {formatParis(c.at)}</p>
          </>
        ) : (
          <p className="muted">Aucun relevé pour le moment.</p>
        )}
      </aside>
    );
  }
  const { chart, label, unit } = data;
  return (
    <figure
      className="embed card"
      data-embed="station-chart"
      data-station={station.slug}
      data-field={data.field}
    >
      {chart ? (
        <svg
          viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`}
          role="img"
          aria-label={`${label} sur 24 heures à ${station.name}`}
        >
          <path d={chart.path} fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      ) : (
        <p className="muted">Pas assez de relevés sur les dernières 24 heures.</p>
      )}
      <figcaption>
        {label} sur 24 h à <a href={station.href}>{station.name}</a>
        {chart && (
          <>
            {" "}
            : de <span data-field="min">{formatValue(chart.min, unit)}</span> à{" "}
            <span data-field="max">{formatValue(chart.max, unit)}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}

import { ArchiveError, archives } from "@/lib/archive/reader";
import { sparkline } from "@/lib/articles/chart";
import { CHART_FIELDS, type Embed } from "@/lib/articles/render";
import { config } from "@/lib/config";
import { formatValue } from "@/lib/format";
import { stationUrl } from "@/lib/hosts";
import { findStation } from "@/lib/stations";
import { formatParis } from "@/lib/time";
import { cardinal } from "@/lib/weather/wind";

/**
 * A station block inside an article, rendered on the server with live data: the last 24 hours of one
 * field as a small SVG chart, or the current conditions. Self-contained (no chart library).
 */
export async function StationEmbed({ embed }: { embed: Embed }) {
  const station = await findStation(embed.station);
  if (!station) {
    return <aside className="embed card muted">Station « {embed.station} » introuvable.</aside>;
  }
  const href = stationUrl(station.slug, config().siteUrl);
  try {
    if (embed.kind === "station-current") {
      const latest = await archives().latest(station.archiveDatabase, [
        "outTemp",
        "outHumidity",
        "barometer",
        "windSpeed",
        "windDir",
        "windGust",
        "rainRate",
      ]);
      return (
        <aside className="embed card" data-embed="station-current" data-station={station.slug}>
          <p className="embed-title">
            <a href={href}>{station.name}</a> — conditions actuelles
          </p>
          {latest ? (
            <>
              <p className="big" data-field="outTemp">
                {formatValue(latest.outTemp, "°C")}
              </p>
              <p>
                Humidité {formatValue(latest.outHumidity, "%", 0)} · Pression{" "}
                {formatValue(latest.barometer, "hPa")} · Vent {formatValue(latest.windSpeed, "km/h", 0)}{" "}
                {cardinal(latest.windDir) ?? ""} · Rafales {formatValue(latest.windGust, "km/h", 0)}
              </p>
              <p className="muted">Relevé du {formatParis(latest.dateTime)}</p>
            </>
          ) : (
            <p className="muted">Aucun relevé pour le moment.</p>
          )}
        </aside>
      );
    }
    const to = Math.floor(Date.now() / 1000);
    const rows = await archives().range(station.archiveDatabase, to - 86400, to, [embed.field]);
    const { label, unit } = CHART_FIELDS[embed.field];
    const chart = sparkline(
      rows.map((r) => ({ t: r.dateTime, v: r[embed.field] })),
      640,
      160,
    );
    return (
      <figure
        className="embed card"
        data-embed="station-chart"
        data-station={station.slug}
        data-field={embed.field}
      >
        {chart ? (
          <svg viewBox="0 0 640 160" role="img" aria-label={`${label} sur 24 heures à ${station.name}`}>
            <path d={chart.path} fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        ) : (
          <p className="muted">Pas assez de relevés sur les dernières 24 heures.</p>
        )}
        <figcaption>
          {label} sur 24 h à <a href={href}>{station.name}</a>
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
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    return (
      <aside className="embed card muted">
        Les données de {station.name} sont indisponibles pour le moment.
      </aside>
    );
  }
}

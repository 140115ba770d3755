import type { Metadata } from "next";
import { MarkersMap } from "@/components/map/MarkersMap";
import { SortableTable } from "@/components/tables/SortableTable";
import { freshness } from "@/lib/conditions/freshness";
import { ALPES_MARITIMES_CENTER, mapTiles } from "@/lib/config/map-tiles";
import { config } from "@/lib/config/settings";
import { formatValue } from "@/lib/format/numbers";
import { stationUrl } from "@/lib/http/hosts";
import { isBuildPhase } from "@/lib/http/site-cache";
import { networkSummaries } from "@/lib/stations/network";
import { formatDuration, formatParis } from "@/lib/time";

export const metadata: Metadata = {
  title: "Le réseau de stations",
  description: "Carte et tableau des stations météo Météo06 : température, vent, pluie du jour.",
};

const COLUMNS = [
  { key: "station", label: "Station" },
  { key: "altitude", label: "Altitude", numeric: true },
  { key: "outTemp", label: "Température", numeric: true },
  { key: "wind", label: "Vent (10 min)", numeric: true },
  { key: "gust", label: "Rafale (10 min)", numeric: true },
  { key: "rainToday", label: "Pluie du jour", numeric: true },
  { key: "age", label: "Dernier relevé", numeric: true },
];

export default async function NetworkPage() {
  if (isBuildPhase()) return null; // rendered at run time only (app/(site)/layout.tsx)
  const summaries = await networkSummaries();
  const { siteUrl } = config();
  const now = Date.now() / 1000;
  const rows = summaries.map((s) => ({
    summary: s,
    href: stationUrl(s.slug, siteUrl),
    ...freshness(s.at, s.offlineThresholdMinutes, now),
  }));
  return (
    <>
      <h1>Le réseau de stations</h1>
      <p className="muted">
        {summaries.length} stations. Vent moyen et rafale sur les 10 dernières minutes, pluie depuis minuit
        (heure de Paris). Cliquez sur un en-tête pour trier.
      </p>
      <MarkersMap
        label="Carte des stations du réseau"
        center={ALPES_MARITIMES_CENTER}
        tiles={mapTiles()}
        height="32rem"
        markers={rows.map(({ summary, href, offline }) => ({
          lat: summary.latitude,
          lon: summary.longitude,
          label: `${summary.name} : ${formatValue(summary.temperature, "°C")}${offline ? " (hors ligne)" : ""}`,
          href,
          color: offline ? "#b35c00" : "#0b63b6",
        }))}
      />
      <SortableTable
        caption="Conditions actuelles des stations"
        columns={COLUMNS}
        rows={rows.map(({ summary: s, href, offline, ageSeconds }) => ({
          id: s.slug,
          className: offline ? "offline" : undefined,
          sortValues: [s.name, s.altitude, s.temperature, s.windSpeed, s.gust, s.rainToday, ageSeconds],
          cells: [
            <span key="station">
              <a href={href}>{s.name}</a>
              <br />
              <span className="muted">{s.commune}</span>
            </span>,
            `${s.altitude} m`,
            formatValue(s.temperature, "°C"),
            [formatValue(s.windSpeed, "km/h", 0), s.windCardinal].filter(Boolean).join(" "),
            formatValue(s.gust, "km/h", 0),
            formatValue(s.rainToday, "mm"),
            s.unavailable ? (
              <span key="age" className="muted">
                {s.unavailable}
              </span>
            ) : s.at === null ? (
              "Aucun relevé"
            ) : (
              <span key="age">
                <time dateTime={new Date(s.at * 1000).toISOString()}>{formatParis(s.at)}</time>
                <br />
                {offline && ageSeconds !== null ? (
                  <strong className="badge-offline">hors ligne depuis {formatDuration(ageSeconds)}</strong>
                ) : (
                  <span className="muted">il y a {formatDuration(ageSeconds ?? 0)}</span>
                )}
              </span>
            ),
          ],
        }))}
      />
    </>
  );
}

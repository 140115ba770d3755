import { ArticleList } from "@/components/articles/ArticleCard";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { MarkersMap } from "@/components/map/MarkersMap";
import { StationCard } from "@/components/stations/StationCard";
import { publicList } from "@/lib/articles/public";
import { freshness } from "@/lib/conditions/freshness";
import { ALPES_MARITIMES_CENTER, mapTiles } from "@/lib/config/map-tiles";
import { config } from "@/lib/config/settings";
import { formatValue } from "@/lib/format/numbers";
import { stationUrl } from "@/lib/http/hosts";
import { isBuildPhase } from "@/lib/http/site-cache";
import { networkSummaries } from "@/lib/stations/network";

export default async function HomePage() {
  if (isBuildPhase()) return null; // rendered at run time only (app/(site)/layout.tsx)
  const [summaries, latest] = await Promise.all([networkSummaries(), publicList({ perPage: 6 })]);
  const { siteUrl } = config();
  const now = Date.now() / 1000;
  const network = summaries.map((summary) => ({
    summary,
    ...freshness(summary.at, summary.offlineThresholdMinutes, now),
  }));
  return (
    <>
      <h1>La météo des Alpes-Maritimes</h1>
      <ForecastPanel />
      <h2>Derniers articles</h2>
      <ArticleList items={latest.items} />
      <p>
        <a href="/articles">Tous les articles</a> · <a href="/flux/rss.xml">flux RSS</a>
      </p>
      <h2>Le réseau de stations</h2>
      <MarkersMap
        label="Carte des stations"
        center={ALPES_MARITIMES_CENTER}
        tiles={mapTiles()}
        markers={network.map(({ summary, offline }) => ({
          lat: summary.latitude,
          lon: summary.longitude,
          label: `${summary.name} : ${formatValue(summary.temperature, "°C")}`,
          href: stationUrl(summary.slug, siteUrl),
          color: offline ? "#b35c00" : "#0b63b6",
        }))}
      />
      {network.length === 0 ? (
        <p>Aucune station n'est encore enregistrée.</p>
      ) : (
        <div className="grid">
          {network.map(({ summary, offline, ageSeconds }) => (
            <StationCard
              key={summary.slug}
              summary={summary}
              offline={offline}
              ageSeconds={ageSeconds}
              href={stationUrl(summary.slug, siteUrl)}
            />
          ))}
        </div>
      )}
    </>
  );
}

import { ArticleList } from "@/components/articles/ArticleCard";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { MarkersMap } from "@/components/map/MarkersMap";
import { NetworkConditions } from "@/components/stations/NetworkConditions";
import { OutOfService } from "@/components/stations/OutOfService";
import { writtenTimes } from "@/components/stations/values";
import { publicList } from "@/lib/articles/public";
import { outOfService } from "@/lib/conditions/freshness";
import { ALPES_MARITIMES_CENTER, mapTiles } from "@/lib/config/map-tiles";
import { formatValue } from "@/lib/format/numbers";
import { isBuildPhase } from "@/lib/http/site-cache";
import { stationsJson } from "@/lib/opendata/endpoints";

/**
 * The apex home: the network's current conditions first (the live stations, refreshed once a minute;
 * those silent for more than 30 days apart, "hors service"), then the forecast, the articles and the map.
 */
export default async function HomePage() {
  if (isBuildPhase()) return null; // rendered at run time only (app/(site)/layout.tsx)
  const renderedAt = Math.floor(Date.now() / 1000);
  const [network, latest] = await Promise.all([stationsJson(renderedAt), publicList({ perPage: 6 })]);
  const retired = network.stations.filter((s) => outOfService(s.current.ageSeconds));
  const live = network.stations.filter((s) => !retired.includes(s));
  return (
    <>
      <h1>La météo des Alpes-Maritimes</h1>
      <h2 id="reseau-titre">Les stations en ce moment</h2>
      {network.stations.length === 0 ? (
        <p>Aucune station n'est encore enregistrée.</p>
      ) : (
        <NetworkConditions
          initial={live}
          written={writtenTimes(live.map(({ current }) => ({ time: current.time })))}
          renderedAt={renderedAt}
          labelledBy="reseau-titre"
        />
      )}
      <OutOfService
        stations={retired.map((s) => ({
          slug: s.slug,
          name: s.name,
          href: s.url,
          lastRecordAt: s.current.time === null ? null : Date.parse(s.current.time) / 1000,
        }))}
      />
      <p>
        <a href="/reseau">Le réseau en détail</a>
      </p>
      <ForecastPanel />
      <h2>Derniers articles</h2>
      <ArticleList items={latest.items} titles="h3" />
      <p>
        <a href="/articles">Tous les articles</a> · <a href="/flux/rss.xml">flux RSS</a>
      </p>
      <h2>La carte du réseau</h2>
      <MarkersMap
        label="Carte des stations"
        center={ALPES_MARITIMES_CENTER}
        tiles={mapTiles()}
        markers={live.map((s) => ({
          lat: s.latitude,
          lon: s.longitude,
          label: `${s.name} : ${formatValue(s.current.conditions?.temperature.current, "°C")}`,
          href: s.url,
          color: s.current.offline ? "#b35c00" : "#0b63b6",
        }))}
      />
    </>
  );
}

import { unstable_cache } from "next/cache";
import { connection } from "next/server";
import { ArticleList } from "@/components/articles/ArticleCard";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { MarkersMap } from "@/components/map/MarkersMap";
import { StationCard } from "@/components/stations/StationCard";
import { publicList } from "@/lib/articles/public";
import { config } from "@/lib/config";
import { formatValue } from "@/lib/format";
import { stationUrl } from "@/lib/hosts";
import { ALPES_MARITIMES_CENTER, mapTiles } from "@/lib/map";
import { listStations, stationSnapshot } from "@/lib/stations";

// Current conditions of the whole network, shared by every visitor for a minute.
const networkSnapshots = unstable_cache(
  async () => {
    const stations = await listStations();
    return Promise.all(
      stations.map(async (station) => ({
        snapshot: await stationSnapshot(station),
        commune: station.commune,
        altitude: station.altitude,
        latitude: station.latitude,
        longitude: station.longitude,
      })),
    );
  },
  ["network-snapshots"],
  { revalidate: 60, tags: ["stations"] },
);

export default async function HomePage() {
  await connection(); // rendered per request (from cached data), never at build time
  const [network, latest] = await Promise.all([networkSnapshots(), publicList({ perPage: 6 })]);
  const { siteUrl } = config();
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
        markers={network.map(({ snapshot, latitude, longitude }) => ({
          lat: latitude,
          lon: longitude,
          label: `${snapshot.name} : ${formatValue(snapshot.latest?.outTemp, "°C")}`,
          href: stationUrl(snapshot.slug, siteUrl),
          color: snapshot.offline ? "#b35c00" : "#0b63b6",
        }))}
      />
      {network.length === 0 ? (
        <p>Aucune station n'est encore enregistrée.</p>
      ) : (
        <div className="grid">
          {network.map(({ snapshot, commune, altitude }) => (
            <StationCard
              key={snapshot.slug}
              snapshot={snapshot}
              commune={commune}
              altitude={altitude}
              href={stationUrl(snapshot.slug, siteUrl)}
            />
          ))}
        </div>
      )}
    </>
  );
}

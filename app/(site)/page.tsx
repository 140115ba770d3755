import { unstable_cache } from "next/cache";
import { connection } from "next/server";
import { ArticleList } from "@/components/articles/ArticleCard";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { StationCard } from "@/components/stations/StationCard";
import { publicList } from "@/lib/articles/public";
import { config } from "@/lib/config";
import { stationUrl } from "@/lib/hosts";
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

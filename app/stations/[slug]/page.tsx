import type { Metadata } from "next";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { StationCharts } from "@/components/charts/StationCharts";
import { LightningPanel } from "@/components/lightning/LightningPanel";
import { Almanac } from "@/components/stations/Almanac";
import { LastDayChart } from "@/components/stations/LastDayChart";
import { LiveConditions } from "@/components/stations/LiveConditions";
import { writtenTimes } from "@/components/stations/values";
import { Yesterday } from "@/components/stations/Yesterday";
import { loadStationHome } from "@/lib/conditions/load";
import { currentJson } from "@/lib/opendata/json";
import { stationOr404 } from "@/lib/stations/mini-site";
import { localToday } from "@/lib/time";
import { almanac } from "@/lib/weather/almanac";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return {
    title: station.name,
    description: `Conditions actuelles à ${station.commune} (${station.altitude} m).`,
  };
}

export default async function StationHomePage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const home = await loadStationHome(station);
  const renderedAt = Math.floor(Date.now() / 1000);
  const current = currentJson(station, home, renderedAt);
  return (
    <>
      <h1>{station.name}</h1>
      <p className="muted">
        {station.commune}, {station.altitude} m d'altitude
      </p>
      {home.unavailable && <p className="banner banner-warning">{home.unavailable}</p>}
      <LiveConditions
        slug={station.slug}
        offlineThresholdMinutes={station.offlineThresholdMinutes}
        sensors={{ uv: station.hasUv, radiation: station.hasRadiation }}
        initial={current}
        written={writtenTimes(current, [current.time])}
        renderedAt={renderedAt}
      />
      <Almanac
        almanac={almanac(localToday(station.timezone, renderedAt), station, station.timezone, renderedAt)}
        title="Éphéméride du jour"
      />
      <Yesterday station={station} />
      {home.lastDay.length > 0 && (
        <section aria-labelledby="last-day">
          <h2 id="last-day">Les dernières 24 heures</h2>
          <LastDayChart rows={home.lastDay} />
          <StationCharts
            rows={home.lastDay}
            step="raw"
            charts={["temperature", "wind", "rain"]}
            fileName={`${station.slug}-24h`}
            rainTotalLabel="sur 24 h"
            height={240}
          />
          <p>
            <a href="/graphiques">Tous les graphiques</a> · <a href="/jour">Résumé de la journée</a>
          </p>
        </section>
      )}
      <ForecastPanel zone={station.zone} />
      <LightningPanel station={station} />
      {station.radarImageUrl && (
        <figure className="card">
          {/* biome-ignore lint/performance/noImgElement: an image of another site, refreshed by it */}
          <img
            src={station.radarImageUrl}
            alt="Radar des précipitations autour de la station"
            loading="lazy"
          />
          <figcaption className="muted">Radar des précipitations</figcaption>
        </figure>
      )}
    </>
  );
}

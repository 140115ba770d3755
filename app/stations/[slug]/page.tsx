import type { Metadata } from "next";
import { ForecastPanel } from "@/components/articles/ForecastPanel";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { LightningPanel } from "@/components/lightning/LightningPanel";
import { archives } from "@/lib/archive/reader";
import { formatValue } from "@/lib/format";
import { stationOr404 } from "@/lib/station-page";
import { stationSnapshot } from "@/lib/stations";
import { formatDuration, formatParis } from "@/lib/time";

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
  const snapshot = await stationSnapshot(station);
  const { latest } = snapshot;
  const day = latest
    ? await archives().range(station.archiveDatabase, latest.dateTime - 86400, latest.dateTime, [
        "outTemp",
        "dewpoint",
      ])
    : [];
  return (
    <>
      <h1>{station.name}</h1>
      <p className="muted">
        {station.commune}, {station.altitude} m d'altitude
      </p>
      {snapshot.unavailable && <p className="banner banner-warning">{snapshot.unavailable}</p>}
      {snapshot.offline && snapshot.ageSeconds !== null && (
        <p className="banner banner-danger" role="status">
          Station hors ligne depuis {formatDuration(snapshot.ageSeconds)}.
        </p>
      )}
      {latest && (
        <section className="card" aria-labelledby="actuel">
          <h2 id="actuel" style={{ marginTop: 0 }}>
            Conditions actuelles
          </h2>
          <p className="big" data-field="outTemp">
            {formatValue(latest.outTemp, "°C")}
          </p>
          <p className="muted" data-field="dateTime">
            Dernier relevé : {formatParis(latest.dateTime, { dateStyle: "full", timeStyle: "short" })}
          </p>
        </section>
      )}
      {day.length > 0 && (
        <TimeSeriesChart
          title="Température et point de rosée des dernières 24 heures"
          fileName={`${station.slug}-24h`}
          axes={[{ id: "y", label: "°C" }]}
          series={[
            {
              label: "Température",
              unit: "°C",
              color: "#d9480f",
              points: day.map((r) => [r.dateTime, r.outTemp]),
            },
            {
              label: "Point de rosée",
              unit: "°C",
              color: "#1971c2",
              points: day.map((r) => [r.dateTime, r.dewpoint]),
            },
          ]}
        />
      )}
      <ForecastPanel zone={station.zone} />
      <LightningPanel station={station} />
    </>
  );
}

import type { Metadata } from "next";
import { PageLink } from "@/components/site/PageLink";
import { WebcamLive } from "@/components/webcam/WebcamLive";
import { stationOr404 } from "@/lib/stations/mini-site";
import { formatDay } from "@/lib/time";
import { archiveLocalDays, readLatest } from "@/lib/webcam/storage";
import { stationWebcams } from "@/lib/webcam/webcams";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `Webcam – ${station.name}` };
}

const dayLabel = (day: string) => formatDay(day, { weekday: "short", day: "numeric", month: "short" });

export default async function WebcamPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const webcams = await Promise.all(
    (await stationWebcams(station.id)).map(async (webcam) => ({
      webcam,
      latest: await readLatest(webcam),
      days: await archiveLocalDays(webcam, station.timezone),
    })),
  );
  return (
    <>
      <h1>Webcam</h1>
      {webcams.length === 0 && !station.webcamUrl && <p>Cette station n'a pas de webcam.</p>}
      {webcams.length === 0 && station.webcamUrl && (
        <figure className="webcam">
          <img src={station.webcamUrl} alt={`Webcam de ${station.name}`} />
        </figure>
      )}
      {webcams.map(({ webcam, latest, days }) => (
        <section key={webcam.id} data-webcam={webcam.key} aria-labelledby={`webcam-${webcam.key}`}>
          <h2 id={`webcam-${webcam.key}`}>{webcam.name}</h2>
          {latest ? (
            <WebcamLive
              base={`/webcam/images/${webcam.key}`}
              name={webcam.name}
              initial={latest}
              intervalMinutes={webcam.intervalMinutes}
            />
          ) : (
            <p>Aucune image reçue pour le moment.</p>
          )}
          <p className="muted">Une nouvelle image toutes les {webcam.intervalMinutes} min environ.</p>
          {days.length > 0 && (
            <nav aria-label={`Archives de la webcam ${webcam.name}`}>
              <h3>Archives (une image par heure)</h3>
              <ul className="inline-list">
                {days.map((day) => (
                  <li key={day}>
                    <PageLink href={`/webcam/${day}`}>{dayLabel(day)}</PageLink>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </section>
      ))}
      {station.timelapseUrl && (
        <section aria-labelledby="timelapse">
          <h2 id="timelapse">Timelapse de la veille</h2>
          {/* biome-ignore lint/a11y/useMediaCaption: a silent timelapse has nothing to caption */}
          <video className="webcam" src={station.timelapseUrl} controls preload="none" />
          <p>
            <a href={station.timelapseUrl}>Télécharger le timelapse</a>
          </p>
        </section>
      )}
    </>
  );
}

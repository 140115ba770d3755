import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageLink } from "@/components/site/PageLink";
import { stationOr404 } from "@/lib/stations/mini-site";
import { addDays, formatDay, formatParis, isCalendarDay } from "@/lib/time";
import { archivedImages, readLatest } from "@/lib/webcam/storage";
import { stationWebcams } from "@/lib/webcam/webcams";

export const revalidate = 60;

// rendered on first visit, then cached like the other station pages
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; day: string }> };

const longDay = (day: string) => formatDay(day, { dateStyle: "full" });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, day } = await params;
  const station = await stationOr404(slug);
  return { title: `Webcam du ${isCalendarDay(day) ? longDay(day) : day} – ${station.name}` };
}

/** One local day of a station's hourly webcam archive. */
export default async function WebcamDayPage({ params }: Props) {
  const { slug, day } = await params;
  const station = await stationOr404(slug);
  if (!isCalendarDay(day)) notFound();
  const webcams = await Promise.all(
    (await stationWebcams(station.id)).map(async (webcam) => ({
      webcam,
      images: await archivedImages(webcam, day, station.timezone),
      // A camera's images share their shape: the newest one's size lets each lazy thumbnail hold its
      // place in the grid before it loads, instead of pushing the page down when it does.
      shape: await readLatest(webcam),
    })),
  );
  return (
    <>
      <h1>Webcam du {longDay(day)}</h1>
      <nav className="pager" aria-label="Jours">
        <PageLink href={`/webcam/${addDays(day, -1)}`} rel="prev">
          ← Veille
        </PageLink>
        <PageLink href="/webcam">Image en direct</PageLink>
        <PageLink href={`/webcam/${addDays(day, 1)}`} rel="next">
          Lendemain →
        </PageLink>
      </nav>
      {webcams.length === 0 && <p>Cette station n'a pas de webcam.</p>}
      {webcams.map(({ webcam, images, shape }) => (
        <section key={webcam.id} data-webcam={webcam.key} aria-labelledby={`webcam-${webcam.key}`}>
          <h2 id={`webcam-${webcam.key}`}>{webcam.name}</h2>
          {images.length === 0 ? (
            <p>Aucune image archivée ce jour-là.</p>
          ) : (
            <ul className="thumbnails">
              {images.map((image) => {
                const base = `/webcam/images/${webcam.key}/${image.day}/${image.stem}`;
                return (
                  <li key={image.stem + image.day}>
                    <a href={`${base}-large.jpg`}>
                      <img
                        src={`${base}-small.jpg`}
                        width={shape?.width}
                        height={shape?.height}
                        alt={`Webcam ${webcam.name} à ${formatParis(image.takenAt, { timeStyle: "short" })}`}
                        loading="lazy"
                      />
                    </a>
                    <span data-time={image.takenAt}>
                      {formatParis(image.takenAt, { timeStyle: "short" })}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

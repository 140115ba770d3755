import type { Metadata } from "next";
import { MarkersMap } from "@/components/map/MarkersMap";
import { mapTiles } from "@/lib/config/map-tiles";
import { config } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format/numbers";
import { stationUrl } from "@/lib/http/hosts";
import { sanitizeUserHtml } from "@/lib/security/html";
import { stationOr404 } from "@/lib/stations/mini-site";
import { stationPhotos } from "@/lib/stations/photos";
import { WIDGET_HEIGHT, WIDGET_WIDTH } from "@/lib/stations/widget";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `À propos – ${station.name}` };
}

const yesNo = (value: boolean) => (value ? "oui" : "non");

/** A contact that looks like an e-mail address becomes a mailto: link. */
function Contact({ value }: { value: string }) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? <a href={`mailto:${value}`}>{value}</a> : value;
}

export default async function AboutPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const [photos, partners] = await Promise.all([
    stationPhotos(station.id),
    db().stationPartnerLink.findMany({
      where: { stationId: station.id },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
  ]);
  const siteUrl = config().siteUrl;
  const widgetUrl = stationUrl(station.slug, siteUrl, "/widget.png");
  const embed = `<a href="${stationUrl(station.slug, siteUrl)}"><img src="${widgetUrl}" width="${WIDGET_WIDTH}" height="${WIDGET_HEIGHT}" alt="Météo à ${station.commune}"></a>`;
  const facts: [string, string, React.ReactNode][] = [
    ["commune", "Commune", station.commune],
    ["altitude", "Altitude", `${station.altitude} m`],
    [
      "coordinates",
      "Coordonnées",
      `${formatNumber(station.latitude, 4)}° N, ${formatNumber(station.longitude, 4)}° E`,
    ],
    ["model", "Matériel", station.model ?? "—"],
    [
      "installedAt",
      "En service depuis",
      station.installedAt
        ? station.installedAt.toLocaleDateString("fr-FR", { timeZone: "UTC", dateStyle: "long" })
        : "—",
    ],
    ["exposure", "Emplacement et exposition", station.exposure ?? "—"],
    ["hasUv", "Capteur UV", yesNo(station.hasUv)],
    ["hasRadiation", "Capteur de rayonnement solaire", yesNo(station.hasRadiation)],
    ["offlineThreshold", "Considérée hors ligne après", `${station.offlineThresholdMinutes} min sans relevé`],
  ];
  return (
    <>
      <h1>À propos de la station {station.name}</h1>
      {station.description && (
        <div
          className="prose"
          data-field="description"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised with the site-wide allow-list
          dangerouslySetInnerHTML={{ __html: sanitizeUserHtml(station.description) }}
        />
      )}
      <div className="about-columns">
        <section aria-labelledby="fiche">
          <h2 id="fiche">Fiche de la station</h2>
          <dl className="facts">
            {facts.map(([field, label, value]) => (
              <div key={field}>
                <dt>{label}</dt>
                <dd data-field={field}>{value}</dd>
              </div>
            ))}
            {station.managerName && (
              <div>
                <dt>Responsable</dt>
                <dd data-field="manager">
                  {station.managerUrl ? (
                    <a href={station.managerUrl} rel="noopener">
                      {station.managerName}
                    </a>
                  ) : (
                    station.managerName
                  )}
                  {station.managerContact && (
                    <>
                      {" — "}
                      <Contact value={station.managerContact} />
                    </>
                  )}
                </dd>
              </div>
            )}
          </dl>
        </section>
        <section aria-labelledby="carte">
          <h2 id="carte">Emplacement</h2>
          <MarkersMap
            label={`Emplacement de la station ${station.name}`}
            center={[station.latitude, station.longitude]}
            zoom={12}
            height="18rem"
            tiles={mapTiles()}
            markers={[{ lat: station.latitude, lon: station.longitude, label: station.name }]}
          />
        </section>
      </div>
      {photos.length > 0 && (
        <section aria-labelledby="photos">
          <h2 id="photos">Photos</h2>
          <ul className="thumbnails photos">
            {photos.map((photo) => (
              <li key={photo.id}>
                <figure>
                  <a href={`/photos/${photo.fileKey}-large.jpg`}>
                    <img
                      src={`/photos/${photo.fileKey}-small.jpg`}
                      alt={photo.caption ?? `Photo de la station ${station.name}`}
                      width={photo.width}
                      height={photo.height}
                      loading="lazy"
                    />
                  </a>
                  {photo.caption && <figcaption>{photo.caption}</figcaption>}
                </figure>
              </li>
            ))}
          </ul>
        </section>
      )}
      {partners.length > 0 && (
        <section aria-labelledby="partenaires">
          <h2 id="partenaires">Partenaires</h2>
          <p>Les données de cette station sont aussi partagées avec :</p>
          <ul data-field="partners">
            {partners.map((partner) => (
              <li key={partner.id}>
                {partner.url ? (
                  <a href={partner.url} rel="noopener">
                    {partner.name}
                  </a>
                ) : (
                  partner.name
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="widget">
        <h2 id="widget">Afficher cette station sur votre site</h2>
        <p>
          Cette image ({WIDGET_WIDTH} × {WIDGET_HEIGHT} pixels) est mise à jour chaque minute ; elle devient
          orange quand la station est hors ligne.
        </p>
        <img
          src="/widget.png"
          width={WIDGET_WIDTH}
          height={WIDGET_HEIGHT}
          alt={`Météo à ${station.commune}`}
        />
        <p>Code à copier :</p>
        <pre className="code">
          <code>{embed}</code>
        </pre>
      </section>
    </>
  );
}

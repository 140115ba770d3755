import type { Metadata } from "next";
import { ConfirmButton, PartnerLinkForm, PhotoUploadForm } from "@/components/station-admin/forms";
import { config } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { stationUrl } from "@/lib/http/hosts";
import { managedStationPage } from "@/lib/station-admin/access";
import { stationPhotos } from "@/lib/stations/photos";
import { addPartnerLink, deletePartnerLink, deletePhoto, uploadStationPhoto } from "../actions";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Photos et partenaires" };

export default async function StationAboutAdminPage({ params }: Props) {
  const { station } = await managedStationPage((await params).slug);
  const [photos, partners] = await Promise.all([
    stationPhotos(station.id),
    db().stationPartnerLink.findMany({
      where: { stationId: station.id },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
  ]);
  const site = (path: string) => stationUrl(station.slug, config().siteUrl, path);
  return (
    <>
      <h1>{station.name} : photos et partenaires</h1>
      <p>
        Ils apparaissent sur la page <a href={site("/a-propos")}>À propos</a> de la station, avec sa
        description (onglet Informations).
      </p>
      <h2>Photos ({photos.length})</h2>
      {photos.length > 0 && (
        <ul className="thumbnails">
          {photos.map((photo) => (
            <li key={photo.id} data-photo={photo.id}>
              <img
                src={site(`/photos/${photo.fileKey}-small.jpg`)}
                alt={photo.caption ?? ""}
                loading="lazy"
              />
              <span>{photo.caption ?? <em className="muted">sans légende</em>}</span>
              <ConfirmButton
                action={deletePhoto.bind(null, station.slug, photo.id)}
                label="Supprimer"
                question="Supprimer cette photo ?"
              />
            </li>
          ))}
        </ul>
      )}
      <PhotoUploadForm action={uploadStationPhoto.bind(null, station.slug)} />
      <h2>Partenaires ({partners.length})</h2>
      {partners.length > 0 && (
        <ul className="admin-list">
          {partners.map((partner) => (
            <li key={partner.id} data-partner={partner.id}>
              <span>
                {partner.name} {partner.url && <span className="muted">{partner.url}</span>}
              </span>
              <ConfirmButton
                action={deletePartnerLink.bind(null, station.slug, partner.id)}
                label="Retirer"
                question={`Retirer ${partner.name} ?`}
              />
            </li>
          ))}
        </ul>
      )}
      <PartnerLinkForm action={addPartnerLink.bind(null, station.slug)} />
    </>
  );
}

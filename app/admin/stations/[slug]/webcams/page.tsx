import type { Metadata } from "next";
import {
  ConfirmButton,
  WebcamCreateForm,
  WebcamSettingsForm,
  WebcamTokenButton,
} from "@/components/station-admin/forms";
import { config } from "@/lib/config/settings";
import { stationUrl } from "@/lib/http/hosts";
import { managedStationPage } from "@/lib/station-admin/access";
import { formatDuration, formatParis } from "@/lib/time";
import { readLatest } from "@/lib/webcam/storage";
import { stationWebcams } from "@/lib/webcam/webcams";
import { createWebcam, deleteWebcam, regenerateWebcamToken, updateWebcam } from "../actions";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Webcams" };

export default async function StationWebcamsAdminPage({ params }: Props) {
  const { station } = await managedStationPage((await params).slug);
  const webcams = await Promise.all(
    (await stationWebcams(station.id)).map(async (webcam) => ({ webcam, latest: await readLatest(webcam) })),
  );
  const { siteUrl } = config();
  const uploadUrl = new URL(`/api/v1/stations/${station.slug}/webcam`, siteUrl).toString();
  const now = Date.now() / 1000;
  return (
    <>
      <h1>{station.name} : webcams</h1>
      <p>
        Chaque webcam envoie ses images JPEG (10 Mo au maximum) à <code>{uploadUrl}</code> avec son propre
        jeton. Le site en fait des versions web sans métadonnées, montre la dernière sur la page{" "}
        <a href={stationUrl(station.slug, siteUrl, "/webcam")}>Webcam</a> et en garde une par heure, effacée
        après la durée de conservation.
      </p>
      {webcams.map(({ webcam, latest }) => (
        <section key={webcam.id} className="card admin-card" data-webcam={webcam.key}>
          <h2>
            {webcam.name} <span className="muted">({webcam.key})</span>
          </h2>
          <p data-field="webcam-latest">
            {latest
              ? `Dernière image reçue le ${formatParis(latest.takenAt)} (il y a ${formatDuration(now - latest.takenAt)}).`
              : "Aucune image reçue pour le moment."}
          </p>
          <WebcamSettingsForm
            action={updateWebcam.bind(null, station.slug, webcam.id)}
            initial={{
              key: webcam.key,
              name: webcam.name,
              intervalMinutes: String(webcam.intervalMinutes),
              retentionDays: String(webcam.retentionDays),
            }}
          />
          <div className="actions">
            <WebcamTokenButton
              action={regenerateWebcamToken.bind(null, station.slug, webcam.id)}
              uploadUrl={uploadUrl}
            />
            <ConfirmButton
              action={deleteWebcam.bind(null, station.slug, webcam.id)}
              label="Supprimer la webcam et ses images"
              question={`Supprimer la webcam ${webcam.name} et toutes ses images ?`}
            />
          </div>
        </section>
      ))}
      <h2>Ajouter une webcam</h2>
      <WebcamCreateForm action={createWebcam.bind(null, station.slug)} uploadUrl={uploadUrl} />
    </>
  );
}

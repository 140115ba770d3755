import type { Metadata } from "next";
import { canManageStation, hasRole, requirePageRole } from "@/lib/accounts/auth";
import { formatNumber } from "@/lib/format/numbers";
import { stationAlertSettings } from "@/lib/lightning/alerts";
import { importStatus } from "@/lib/lightning/queries";
import { lightningEnabled } from "@/lib/lightning/settings";
import { listStations } from "@/lib/stations/queries";
import { formatParis } from "@/lib/time";
import { AlertForm } from "./AlertForm";

export const metadata: Metadata = { title: "Foudre" };

export default async function AdminLightningPage() {
  const user = await requirePageRole("AUTHOR", "/admin/foudre");
  if (!lightningEnabled()) {
    return (
      <>
        <h1>Foudre</h1>
        <p className="banner banner-info">
          La foudre n'est pas activée sur ce serveur : renseignez le compte participant Blitzortung de
          l'association (variables BLITZORTUNG_USERNAME et BLITZORTUNG_PASSWORD) dans la configuration, puis
          programmez <code>meteo lightning import</code>.
        </p>
      </>
    );
  }
  const stations = (await listStations()).filter((s) => canManageStation(user, s.id));
  const [settings, status] = await Promise.all([
    stationAlertSettings(stations.map((s) => s.id)),
    hasRole(user, "EDITOR") ? importStatus() : null,
  ]);
  return (
    <>
      <h1>Foudre</h1>
      {status && (
        <section className="card" aria-labelledby="import">
          <h2 id="import" style={{ marginTop: 0 }}>
            Importation
          </h2>
          <p data-field="lastImport">
            Dernière importation réussie :{" "}
            {status.lastSuccess ? formatParis(status.lastSuccess.startedAt.getTime() / 1000) : "jamais"}
            {status.lastSuccess?.message && <span className="muted"> — {status.lastSuccess.message}</span>}
          </p>
          {status.lastRun && status.lastRun.status === "FAILED" && (
            <p className="banner banner-danger" role="status">
              Échec de la dernière importation ({formatParis(status.lastRun.startedAt.getTime() / 1000)}) :{" "}
              {status.lastRun.message}
            </p>
          )}
          <p>
            {formatNumber(status.stored, 0)} impacts conservés
            {status.newestMs !== null && `, le plus récent le ${formatParis(status.newestMs / 1000)}`}.
          </p>
        </section>
      )}

      <h2>Alertes par station</h2>
      {settings.length === 0 && <p className="muted">Vous ne gérez aucune station.</p>}
      <div className="grid">
        {settings.map((s) => (
          <section
            key={s.stationId}
            className="card"
            data-station={s.slug}
            aria-labelledby={`alerte-${s.slug}`}
          >
            <h3 id={`alerte-${s.slug}`} style={{ marginTop: 0 }}>
              {s.name}
            </h3>
            <p data-field="alertState">
              {s.radiusKm === null
                ? "Pas d'alerte."
                : `État : ${s.message === null ? "pas encore contrôlé" : s.active ? "alerte en cours" : "calme"}${s.message ? ` (${s.message})` : ""}.`}
            </p>
            <p className="muted" data-field="subscribers">
              Abonnés : {s.subscribers.length ? s.subscribers.map((u) => u.name).join(", ") : "personne"}
            </p>
            <AlertForm
              stationId={s.stationId}
              stationName={s.name}
              radiusKm={s.radiusKm}
              subscribed={s.subscribers.some((u) => u.id === user.id)}
            />
          </section>
        ))}
      </div>
    </>
  );
}

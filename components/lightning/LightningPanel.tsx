import { config } from "@/lib/config/settings";
import { formatAgo, strikePlace } from "@/lib/lightning/display";
import { PANEL_WINDOW_SECONDS, stationActivity } from "@/lib/lightning/queries";
import { lightningEnabled } from "@/lib/lightning/settings";
import type { Station } from "@/lib/stations/queries";
import { formatParis } from "@/lib/time";
import { CountsTable } from "./CountsTable";
import styles from "./lightning.module.css";

const clock = (timeMs: number) => formatParis(timeMs / 1000, { timeStyle: "short" });

/**
 * Storm activity around a station: the last and the nearest strike of the last 3 hours, and counts
 * within 10 / 30 / 100 km. Renders nothing when lightning is off or no strike fell within 100 km
 * (unless `always`, on the station's lightning page). Self-contained: one line in any station page.
 */
export async function LightningPanel({ station, always = false }: { station: Station; always?: boolean }) {
  if (!lightningEnabled()) return null;
  const activity = await stationActivity(station.id, Date.now());
  const hours = PANEL_WINDOW_SECONDS / 3600;
  if (!activity?.latest || !activity.nearest) {
    if (!always) return null;
    return (
      <section
        className={`card ${styles.panel}`}
        aria-labelledby="foudre-activite"
        data-lightning-panel="calm"
      >
        <h2 id="foudre-activite">Activité orageuse</h2>
        <p>Aucun impact de foudre à moins de 100 km depuis {hours} heures.</p>
      </section>
    );
  }
  const { latest, nearest, counts, nowMs } = activity;
  const close = nearest.distance <= 10_000 && nowMs - nearest.timeMs <= 3600_000;
  return (
    <section
      className={`card ${styles.panel}${close ? ` ${styles.near}` : ""}`}
      aria-labelledby="foudre-activite"
      data-lightning-panel="active"
    >
      <h2 id="foudre-activite">Activité orageuse</h2>
      <p className={styles.headline} data-field="lastStrike">
        Dernier impact à {strikePlace(latest.distance, latest.bearing)},{" "}
        {formatAgo((nowMs - latest.timeMs) / 1000)} ({clock(latest.timeMs)})
      </p>
      {nearest !== latest && (
        <p data-field="nearestStrike">
          Le plus proche depuis {hours} h : {strikePlace(nearest.distance, nearest.bearing)}, à{" "}
          {clock(nearest.timeMs)}.
        </p>
      )}
      <div className={styles.counts}>
        <CountsTable
          caption="Nombre d'impacts selon la distance à la station."
          head="Distance"
          columns={["Dernière heure", `${hours} dernières heures`]}
          rows={counts.map((c) => ({
            key: `${c.radiusKm}`,
            label: `moins de ${c.radiusKm} km`,
            values: [c.lastHour, c.window],
          }))}
          empty=""
        />
      </div>
      <p className={styles.links}>
        <a href={`${config().siteUrl.origin}/foudre`}>Carte de la foudre en direct</a>
        {!always && <a href="/foudre">Statistiques de foudre de la station</a>}
      </p>
    </section>
  );
}

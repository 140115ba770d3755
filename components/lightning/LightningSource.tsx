import { lastImportMs } from "@/lib/lightning/queries";
import { isDemo } from "@/lib/lightning/settings";
import { formatDuration, formatParis } from "@/lib/time";

/** Past this, visitors are told that the strikes shown are not current. */
const STALE_MS = 15 * 60_000;

/** Where the strikes come from (Blitzortung's terms ask for it), and how fresh they are. */
export async function LightningSource() {
  const last = await lastImportMs();
  const age = last === null ? null : Date.now() - last;
  return (
    <>
      {age !== null && age > STALE_MS && (
        <p className="banner banner-warning" role="status">
          Les impacts ne sont plus mis à jour depuis {formatDuration(age / 1000)} : la carte peut être
          incomplète.
        </p>
      )}
      <p className="muted">
        Données : réseau communautaire de détection <a href="https://www.blitzortung.org/">Blitzortung.org</a>
        , à usage non commercial.{" "}
        {last !== null
          ? `Dernière mise à jour : ${formatParis(last / 1000)}.`
          : isDemo()
            ? "Site de démonstration : impacts fictifs."
            : "Aucune importation pour le moment."}
      </p>
    </>
  );
}

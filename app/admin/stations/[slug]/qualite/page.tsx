import type { Metadata } from "next";
import { QualityToleranceForm } from "@/components/station-admin/QualityToleranceForm";
import { TableScroll } from "@/components/tables/TableScroll";
import { db } from "@/lib/db/client";
import { decisionLog, openEpisodes, TOLERANCE_FACTORS } from "@/lib/qc/decisions";
import { CHECK_LABEL, QUANTITY_LABEL, TUNABLE_CHECKS, type TunableCheck } from "@/lib/qc/limits";
import { managedStationPage } from "@/lib/station-admin/access";
import { formatParis } from "@/lib/time";
import { decideQualityFlags, saveQualityTolerance } from "../actions";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Qualité des données" };

const LEVEL = { SUSPECT: "suspecte", ERRONEOUS: "erronée" } as const;

export default async function StationQualityAdminPage({ params }: Props) {
  const { station } = await managedStationPage((await params).slug);
  const [episodes, decisions, tolerances] = await Promise.all([
    openEpisodes(station.id),
    decisionLog(station.id),
    db().qcTolerance.findMany({ where: { stationId: station.id } }),
  ]);
  const decide = decideQualityFlags.bind(null, station.slug);
  return (
    <>
      <h1>{station.name} : qualité des données</h1>
      <p>
        Le contrôle qualité examine chaque relevé dès son arrivée. Une valeur <strong>erronée</strong> est
        écartée de la climatologie, des records, des flux partenaires et de l'open data (comme une
        invalidation) et signalée sur les graphiques ; une valeur <strong>suspecte</strong> est gardée mais
        signalée. Confirmez un signalement pour en faire une invalidation, ou écartez-le si la valeur est
        réelle : elle est alors reprise partout et n'est plus signalée.
      </p>
      <h2>Signalements ouverts</h2>
      {episodes.length === 0 ? (
        <p data-field="no-flags">Aucun signalement ouvert.</p>
      ) : (
        <TableScroll label="Signalements ouverts">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Grandeur</th>
                <th scope="col">Contrôle</th>
                <th scope="col">Niveau</th>
                <th scope="col">Période</th>
                <th scope="col">Valeurs</th>
                <th scope="col">Constat</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {episodes.map((e) => (
                <tr key={`${e.quantity}:${e.check}:${e.from}`} data-flag={`${e.quantity}:${e.check}`}>
                  <td>{QUANTITY_LABEL[e.quantity]}</td>
                  <td>{CHECK_LABEL[e.check] ?? e.check}</td>
                  <td className={e.level === "ERRONEOUS" ? "error" : undefined}>{LEVEL[e.level]}</td>
                  <td>
                    du {formatParis(e.from)} au {formatParis(e.to)}
                  </td>
                  <td className="num">{e.count}</td>
                  <td>{e.detail}</td>
                  <td>
                    <form action={decide} className="actions">
                      <input type="hidden" name="quantity" value={e.quantity} />
                      <input type="hidden" name="check" value={e.check} />
                      <input type="hidden" name="from" value={e.from} />
                      <input type="hidden" name="to" value={e.to} />
                      <button type="submit" name="decision" value="confirm">
                        Confirmer (invalider)
                      </button>
                      <button type="submit" name="decision" value="dismiss" className="secondary">
                        Valeur réelle
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>Régler un contrôle</h2>
      <p>
        Si un contrôle signale à tort des valeurs propres à votre site (station abritée, microclimat),
        augmentez sa tolérance. Les limites physiques et les incohérences entre capteurs ne se règlent pas.
      </p>
      <QualityToleranceForm
        action={saveQualityTolerance.bind(null, station.slug)}
        factors={TOLERANCE_FACTORS}
        checks={Object.entries(TUNABLE_CHECKS).map(([check, label]) => ({
          check,
          label,
          factor: tolerances.find((t) => t.check === (check as TunableCheck))?.factor ?? 1,
        }))}
      />
      <h2>Décisions</h2>
      {decisions.length === 0 ? (
        <p>Aucune décision pour le moment.</p>
      ) : (
        <ul data-field="decisions">
          {decisions.map((d) => (
            <li key={d.id}>
              {formatParis(d.at.getTime() / 1000)} — {d.decidedBy} :{" "}
              {d.action === "CONFIRM" ? "confirmé" : d.action === "DISMISS" ? "valeur réelle" : "réglage"} —{" "}
              {d.detail}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

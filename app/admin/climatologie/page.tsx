import type { Metadata } from "next";
import Link from "next/link";
import { TableScroll } from "@/components/tables/TableScroll";
import { requirePageRole } from "@/lib/accounts/auth";
import { listInvalidations, SENSOR_LABELS } from "@/lib/climate/invalidations";
import { db } from "@/lib/db/client";
import type { SensorGroup } from "@/lib/generated/prisma/enums";
import { listStations } from "@/lib/stations/queries";
import { formatParis, monthLabel } from "@/lib/time";
import { removeInvalidationAction } from "./actions";
import { InvalidationForm } from "./InvalidationForm";

export const metadata: Metadata = { title: "Climatologie — administration" };

export default async function ClimateAdminPage() {
  await requirePageRole("EDITOR", "/admin/climatologie");
  const [stations, invalidations, summaries] = await Promise.all([
    listStations(),
    listInvalidations(),
    db().climateSummary.findMany({
      orderBy: [{ month: "desc" }, { createdAt: "desc" }],
      take: 60,
      include: { station: { select: { name: true } } },
    }),
  ]);
  return (
    <>
      <h1>Climatologie</h1>

      <h2>Bilans mensuels à relire</h2>
      <p className="muted">
        Le 1er de chaque mois, une fois la dernière journée close (06 h UTC), un brouillon de bilan
        climatologique du mois écoulé est rédigé pour chaque station.
      </p>
      {summaries.length === 0 ? (
        <p>Aucun bilan pour le moment.</p>
      ) : (
        <ul data-summaries="">
          {summaries.map((s) => (
            <li key={s.id}>
              <Link href={`/admin/climatologie/bilans/${s.id}`}>{s.title}</Link>{" "}
              <small className="muted">
                ({s.station.name}, {monthLabel(s.month)}, rédigé le{" "}
                {formatParis(s.createdAt.getTime() / 1000)})
              </small>
            </li>
          ))}
        </ul>
      )}

      <h2>Données invalidées</h2>
      <p className="muted">
        Les données d'un capteur invalidé sont exclues des agrégats et de la climatologie comme si elles
        manquaient ; le recalcul est immédiat (et annulé si l'invalidation est supprimée).
      </p>
      {invalidations.length === 0 ? (
        <p>Aucune invalidation.</p>
      ) : (
        <TableScroll label="Données invalidées">
          <table className="data" data-invalidations="">
            <thead>
              <tr>
                <th scope="col">Station</th>
                <th scope="col">Capteur</th>
                <th scope="col">Du (exclu)</th>
                <th scope="col">Au (inclus)</th>
                <th scope="col">Raison</th>
                <th scope="col">Par</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {invalidations.map((row) => (
                <tr key={row.id} data-id={row.id}>
                  <td>{row.station.name}</td>
                  <td>{SENSOR_LABELS[row.sensor]}</td>
                  <td>{formatParis(row.from.getTime() / 1000)}</td>
                  <td>{formatParis(row.to.getTime() / 1000)}</td>
                  <td>{row.reason}</td>
                  <td>{row.createdBy ?? "—"}</td>
                  <td>
                    <form action={removeInvalidationAction}>
                      <input type="hidden" name="id" value={row.id} />
                      <button type="submit" className="secondary">
                        Supprimer
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3>Invalider une période</h3>
      <InvalidationForm
        stations={stations.map((s) => ({ slug: s.slug, name: s.name }))}
        sensors={(Object.keys(SENSOR_LABELS) as SensorGroup[]).map((value) => ({
          value,
          label: SENSOR_LABELS[value],
        }))}
      />
    </>
  );
}

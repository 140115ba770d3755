import type { Metadata } from "next";
import { TableScroll } from "@/components/tables/TableScroll";
import { requirePageRole } from "@/lib/accounts/auth";
import { STATE_LABEL } from "@/lib/ops/alerts";
import { statusPageData } from "@/lib/ops/status";
import { formatDuration, formatParis } from "@/lib/time";
import { acknowledge } from "./actions";

export const metadata: Metadata = { title: "État du serveur" };

const seconds = (d: Date) => d.getTime() / 1000;
const JOB_LABEL = { RUNNING: "en cours", SUCCESS: "réussi", FAILED: "échec" } as const;

export default async function StatusPage() {
  await requirePageRole("ADMIN", "/admin/etat");
  const [checks, runs] = await statusPageData();
  const now = Date.now() / 1000;
  const latestPerJob = [...new Map(runs.map((r) => [r.name, r])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const bad = checks.filter((c) => c.state !== "OK").length;
  return (
    <>
      <h1>État du serveur</h1>
      <p>
        {checks.length === 0
          ? "Aucun contrôle enregistré : la surveillance (npm run meteo -- monitor) n'a pas encore tourné."
          : bad === 0
            ? `Les ${checks.length} contrôles sont au vert.`
            : `${bad} contrôle(s) sur ${checks.length} demandent votre attention.`}
      </p>

      <h2>Contrôles</h2>
      <TableScroll label="Contrôles">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Contrôle</th>
              <th scope="col">État</th>
              <th scope="col">Détail</th>
              <th scope="col">Depuis</th>
              <th scope="col">Vérifié</th>
              <th scope="col">Prise en charge</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.id} data-check={check.key} data-state={check.state}>
                <th scope="row">{check.key}</th>
                <td>
                  <span className={`state state-${check.state.toLowerCase()}`}>
                    {STATE_LABEL[check.state]}
                  </span>
                </td>
                <td>
                  {check.message}
                  {check.events.length > 0 && (
                    <details>
                      <summary>Historique ({check.events.length})</summary>
                      <ul className="history">
                        {check.events.map((e) => (
                          <li key={e.id}>
                            {formatParis(seconds(e.at))} : {STATE_LABEL[e.from]} → {STATE_LABEL[e.to]} —{" "}
                            {e.message}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>
                  {formatParis(seconds(check.since))} ({formatDuration(now - seconds(check.since))})
                </td>
                <td>il y a {formatDuration(now - seconds(check.checkedAt))}</td>
                <td>
                  {check.state === "OK" ? (
                    "—"
                  ) : check.acknowledgedAt ? (
                    <span data-acknowledged>
                      acquitté par {check.acknowledgedBy} le {formatParis(seconds(check.acknowledgedAt))}
                    </span>
                  ) : (
                    <form action={acknowledge}>
                      <input type="hidden" name="key" value={check.key} />
                      <button type="submit">Acquitter</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>Tâches planifiées</h2>
      <TableScroll label="Tâches planifiées">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Tâche</th>
              <th scope="col">Dernier passage</th>
              <th scope="col">Résultat</th>
              <th scope="col">Durée</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {latestPerJob.map((run) => (
              <tr key={run.id} data-job={run.name} data-status={run.status}>
                <th scope="row">{run.name}</th>
                <td>{formatParis(seconds(run.startedAt))}</td>
                <td>{JOB_LABEL[run.status]}</td>
                <td>
                  {run.finishedAt
                    ? `${Math.max(0, Math.round(seconds(run.finishedAt) - seconds(run.startedAt)))} s`
                    : "—"}
                </td>
                <td>{run.message ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <details>
        <summary>Derniers passages ({runs.length})</summary>
        <ul className="history">
          {runs.map((run) => (
            <li key={run.id}>
              {formatParis(seconds(run.startedAt))} {run.name} : {JOB_LABEL[run.status]}
              {run.message ? ` — ${run.message}` : ""}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

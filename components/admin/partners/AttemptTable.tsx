import { TableScroll } from "@/components/tables/TableScroll";
import type { listAttempts } from "@/lib/partners/feeds";
import { PARTNER_LABEL } from "@/lib/partners/feeds";
import { formatParis } from "@/lib/time";

type Row = Awaited<ReturnType<typeof listAttempts>>["rows"][number];

const OUTCOME = { SUCCESS: "Réussi", FAILURE: "Échec", SKIPPED: "Non envoyé" } as const;
const TONE = { SUCCESS: "success", FAILURE: "danger", SKIPPED: "muted" } as const;

/** Rows of the audit log (excerpts are masked when recorded). */
export function AttemptTable({ rows, showFeed }: { rows: Row[]; showFeed: boolean }) {
  if (rows.length === 0) return <p>Aucun échange enregistré.</p>;
  return (
    <TableScroll label="Journal des envois">
      <table className="data" aria-label="Journal des envois">
        <thead>
          <tr>
            <th>Début</th>
            {showFeed && <th>Station</th>}
            {showFeed && <th>Partenaire</th>}
            <th>Relevé</th>
            <th className="num">Essai</th>
            <th className="num">Durée</th>
            <th>Résultat</th>
            <th>Statut</th>
            <th>Réponse</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-outcome={row.outcome}>
              <td>
                {formatParis(row.startedAt.getTime() / 1000, { dateStyle: "short", timeStyle: "medium" })}
              </td>
              {showFeed && <td>{row.feed.station.name}</td>}
              {showFeed && <td>{PARTNER_LABEL[row.feed.partner]}</td>}
              <td>{row.recordTime ? formatParis(row.recordTime) : "—"}</td>
              <td className="num">{row.tryNumber}</td>
              <td className="num">{row.durationMs} ms</td>
              <td>
                <span className={`pill pill-${TONE[row.outcome]}`}>{OUTCOME[row.outcome]}</span>
              </td>
              <td>{row.status ?? "—"}</td>
              <td className="excerpt">{row.excerpt ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

import Link from "next/link";
import { hasRole, requirePageRole } from "@/lib/accounts/auth";
import { listAdminArticles } from "@/lib/articles/admin";
import { TYPE_LABEL } from "@/lib/articles/model";
import { listStations } from "@/lib/stations/queries";
import { formatParis } from "@/lib/time";

const ROLE_LABEL = { ADMIN: "administrateur", EDITOR: "éditeur", AUTHOR: "auteur" } as const;

export default async function AdminHome() {
  const user = await requirePageRole("AUTHOR", "/admin");
  const [stations, [pending, pendingCount]] = await Promise.all([
    listStations(),
    listAdminArticles(user, { status: "PENDING" }),
  ]);
  const reviewer = hasRole(user, "EDITOR");
  return (
    <>
      <h1>Bonjour {user.name}</h1>
      <p>
        Vous êtes connecté en tant que <strong data-role={user.role}>{ROLE_LABEL[user.role]}</strong>.
      </p>
      <section aria-labelledby="relecture">
        <h2 id="relecture">
          {reviewer ? "Articles à relire" : "Vos articles en attente de relecture"} ({pendingCount})
        </h2>
        {pending.length === 0 ? (
          <p className="muted">Aucun article en attente de relecture.</p>
        ) : (
          <ul data-pending-review>
            {pending.map((a) => (
              <li key={a.id}>
                <Link href={`/admin/articles/${a.id}`}>{a.title}</Link>{" "}
                <span className="muted">
                  {TYPE_LABEL[a.type]} · {a.author?.name ?? "—"} · soumis le{" "}
                  {formatParis(a.updatedAt.getTime() / 1000)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>Stations ({stations.length})</h2>
      <ul>
        {stations.map((station) => (
          <li key={station.id}>{station.name}</li>
        ))}
      </ul>
    </>
  );
}

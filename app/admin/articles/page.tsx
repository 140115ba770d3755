import Link from "next/link";
import { TableScroll } from "@/components/tables/TableScroll";
import { hasRole, requirePageRole } from "@/lib/accounts/auth";
import { listAdminArticles } from "@/lib/articles/admin";
import { ARTICLE_STATUSES, effectiveStatus, STATUS_LABEL, TYPE_LABEL } from "@/lib/articles/model";
import { TRASH_DAYS } from "@/lib/articles/store";
import { formatParis } from "@/lib/time";
import { TrashActions } from "./_editor/TrashActions";

type Props = { searchParams: Promise<{ statut?: string; mes?: string; corbeille?: string }> };

export default async function AdminArticles({ searchParams }: Props) {
  const user = await requirePageRole("AUTHOR", "/admin/articles");
  const params = await searchParams;
  const status = ARTICLE_STATUSES.find((s) => s === params.statut);
  const trash = params.corbeille === "1";
  const [articles, total] = await listAdminArticles(user, { status, mine: params.mes === "1", trash });
  const editor = hasRole(user, "EDITOR");
  return (
    <>
      <h1>Articles</h1>
      <p>
        <Link className="button primary" href="/admin/articles/nouveau">
          Nouvel article
        </Link>
      </p>
      <nav className="filters" aria-label="Filtres">
        <Link href="/admin/articles">Tous ({editor ? "toute l'équipe" : "les vôtres"})</Link>
        {editor && <Link href="/admin/articles?mes=1">Les miens</Link>}
        {ARTICLE_STATUSES.map((s) => (
          <Link key={s} href={`/admin/articles?statut=${s}`}>
            {STATUS_LABEL[s]}
          </Link>
        ))}
        <Link href="/admin/articles?corbeille=1">Corbeille</Link>
      </nav>
      {trash && (
        <p>Corbeille : les articles y restent {TRASH_DAYS} jours avant d'être supprimés définitivement.</p>
      )}
      <p className="muted">{total} article(s)</p>
      <TableScroll label="Articles">
        <table>
          <thead>
            <tr>
              <th>Titre</th>
              <th>Type</th>
              <th>Statut</th>
              <th>Auteur</th>
              <th>Publication</th>
              <th>{trash ? "Mis à la corbeille" : "Modifié"}</th>
              {trash && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id} data-article-id={a.id}>
                <td>
                  <Link href={`/admin/articles/${a.id}`}>{a.title}</Link>
                </td>
                <td>{TYPE_LABEL[a.type]}</td>
                <td data-status={effectiveStatus(a)}>{STATUS_LABEL[effectiveStatus(a)]}</td>
                <td>{a.author?.name ?? "—"}</td>
                <td>{a.publishedAt ? formatParis(a.publishedAt.getTime() / 1000) : "—"}</td>
                <td>{formatParis((a.trashedAt ?? a.updatedAt).getTime() / 1000)}</td>
                {trash && (
                  <td>
                    <TrashActions id={a.id} title={a.title} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { hasRole, requirePageRole } from "@/lib/accounts/auth";
import { compareDetails, compareRevisions, type DiffPart } from "@/lib/articles/diff";
import { canEditArticle } from "@/lib/articles/permissions";
import { listRevisions } from "@/lib/articles/store";
import { db } from "@/lib/db/client";
import { formatParis } from "@/lib/time";
import { RestoreButton } from "./RestoreButton";

function Differences({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <div className="card diff" data-diff={label}>
      {parts.map((part, i) =>
        part.kind === "added" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <ins key={i}>{part.text}</ins>
        ) : part.kind === "removed" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <del key={i}>{part.text}</del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}

type Revision = Awaited<ReturnType<typeof listRevisions>>[number];

/** One of the two revisions to compare, labelled. */
function RevisionSelect({
  label,
  name,
  revisions,
  selected,
}: {
  label: string;
  name: string;
  revisions: Revision[];
  selected?: number;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={selected}>
        {revisions.map((r) => (
          <option key={r.id} value={r.id}>
            {formatParis(r.createdAt.getTime() / 1000)} — {r.author?.name ?? "?"}
            {r.autosave ? " (auto)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> };

/** Every save of an article: compare two of them, restore one. */
export default async function Revisions({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requirePageRole("AUTHOR", `/admin/articles/${id}/revisions`);
  const article = Number.isInteger(Number(id))
    ? await db().article.findUnique({ where: { id: Number(id) } })
    : null;
  if (!article) notFound();
  if (!hasRole(user, "EDITOR") && article.authorId !== user.id) forbidden();
  const revisions = await listRevisions(article.id);
  const { a, b } = await searchParams;
  const newer = revisions.find((r) => r.id === Number(b)) ?? revisions[0];
  const older = revisions.find((r) => r.id === Number(a)) ?? revisions[1];
  const diff = older && newer ? compareRevisions(older, newer) : null;
  const details = older && newer ? compareDetails(older, newer) : undefined;
  const editable = canEditArticle(user, article);
  return (
    <>
      <h1>Révisions de « {article.title} »</h1>
      <p>
        <Link href={`/admin/articles/${article.id}`}>← Retour à l'éditeur</Link>
      </p>
      <form className="toolbar" action="">
        <RevisionSelect label="Comparer" name="a" revisions={revisions} selected={older?.id} />
        <RevisionSelect label="avec" name="b" revisions={revisions} selected={newer?.id} />
        <button type="submit">Comparer</button>
      </form>
      {diff && <Differences parts={diff} label="text" />}
      {details && details.length > 0 && (
        <>
          <h2>Tableau de prévision et vigilance</h2>
          <Differences parts={details} label="details" />
        </>
      )}
      {details === null && (article.type === "FORECAST" || article.type === "VIGILANCE") && (
        <p className="muted">
          Le tableau de prévision et la vigilance ne sont pas comparés : l'une des deux révisions date d'avant
          leur conservation.
        </p>
      )}
      <ol className="revisions">
        {revisions.map((r) => (
          <li key={r.id} data-revision={r.id}>
            {formatParis(r.createdAt.getTime() / 1000)} — {r.author?.name ?? "?"} — « {r.title} »
            {r.autosave ? " (enregistrement automatique)" : ""}{" "}
            {editable && <RestoreButton articleId={article.id} revisionId={r.id} />}
          </li>
        ))}
      </ol>
    </>
  );
}

import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { ArticleView } from "@/components/articles/ArticleView";
import { hasRole, requirePageRole } from "@/lib/accounts/auth";
import { STATUS_LABEL } from "@/lib/articles/model";
import { canEditArticle } from "@/lib/articles/permissions";
import { articleForDisplay } from "@/lib/articles/queries";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Aperçu", robots: { index: false } };

/** A draft exactly as it will appear (the same component as the public page). */
export default async function Preview({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("AUTHOR", `/admin/articles/${id}/apercu`);
  const ref = Number.isInteger(Number(id))
    ? await db().article.findUnique({ where: { id: Number(id) } })
    : null;
  if (!ref) notFound();
  if (!hasRole(user, "EDITOR") && ref.authorId !== user.id && !canEditArticle(user, ref)) forbidden();
  const article = await articleForDisplay({ id: ref.id });
  if (!article) notFound();
  return (
    <>
      <p className="banner banner-info no-print">
        Aperçu — statut : {STATUS_LABEL[ref.status]}. Les visiteurs verront exactement cette page une fois
        l'article publié.
      </p>
      <ArticleView article={article} />
    </>
  );
}

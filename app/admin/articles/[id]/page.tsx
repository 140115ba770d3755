import { forbidden, notFound } from "next/navigation";
import { requirePageRole } from "@/lib/accounts/auth";
import { editorContext, editorState } from "@/lib/articles/admin";
import { allowedStatuses, allowedTypes, canEditArticle } from "@/lib/articles/permissions";
import { TRASH_DAYS } from "@/lib/articles/store";
import { formatParis } from "@/lib/time";
import { ArticleEditor, type EditorArticle } from "../_editor/ArticleEditor";
import { TrashActions } from "../_editor/TrashActions";

export default async function EditArticle({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("AUTHOR", `/admin/articles/${id}`);
  const state = Number.isInteger(Number(id)) ? await editorState(Number(id)) : null;
  if (!state) notFound();
  if (!canEditArticle(user, state.article)) forbidden();
  const { trashedAt, title } = state.article;
  if (trashedAt) {
    const purge = new Date(trashedAt.getTime() + TRASH_DAYS * 86_400_000);
    return (
      <>
        <h1>{title}</h1>
        <p className="banner" data-trashed>
          Cet article est dans la corbeille depuis le {formatParis(trashedAt.getTime() / 1000)} ; il sera
          supprimé définitivement le {formatParis(purge.getTime() / 1000, { dateStyle: "long" })}.
        </p>
        <TrashActions id={state.article.id} title={title} />
      </>
    );
  }
  const types = allowedTypes(user);
  return (
    <>
      <h1>Modifier l'article</h1>
      {/* No key: a save refreshes this page, and the editor keeps what was typed meanwhile. */}
      <ArticleEditor
        article={state.initial as EditorArticle}
        savedAt={state.article.updatedAt}
        canPublish={allowedStatuses(user).includes("PUBLISHED")}
        types={types.includes(state.article.type) ? types : [...types, state.article.type]}
        {...(await editorContext())}
      />
    </>
  );
}

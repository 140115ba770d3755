import { forbidden, notFound } from "next/navigation";
import { editorContext, editorState } from "@/lib/articles/admin";
import { allowedStatuses, allowedTypes, canEditArticle } from "@/lib/articles/permissions";
import { requirePageRole } from "@/lib/auth";
import { ArticleEditor, type EditorArticle } from "../_editor/ArticleEditor";

export default async function EditArticle({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("AUTHOR", `/admin/articles/${id}`);
  const state = Number.isInteger(Number(id)) ? await editorState(Number(id)) : null;
  if (!state) notFound();
  if (!canEditArticle(user, state.article)) forbidden();
  const types = allowedTypes(user);
  return (
    <>
      <h1>Modifier l'article</h1>
      <ArticleEditor
        key={state.article.updatedAt.toISOString()}
        article={state.initial as EditorArticle}
        canPublish={allowedStatuses(user).includes("PUBLISHED")}
        types={types.includes(state.article.type) ? types : [...types, state.article.type]}
        {...(await editorContext())}
      />
    </>
  );
}

import { requirePageRole } from "@/lib/accounts/auth";
import { editorContext } from "@/lib/articles/admin";
import { allowedStatuses, allowedTypes } from "@/lib/articles/permissions";
import { ArticleEditor } from "../_editor/ArticleEditor";

export default async function NewArticle({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const user = await requirePageRole("AUTHOR", "/admin/articles/nouveau");
  const types = allowedTypes(user);
  const wanted = (await searchParams).type;
  const type = types.find((t) => t === wanted) ?? types.find((t) => t === "NEWS")!;
  const context = await editorContext();
  return (
    <>
      <h1>Nouvel article</h1>
      <ArticleEditor
        article={{
          id: null,
          type,
          status: "DRAFT",
          title: "",
          slug: "",
          excerpt: "",
          bodyHtml: "",
          coverId: null,
          coverUrl: null,
          categoryIds: [],
          tags: [],
          publishedAt: "",
          forecast: [],
          vigilance: null,
        }}
        savedAt={null}
        canPublish={allowedStatuses(user).includes("PUBLISHED")}
        types={types}
        {...context}
      />
    </>
  );
}

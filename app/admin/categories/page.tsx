import { listCategories } from "@/lib/articles/categories";
import { ARTICLE_TYPES, TYPE_LABEL } from "@/lib/articles/model";
import { requirePageRole } from "@/lib/auth";
import { saveCategoryTypesAction } from "./actions";

export default async function CategoriesPage() {
  await requirePageRole("EDITOR", "/admin/categories");
  const categories = await listCategories();
  return (
    <>
      <h1>Catégories</h1>
      <p className="muted">
        Le type donné à chaque catégorie décide du type des articles importés de WordPress. Relancez l'import
        après un changement : les articles existants sont mis à jour.
      </p>
      <form action={saveCategoryTypesAction} className="stack">
        <table>
          <thead>
            <tr>
              <th>Catégorie</th>
              <th>Articles</th>
              <th>Type des articles importés</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c._count.articles}</td>
                <td>
                  <select
                    name={`type-${c.id}`}
                    defaultValue={c.articleType ?? ""}
                    aria-label={`Type pour ${c.name}`}
                  >
                    <option value="">(aucun : actualité)</option>
                    {ARTICLE_TYPES.filter((t) => t !== "PAGE").map((t) => (
                      <option key={t} value={t}>
                        {TYPE_LABEL[t]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">Enregistrer</button>
      </form>
    </>
  );
}

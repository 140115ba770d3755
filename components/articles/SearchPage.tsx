import { publicSearch } from "@/lib/articles/public";
import { ArticleList, Pagination } from "./ArticleCard";
import { pageNumber } from "./SectionPage";

export type SearchQuery = { q?: string; page?: string };

/**
 * Full-text search over published articles (MariaDB FULLTEXT). /recherche, the form alone, is cached;
 * a query's results are rendered per request by /recherche/resultats (lib/http/hosts.ts `apexVariant`).
 */
export async function SearchPage({ params = {} }: { params?: SearchQuery }) {
  const q = (params.q ?? "").slice(0, 200);
  const page = pageNumber(params.page);
  const result = q.trim() ? await publicSearch(q, page) : null;
  return (
    <>
      <h1>Recherche</h1>
      <search>
        <form action="/recherche" className="search-form">
          <label>
            Rechercher dans les articles
            <input type="search" name="q" defaultValue={q} minLength={3} required />
          </label>
          <button type="submit">Rechercher</button>
        </form>
      </search>
      {result && (
        <>
          <p className="muted" data-results={result.total}>
            {result.total === 0
              ? "Aucun article ne contient ces mots (les mots de moins de 3 lettres sont ignorés)."
              : `${result.total} résultat${result.total > 1 ? "s" : ""} pour « ${q} »`}
          </p>
          <ArticleList items={result.items} empty="" />
          <Pagination
            page={page}
            pages={result.pages}
            href={(p) => `/recherche?${new URLSearchParams({ q, ...(p > 1 ? { page: String(p) } : {}) })}`}
          />
        </>
      )}
    </>
  );
}

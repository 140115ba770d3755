import type { Metadata } from "next";
import { type ArticleType, TYPE_SECTION } from "@/lib/articles/model";
import { publicList } from "@/lib/articles/public";
import { isBuildPhase } from "@/lib/http/site-cache";
import { ArticleList, Pagination } from "./ArticleCard";

/** A section's page number and filters, from its query string (none on the cached first page). */
export type SectionQuery = { page?: string; categorie?: string; etiquette?: string; mois?: string };

export function pageNumber(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

export function sectionMetadata(type: Exclude<ArticleType, "PAGE"> | null): Metadata {
  const section = type ? TYPE_SECTION[type] : null;
  const feeds = section ? `/flux/${section.path}` : "/flux";
  return {
    title: section?.title ?? "Articles",
    alternates: {
      types: { "application/rss+xml": `${feeds}/rss.xml`, "application/atom+xml": `${feeds}/atom.xml` },
    },
  };
}

/**
 * A list page of one type (or of every type, with optional category / tag filters). The first page
 * without filters is the section's cached page; the others are rendered by /selection/<section>
 * (lib/http/hosts.ts `apexVariant`).
 */
export async function SectionPage({
  type,
  params = {},
}: {
  type: Exclude<ArticleType, "PAGE"> | null;
  params?: SectionQuery;
}) {
  if (isBuildPhase()) return null; // rendered at run time only (app/(site)/layout.tsx)
  const page = pageNumber(params.page);
  const filter = {
    type: type ?? undefined,
    page,
    categorySlug: params.categorie?.slice(0, 191),
    tagSlug: params.etiquette?.slice(0, 191),
    period: params.mois?.slice(0, 7),
  };
  const list = await publicList(filter);
  const section = type ? TYPE_SECTION[type] : null;
  const base = section ? `/${section.path}` : "/articles";
  const feed = section ? `/flux/${section.path}/rss.xml` : "/flux/rss.xml";
  const href = (p: number) => {
    const query = new URLSearchParams({
      ...(params.categorie ? { categorie: params.categorie } : {}),
      ...(params.etiquette ? { etiquette: params.etiquette } : {}),
      ...(params.mois ? { mois: params.mois } : {}),
      ...(p > 1 ? { page: String(p) } : {}),
    }).toString();
    return query ? `${base}?${query}` : base;
  };
  return (
    <>
      <h1>{section?.title ?? "Tous les articles"}</h1>
      <p className="muted">
        {list.total} article{list.total > 1 ? "s" : ""}
        {params.categorie && <> dans la catégorie « {params.categorie} »</>}
        {params.etiquette && <> avec l'étiquette « {params.etiquette} »</>}
        {filter.period && <> publiés en {filter.period}</>} · <a href={feed}>flux RSS</a>
      </p>
      <ArticleList items={list.items} />
      <Pagination page={page} pages={list.pages} href={href} />
    </>
  );
}

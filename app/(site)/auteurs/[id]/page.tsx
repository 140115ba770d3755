import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList, Pagination } from "@/components/articles/ArticleCard";
import { pageNumber } from "@/components/articles/SectionPage";
import { publicList } from "@/lib/articles/public";
import { authorProfile } from "@/lib/articles/queries";

// Its query picks what it shows: rendered per request (from cached data).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

async function author(params: Props["params"]) {
  const id = Number((await params).id);
  const found = Number.isInteger(id) && id > 0 ? await authorProfile(id) : null;
  if (!found) notFound();
  return found;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await author(params)).name };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const person = await author(params);
  const page = pageNumber((await searchParams).page);
  const list = await publicList({ authorId: person.id, page });
  if (list.total === 0) notFound(); // accounts without a published article have no public page
  return (
    <>
      <h1>{person.name}</h1>
      <p className="muted">
        {list.total} article{list.total > 1 ? "s" : ""} publiés
      </p>
      <ArticleList items={list.items} />
      <Pagination
        page={page}
        pages={list.pages}
        href={(p) => `/auteurs/${person.id}${p > 1 ? `?page=${p}` : ""}`}
      />
    </>
  );
}

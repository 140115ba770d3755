import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleBody } from "@/components/articles/ArticleBody";
import { publicArticle } from "@/lib/articles/public";

type Props = { params: Promise<{ slug: string }> };

// Rendered on first visit, then cached like every apex page (app/(site)/layout.tsx).
export function generateStaticParams() {
  return [];
}

async function page(params: Props["params"]) {
  const found = await publicArticle((await params).slug);
  if (!found || found.type !== "PAGE") notFound();
  return found;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await page(params);
  return { title: p.title, description: p.excerpt };
}

/** Static pages (from WordPress pages, or written by editors). */
export default async function StaticPage({ params }: Props) {
  const p = await page(params);
  return (
    <article className="article">
      <h1>{p.title}</h1>
      <ArticleBody html={p.bodyHtml} media={p.media} />
    </article>
  );
}

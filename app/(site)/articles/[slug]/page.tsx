import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/articles/ArticleView";
import { articlePath, SHARE_IMAGE_SIZE } from "@/lib/articles/model";
import { publicArticle } from "@/lib/articles/public";
import { config } from "@/lib/config/settings";
import { mediaUrl, pickWidth } from "@/lib/media/urls";

type Props = { params: Promise<{ slug: string }> };

// Rendered on first visit, then cached like every apex page (app/(site)/layout.tsx).
export function generateStaticParams() {
  return [];
}

async function article(params: Props["params"]) {
  const found = await publicArticle((await params).slug);
  if (!found || found.type === "PAGE") notFound();
  return found;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const a = await article(params);
  const url = new URL(articlePath(a), config().siteUrl).toString();
  const image = a.cover
    ? {
        url: new URL(mediaUrl(a.cover.key, pickWidth(a.cover, 1200)), config().siteUrl).toString(),
        alt: a.cover.alt,
      }
    : { url: `${url}/image-partage`, ...SHARE_IMAGE_SIZE, alt: a.title };
  return {
    title: a.title,
    description: a.excerpt,
    alternates: { canonical: url },
    authors: a.author ? [{ name: a.author.name }] : undefined,
    openGraph: {
      type: "article",
      url,
      title: a.title,
      description: a.excerpt,
      siteName: "Météo06",
      locale: "fr_FR",
      publishedTime: a.publishedAt,
      modifiedTime: a.updatedAt,
      authors: a.author ? [a.author.name] : undefined,
      images: [image],
    },
    twitter: { card: "summary_large_image", title: a.title, description: a.excerpt, images: [image.url] },
  };
}

export default async function ArticlePage({ params }: Props) {
  return <ArticleView article={await article(params)} />;
}

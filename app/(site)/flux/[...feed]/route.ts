import { embedUrl, PROVIDERS } from "@/lib/articles/external";
import { atomFeed, rssFeed } from "@/lib/articles/feeds";
import { articlePath, TYPE_LABEL, TYPE_SECTION, typeFromSection } from "@/lib/articles/model";
import { publicFeed } from "@/lib/articles/public";
import { renderBody } from "@/lib/articles/render";
import { config } from "@/lib/config/settings";
import { escapeXml } from "@/lib/security/html";

// Rendered on first request, then cached and refreshed with the pages (app/(site)/layout.tsx): Next
// sends `s-maxage`, so that nginx may keep them too.
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

/** /flux/rss.xml, /flux/atom.xml (all types) and /flux/<section>/rss.xml|atom.xml (one type). */
export async function GET(_request: Request, context: { params: Promise<{ feed: string[] }> }) {
  const parts = (await context.params).feed;
  const format = parts.at(-1);
  const type = parts.length === 2 ? typeFromSection(parts[0]) : null;
  if ((format !== "rss.xml" && format !== "atom.xml") || parts.length > 2 || (parts.length === 2 && !type)) {
    return new Response("Flux introuvable", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { siteUrl } = config();
  const absolute = (path: string) => new URL(path, siteUrl).toString();
  const articles = await publicFeed(type);
  const items = articles.map((a) => ({
    title: a.title,
    url: absolute(articlePath(a)),
    summary: a.excerpt,
    // Feed readers get the HTML with absolute image addresses; embeds become links.
    html: renderBody(a.bodyHtml, new Map())
      .map((s) =>
        "html" in s
          ? s.html
          : "embed" in s
            ? `<p><a href="${absolute("/")}">${s.embed.station}</a></p>`
            : `<p><a href="${embedUrl(s.external)}">${escapeXml(s.external.title || PROVIDERS[s.external.provider].label)}</a></p>`,
      )
      .join("")
      .replace(/(src|href)="\//g, `$1="${siteUrl.origin}/`),
    author: a.author?.name ?? null,
    published: a.publishedAt,
    updated: a.updatedAt,
    category: TYPE_LABEL[a.type],
  }));
  const section = type ? TYPE_SECTION[type] : null;
  const info = {
    title: section ? `Météo06 — ${section.title}` : "Météo06",
    description: "Prévisions, vigilances, récapitulatifs climatiques et actualités des Alpes-Maritimes",
    siteUrl: absolute(section ? `/${section.path}` : "/"),
    selfUrl: absolute(`/flux/${parts.join("/")}`),
  };
  const rss = format === "rss.xml";
  return new Response(rss ? rssFeed(info, items) : atomFeed(info, items), {
    headers: {
      "Content-Type": rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
    },
  });
}

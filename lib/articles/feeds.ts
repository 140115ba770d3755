import { escapeXml } from "../security/html";

/** RSS 2.0 and Atom 1.0 documents (pure). Item links and ids are absolute URLs. */

export interface FeedItem {
  title: string;
  url: string;
  summary: string;
  html: string;
  author: string | null;
  published: string;
  updated: string;
  category: string;
}

export interface FeedInfo {
  title: string;
  description: string;
  /** page the feed describes */
  siteUrl: string;
  /** the feed's own address */
  selfUrl: string;
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

export function rssFeed(info: FeedInfo, items: FeedItem[]): string {
  const updated = items[0]?.updated ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${escapeXml(info.title)}</title>
<link>${escapeXml(info.siteUrl)}</link>
<description>${escapeXml(info.description)}</description>
<language>fr-FR</language>
<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
<atom:link href="${escapeXml(info.selfUrl)}" rel="self" type="application/rss+xml"/>
${items
  .map(
    (item) => `<item>
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(item.url)}</link>
<guid isPermaLink="true">${escapeXml(item.url)}</guid>
<pubDate>${new Date(item.published).toUTCString()}</pubDate>
${item.author ? `<dc:creator>${escapeXml(item.author)}</dc:creator>\n` : ""}<category>${escapeXml(item.category)}</category>
<description>${escapeXml(item.summary)}</description>
<content:encoded>${cdata(item.html)}</content:encoded>
</item>`,
  )
  .join("\n")}
</channel>
</rss>
`;
}

export function atomFeed(info: FeedInfo, items: FeedItem[]): string {
  // ISO 8601 instants in UTC sort as text.
  const newest = items.map((i) => i.updated).sort();
  const updated = newest.at(-1) ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>${escapeXml(info.title)}</title>
<subtitle>${escapeXml(info.description)}</subtitle>
<id>${escapeXml(info.selfUrl)}</id>
<link rel="self" type="application/atom+xml" href="${escapeXml(info.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(info.siteUrl)}"/>
<updated>${updated}</updated>
${items
  .map(
    (item) => `<entry>
<title>${escapeXml(item.title)}</title>
<id>${escapeXml(item.url)}</id>
<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>
<published>${item.published}</published>
<updated>${item.updated}</updated>
${item.author ? `<author><name>${escapeXml(item.author)}</name></author>\n` : ""}<category term="${escapeXml(item.category)}"/>
<summary>${escapeXml(item.summary)}</summary>
<content type="html">${escapeXml(item.html)}</content>
</entry>`,
  )
  .join("\n")}
</feed>
`;
}

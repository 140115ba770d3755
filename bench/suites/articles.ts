import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { searchArticles } from "@/lib/articles/queries";
import { importWordpress } from "@/lib/articles/wordpress/import";
import { createPrismaClient } from "@/lib/db";
import { migrate } from "@/lib/migrations";
import { startTestApp } from "@/test/helpers/app";
import { measure, printTable, printThroughput, type Suite, wrk } from "../lib";

/**
 * Articles with 5,000 of them in the database: throughput of an article page and of the home page
 * (wrk, 50 connections, 20 s) beside a static file of the same server; search p50; import time of a
 * 1,000-post WXR file.
 */
const DATABASE = "meteo06_bench_articles";
const WORDS = [
  "orage",
  "pluie",
  "neige",
  "mistral",
  "canicule",
  "grêle",
  "littoral",
  "Mercantour",
  "Nice",
  "Menton",
];

function wxr(posts: number): string {
  const items = Array.from({ length: posts }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    return `<item><title>Article ${i} ${WORDS[i % WORDS.length]}</title><link>https://meteo06.fr/2020/01/article-${i}/</link>
<dc:creator><![CDATA[bench]]></dc:creator><guid isPermaLink="false">https://meteo06.fr/?p=${100000 + i}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph --><p>${WORDS[i % 10]} et ${WORDS[(i * 7) % 10]} sur le département, texte ${i}.</p><!-- /wp:paragraph -->]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${100000 + i}</wp:post_id><wp:post_date_gmt><![CDATA[2020-01-${day} 10:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[article-${i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="actualites"><![CDATA[Actualités]]></category></item>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title><link>https://meteo06.fr</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://meteo06.fr</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bench]]></wp:author_login><wp:author_email><![CDATA[bench@meteo06.test]]></wp:author_email><wp:author_display_name><![CDATA[Bench]]></wp:author_display_name></wp:author>
${items}</channel></rss>`;
}

export const suite: Suite = {
  name: "articles",
  async run() {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${DATABASE}`;
    await migrate(url.toString());
    process.env.DATABASE_URL = url.toString();
    const prisma = createPrismaClient(url.toString());
    const existing = await prisma.article.count();
    if (existing < 5000) {
      const rows = Array.from({ length: 5000 - existing }, (_, k) => {
        const i = existing + k;
        const text = `${WORDS[i % 10]} ${WORDS[(i * 3) % 10]} ${WORDS[(i * 7) % 10]} relevés et commentaires numéro ${i}`;
        return {
          type: (["FORECAST", "CLIMATE", "NEWS", "VIGILANCE"] as const)[i % 4],
          status: "PUBLISHED" as const,
          title: `Bench ${i} ${WORDS[i % 10]}`,
          slug: `bench-${i}`,
          excerpt: text,
          bodyHtml: `<p>${text}</p>`.repeat(20),
          bodyText: text.repeat(20),
          publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 3600_000),
        };
      });
      for (let i = 0; i < rows.length; i += 500)
        await prisma.article.createMany({ data: rows.slice(i, i + 500) });
    }
    const search = await measure({
      'search "orage neige"': () => searchArticles("orage neige", 1),
      'search "Mercantour"': () => searchArticles("Mercantour", 1),
    });
    printTable("Search over 5,000 articles (MariaDB FULLTEXT)", search, 'search "Mercantour"');

    const dir = mkdtempSync(path.join(tmpdir(), "m06-bench-"));
    const file = path.join(dir, "wxr-1000.xml");
    writeFileSync(file, wxr(1000));
    const started = performance.now();
    await importWordpress(file);
    const first = performance.now() - started;
    const again = performance.now();
    await importWordpress(file);
    console.log(
      `\nWordPress import of 1,000 posts: ${(first / 1000).toFixed(1)} s (first run), ${((performance.now() - again) / 1000).toFixed(1)} s (re-run, updates)`,
    );
    await prisma.article.deleteMany({ where: { wordpress: { wpPostId: { gte: 100000 } } } });

    const app = await startTestApp({ DATABASE_URL: url.toString() });
    try {
      // A static file served by the same server: one of the page's own JavaScript chunks.
      const home = await (await fetch(`${app.origin}/`)).text();
      const chunk = /\/_next\/static\/[^"]+\.js/.exec(home)?.[0] ?? "/robots.txt";
      printThroughput(
        [wrk("article page", `${app.origin}/articles/bench-4999`), wrk("home page", `${app.origin}/`)],
        wrk("static file (a /_next/static chunk)", `${app.origin}${chunk}`),
      );
    } finally {
      await app.stop();
      await prisma.$disconnect();
    }
  },
};

import { searchArticles } from "@/lib/articles/queries";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { startTestApp } from "@/test/helpers/app";
import { measure, printTable, printThroughput, type Suite, wrk } from "../lib";

/**
 * Articles with 5,000 of them in the database: throughput of an article page and of the home page
 * (wrk, 50 connections, 20 s) beside a static file of the same server; search p50. (The WordPress
 * import has its own suite, bench/suites/wordpress.ts.)
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

    const app = await startTestApp({ DATABASE_URL: url.toString() });
    try {
      // A static file served by the same server: one of the page's own JavaScript chunks.
      const home = await (await fetch(`${app.origin}/`)).text();
      const chunk = /\/_next\/static\/[^"]+\.js/.exec(home)?.[0] ?? "/robots.txt";
      printThroughput(
        [
          await wrk("article page", `${app.origin}/articles/bench-4999`),
          await wrk("home page", `${app.origin}/`),
        ],
        await wrk("static file (a /_next/static chunk)", `${app.origin}${chunk}`),
      );
    } finally {
      await app.stop();
      await prisma.$disconnect();
    }
  },
};

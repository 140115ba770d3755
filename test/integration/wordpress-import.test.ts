import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveLegacy } from "@/lib/articles/legacy";
import { importWordpress } from "@/lib/articles/wordpress/import";
import { WxrError } from "@/lib/articles/wordpress/wxr";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { writeUploadsTree } from "../helpers/uploads";

/** The real CLI on WXR files written like WordPress 3.9, 4.9, 5.8 and 6.4 export them. */

let dbs: TestDatabases;
let work: string;
let env: Record<string, string>;
const FIXTURES = "test/fixtures/wordpress";

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl; // resolveLegacy reads the app's db()
  work = mkdtempSync(path.join(tmpdir(), "m06-wp-"));
  await writeUploadsTree(path.join(work, "uploads"));
  env = { DATABASE_URL: dbs.appUrl, MEDIA_DIR: path.join(work, "media") };
});
afterAll(async () => {
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

const importFile = (name: string) =>
  runCli(["import", "wordpress", `${FIXTURES}/${name}`, "--uploads", path.join(work, "uploads")], env);

/** The same import in this process (what the CLI runs, without starting one): its summary as stdout. */
async function importHere(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  Object.assign(process.env, env);
  const lines: string[] = [];
  await importWordpress(`${FIXTURES}/${name}`, {
    uploads: path.join(work, "uploads"),
    log: (line) => lines.push(line),
  });
  return { code: 0, stdout: lines.join("\n"), stderr: "" };
}

describe("import wordpress", () => {
  it("refuses a malformed or truncated export with the line and imports nothing", async () => {
    // Through the CLI (its one line and exit code), both at once; the truncated file in this process.
    const [malformed, missing] = await Promise.all([
      importFile("malformed-export.xml"),
      runCli(["import", "wordpress", "nowhere.xml"], env),
    ]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr.trim()).toMatch(
      /^error: test\/fixtures\/wordpress\/malformed-export\.xml, ligne 110 : .+ — nothing was imported$/,
    );
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain("nowhere.xml: no such file");
    const truncated = await importHere("truncated-export.xml").catch((error: unknown) => error);
    expect(truncated).toBeInstanceOf(WxrError);
    expect((truncated as WxrError).line).toBe(135);
    expect(await dbs.prisma.article.count()).toBe(0);
    expect(await dbs.prisma.user.count()).toBe(0);
    expect(await dbs.prisma.media.count()).toBe(0);
  });

  it("imports posts, pages, terms, authors and attachments, and reports missing files", async () => {
    for (const file of [
      "wordpress-3.9-wxr-1.1.xml",
      "wordpress-4.9-classic.xml",
      "wordpress-5.8-gutenberg.xml",
      "wordpress-6.4-blocks.xml",
    ]) {
      // The CLI once (its summary on stdout); the others in this process, faster on a busy machine.
      const result = file.startsWith("wordpress-4.9") ? await importFile(file) : await importHere(file);
      expect(result.code, result.stderr).toBe(0);
      if (file.startsWith("wordpress-4.9")) {
        expect(result.stdout).toMatch(
          /\| Médias récupérés +\| 2 \(téléchargés 0, copiés de --uploads 2, déjà présents 0\)/,
        );
        expect(result.stdout).toMatch(/\| Médias manquants +\| 1 /);
        expect(result.stdout).toContain("  - 2019/07/webcam-perdue.jpg (absent du dossier --uploads)");
        expect(result.stdout).toMatch(/\| Ignorés +\| nav_menu_item 1 /);
      }
      if (file.startsWith("wordpress-6.4")) expect(result.stdout).toMatch(/\| Médias refusés +\| 0 /); // the PDF is kept as a file
    }
    // 1 + 6 posts and pages (nav item skipped) + 4 (wp_block skipped) + 3
    expect(await dbs.prisma.article.count()).toBe(14);
    const users = await dbs.prisma.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.name, u.passwordHash])).toEqual([
      ["jean-marc@meteo06.fr", "Jean-Marc Cazé", null],
      ["noemie@meteo06.fr", "Noémie Bégué", null],
      ["sophie.roux@meteo06.fr", "Sophie Roux", null],
    ]);
    const byWp = async (id: number) =>
      dbs.prisma.article.findFirstOrThrow({
        where: { wordpress: { wpPostId: id } },
        include: {
          categories: { include: { category: true } },
          tags: { include: { tag: true } },
          author: true,
          cover: true,
        },
      });

    const storm = await byWp(101);
    expect(storm).toMatchObject({
      type: "CLIMATE",
      status: "PUBLISHED",
      slug: "orages-littoral-bilan",
      title: "Orages sur le littoral – bilan du 12 juillet",
    });
    expect(storm.publishedAt?.toISOString()).toBe("2019-07-13T08:30:00.000Z");
    expect(storm.author?.email).toBe("jean-marc@meteo06.fr");
    expect(storm.excerpt).toBe("Retour sur la ligne d’orages du 12 juillet 2019.");
    expect(storm.tags.map((t) => t.tag.name).sort()).toEqual(["grêle", "orages"]);
    expect(storm.categories.map((c) => c.category.name)).toEqual(["Bilans climatiques"]);
    const orage = await dbs.prisma.media.findFirstOrThrow({
      where: { wordpress: { some: { wpPostId: 201 } } },
    });
    expect(storm.coverId).toBe(orage.id);
    // Upright after EXIF rotation: the 1200×800 landscape becomes 800×1200.
    expect([orage.width, orage.height, orage.alt]).toEqual([
      800,
      1200,
      "Orage sur Nice vu depuis le mont Boron",
    ]);
    expect(storm.bodyHtml).toContain(
      `<p>Le 12 juillet, une ligne d’orages a traversé le département en fin d'après-midi. À Nice, 38,2\u00a0mm`,
    );
    expect(storm.bodyHtml).toContain(
      `<figure class="aligncenter"><a href="/api/media/${orage.key}/800.jpg"><img class="size-medium wp-image-201" src="/api/media/${orage.key}/480.jpg"`,
    );
    expect(storm.bodyHtml).toContain("<p>Relevés des stations :</p>\n<ul>");
    expect(storm.bodyHtml).toContain(
      "<figcaption>L'orage au-dessus de la baie des Anges</figcaption></figure>",
    );
    const grele = await dbs.prisma.media.findFirstOrThrow({
      where: { wordpress: { some: { wpPostId: 202 } } },
    });
    expect(storm.bodyHtml).toContain(
      `<div class="gallery columns-3"><figure><a href="/api/media/${grele.key}/640.jpg"><img src="/api/media/${grele.key}/480.jpg"`,
    );
    expect(storm.bodyHtml).toContain(
      '<a href="/articles/previsions-semaine-15-juillet">les prévisions de la semaine</a>',
    );
    expect(storm.bodyHtml).toContain('<a href="/articles/episode-mediterraneen-ete">');
    expect(storm.bodyHtml).not.toMatch(/<script|onerror|javascript:|expression|style=/i);

    // Stripped metadata: no EXIF (orientation, camera, GPS) left in any generated file.
    const dir = path.join(work, "media", orage.key);
    expect(readdirSync(dir).sort()).toEqual([
      "480.avif",
      "480.jpg",
      "480.webp",
      "720.avif",
      "720.jpg",
      "720.webp",
      "800.avif",
      "800.jpg",
      "800.webp",
    ]);
    const meta = await sharp(path.join(dir, "800.jpg")).metadata();
    expect([meta.width, meta.height, meta.exif, meta.orientation]).toEqual([800, 1200, undefined, undefined]);

    expect(await byWp(102)).toMatchObject({ type: "FORECAST" });
    expect((await byWp(102)).bodyHtml).toContain(
      "<p><strong>Lundi</strong> : soleil généreux, 31°C à Nice.<br />",
    );
    expect(await byWp(104)).toMatchObject({ status: "DRAFT", slug: "assemblee-generale-brouillon" });
    expect(await byWp(105)).toMatchObject({ status: "DRAFT" }); // private stays off the site
    expect(await byWp(2)).toMatchObject({ type: "PAGE", slug: "qui-sommes-nous" });
    expect(await byWp(302)).toMatchObject({ type: "VIGILANCE" });
    expect(await byWp(303)).toMatchObject({ status: "PENDING", type: "FORECAST" });
    expect(await byWp(304)).toMatchObject({ status: "SCHEDULED" });
    const snow = await byWp(301);
    // No excerpt in WordPress: the text of the blocks, spaced, cut at a word with an ellipsis.
    expect(snow.excerpt).toBe(
      "Une perturbation venue du golfe de Gênes apportera de la neige jusqu'à 600 m samedi. Cumuls attendus Secteur Cumul Haut-pays (> 1200 m) 30 à 50 cm Moyen-pays 5 à 15 cm La Colmiane le 2 mars au matin Équipements spéciaux…",
    );
    expect(snow.bodyHtml).toContain("<table><thead><tr><th>Secteur</th>");
    expect(snow.bodyHtml).toContain(
      `<blockquote class="wp-block-quote"><p>« Prudence sur les routes du haut-pays. »</p><cite>Le bureau</cite></blockquote>`,
    );
    expect(snow.bodyHtml).toContain('<a href="/articles/orages-littoral-bilan">');
    expect(snow.bodyHtml).not.toContain("wp:");
    const october = await byWp(401);
    expect(october).toMatchObject({ type: "CLIMATE", title: "Octobre 2023 : tempête Aline & sécheresse 🌧️" });
    expect(october.bodyHtml).not.toMatch(/<iframe|<svg|onclick|onload|javascript:|behavior/i);
    expect((await byWp(402)).type).toBe("NEWS");
  });

  it("answers every old address with its new one", async () => {
    const media = await dbs.prisma.media.findFirstOrThrow({
      where: { wordpress: { some: { wpPostId: 201 } } },
    });
    const expected: [string, string][] = [
      ["/?p=101", "/articles/orages-littoral-bilan"],
      ["/2019/07/orages-littoral-bilan/", "/articles/orages-littoral-bilan"],
      ["/2019/07/episode-mediterraneen-%C3%A9t%C3%A9/", "/articles/episode-mediterraneen-ete"],
      ["/qui-sommes-nous/", "/pages/qui-sommes-nous"],
      ["/?page_id=410", "/pages/contact"],
      ["/category/bilans-climatiques/", "/articles?categorie=bilans-climatiques"],
      ["/category/previsions/feed/", "/articles?categorie=previsions"],
      ["/tag/orages/", "/articles?etiquette=orages"],
      [
        "/author/jmarc/",
        `/auteurs/${(await dbs.prisma.user.findUniqueOrThrow({ where: { email: "jean-marc@meteo06.fr" } })).id}`,
      ],
      ["/feed/", "/flux/rss.xml"],
      ["/2019/07/orages-littoral-bilan/orage-nice/", `/api/media/${media.key}/800.jpg`],
      ["/?attachment_id=201", `/api/media/${media.key}/800.jpg`],
      ["/wp-content/uploads/2019/07/orage-nice-300x200.jpg", `/api/media/${media.key}/800.jpg`],
      ["/?s=orages", "/recherche?q=orages"],
    ];
    for (const [from, to] of expected) expect(await resolveLegacy(from), from).toBe(to);
    expect(await resolveLegacy("/2019/07/jamais-publie")).toBeNull();
  });

  it("updates instead of duplicating when run again", async () => {
    const before = {
      articles: await dbs.prisma.article.count(),
      media: await dbs.prisma.media.count(),
      users: await dbs.prisma.user.count(),
      categories: await dbs.prisma.category.count(),
      redirects: await dbs.prisma.redirect.count(),
    };
    // An admin remaps a category: the next import applies it.
    await dbs.prisma.category.update({ where: { slug: "non-classe" }, data: { articleType: "FORECAST" } });
    const result = await importFile("wordpress-4.9-classic.xml");
    expect(result.code, result.stderr).toBe(0);
    // Only the remapped article changes; the others are as the last import wrote them.
    expect(result.stdout).toMatch(/\| Articles créés +\| 0 /);
    expect(result.stdout).toMatch(/\| Articles mis à jour +\| 1 /);
    expect(result.stdout).toMatch(/\| Articles inchangés +\| 5 /);
    expect(result.stdout).toMatch(/déjà présents 2\)/);
    expect({
      articles: await dbs.prisma.article.count(),
      media: await dbs.prisma.media.count(),
      users: await dbs.prisma.user.count(),
      categories: await dbs.prisma.category.count(),
      redirects: await dbs.prisma.redirect.count(),
    }).toEqual(before);
    expect(
      (await dbs.prisma.article.findFirstOrThrow({ where: { wordpress: { wpPostId: 103 } } })).type,
    ).toBe("FORECAST");
  });
});

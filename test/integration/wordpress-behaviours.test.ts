import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveLegacy } from "@/lib/articles/legacy";
import { searchArticles } from "@/lib/articles/queries";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";
import { type OldSite, startOldSite, writeIssue17Uploads } from "../helpers/wordpress";

/**
 * Issue 17: every behaviour of the WordPress import, through the real CLI, on the hand-made export
 * test/fixtures/wordpress/issue-17-every-behaviour.xml (and its companions).
 */

const FIXTURES = "test/fixtures/wordpress";
const MAIN = `${FIXTURES}/issue-17-every-behaviour.xml`;
let dbs: TestDatabases;
let work: string;
let env: Record<string, string>;
let smtp: SmtpSink;
let first: { code: number; stdout: string; stderr: string };

const row = (stdout: string, label: string) =>
  new RegExp(`\\| ${label.replace(/[()]/g, "\\$&")} +\\| ([^|]*?) +\\|`).exec(stdout)?.[1];
const byWp = (id: number) =>
  dbs.prisma.article.findFirstOrThrow({
    where: { wordpress: { wpPostId: id } },
    include: { author: true, comments: true },
  });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl; // resolveLegacy and searchArticles read the app's db()
  work = mkdtempSync(path.join(tmpdir(), "m06-wp17-"));
  await writeIssue17Uploads(path.join(work, "uploads"));
  smtp = await startSmtpSink();
  env = {
    DATABASE_URL: dbs.appUrl,
    MEDIA_DIR: path.join(work, "media"),
    SMTP_URL: smtp.url,
    MAIL_FROM: "site@meteo06.test",
  };
  first = await runCli(
    ["import", "wordpress", MAIN, "--uploads", path.join(work, "uploads"), "--shortcodes", "contact-form-7"],
    env,
  );
});
afterAll(async () => {
  await smtp?.close();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe("what must never happen", () => {
  it("imports password-protected and private posts as drafts, unsearchable, and lists them", async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(await byWp(501)).toMatchObject({ status: "DRAFT" });
    expect(await byWp(502)).toMatchObject({ status: "DRAFT" });
    expect((await searchArticles("motsecretadherents")).total).toBe(0);
    expect(row(first.stdout, "Protégés par mot de passe (en brouillon)")).toBe("1");
    expect(row(first.stdout, "Privés (en brouillon)")).toBe("1");
    expect(first.stdout).toContain("  - 501 « Compte rendu du conseil d'administration »");
    expect(first.stdout).toContain("  - 502 « Notes internes du bureau »");
  });

  it("keeps text in square brackets; only registered shortcodes are shortcodes", async () => {
    const post = await byWp(503);
    expect(post.title).toBe("[MAJ 18h] Vigilance orange levée");
    expect(post.bodyHtml).toContain(
      "<p>Relevés [en mm] du jour : Nice 12, Grasse [station hors ligne] 0.</p>",
    );
    expect(post.bodyHtml).toContain("écrivez [gallery] dans l'éditeur"); // [[gallery]] is WordPress's escape
    expect(post.bodyHtml).not.toContain("contact-form-7");
    expect(row(first.stdout, "Éléments retirés")).toContain("shortcode [contact-form-7] 1");
  });

  it("a re-import keeps what was changed on the site and updates the rest", async () => {
    // On the new site: a title edited, a draft published.
    const edited = await byWp(503);
    await dbs.prisma.article.update({
      where: { id: edited.id },
      data: { title: "Vigilance levée (corrigé)" },
    });
    const published = await byWp(506);
    await dbs.prisma.article.update({ where: { id: published.id }, data: { status: "DRAFT" } });
    // …and one deleted.
    await dbs.prisma.article.delete({ where: { id: (await byWp(502)).id } });
    // On the old site meanwhile: post 508 rewritten.
    const changed = path.join(work, "changed.xml");
    writeFileSync(
      changed,
      readFileSync(MAIN, "utf8").replace(
        "Arrêté préfectoral du 3 mars.",
        "Arrêté préfectoral du 3 mars, prolongé au 30.",
      ),
    );
    const again = await runCli(
      ["import", "wordpress", changed, "--uploads", path.join(work, "uploads")],
      env,
    );
    expect(again.code, again.stderr).toBe(0);
    expect((await byWp(503)).title).toBe("Vigilance levée (corrigé)");
    expect((await byWp(506)).status).toBe("DRAFT");
    expect((await byWp(508)).bodyHtml).toContain("prolongé au 30");
    expect(row(again.stdout, "Gardés : modifiés sur le site depuis le dernier import")).toBe("2");
    expect(row(again.stdout, "Articles mis à jour")).toBe("1");
    expect(row(again.stdout, "Articles créés")).toBe("0");
    expect(again.stdout).toContain("Modifiés sur le site depuis le dernier import : gardés :");
    expect(again.stdout).toMatch(
      / {2}- 503 « \[MAJ 18h\] Vigilance orange levée » → \/articles\/maj-18h-vigilance-levee/,
    );
    expect(row(again.stdout, "Non recréés : supprimés sur le site depuis le dernier import")).toBe("1");
    expect(again.stdout).toContain(
      "Supprimés sur le site depuis le dernier import : non recréés :\n  - 502 « Notes internes du bureau »",
    );
    expect(await dbs.prisma.article.count()).toBe(7);
  });

  it("turns embeds into the site's embeds and counts what it removes, by kind", async () => {
    const post = await byWp(504);
    expect(post.bodyHtml).toContain(
      '<div data-embed="external" data-provider="youtube" data-ref="dQw4w9WgXcQ" data-title="Orage sur la baie des Anges"></div>',
    );
    expect(post.bodyHtml).toContain('data-provider="vimeo" data-ref="76979871"');
    expect(post.bodyHtml).toContain(
      'data-provider="dailymotion" data-ref="x8abcd1" data-title="Grêle à Cannes"',
    );
    expect(post.bodyHtml).toContain('data-provider="twitter" data-ref="meteo06/1766543210987654321"');
    expect(post.bodyHtml).toContain(
      'data-provider="wordpresstv" data-ref="2023/05/12/orages-et-photographie"',
    );
    // An unknown frame becomes a link to it, never a frame.
    expect(post.bodyHtml).toContain(
      '<a href="https://embed.windy.com/embed2.html?lat=43.7&amp;lon=7.2">Contenu externe (embed.windy.com)</a>',
    );
    expect(post.bodyHtml).not.toMatch(/<iframe|<script|onerror|alert/);
    expect(row(first.stdout, "Intégrations converties")).toBe(
      "6 (YouTube 2, Dailymotion 1, Vimeo 1, WordPress.tv 1, X (Twitter) 1)",
    );
    const removed = row(first.stdout, "Éléments retirés") ?? "";
    for (const kind of ["<script> 1", "attribut on… 1", "<iframe> d'un autre site (remplacée par un lien) 1"])
      expect(removed).toContain(kind);
  });

  it("plays imported videos and sounds, and makes a gallery of the post's attachments", async () => {
    const post = await byWp(505);
    const video = await dbs.prisma.mediaFile.findFirstOrThrow({ where: { kind: "VIDEO" } });
    const sound = await dbs.prisma.mediaFile.findFirstOrThrow({ where: { kind: "AUDIO" } });
    // The block's own caption, once.
    expect(post.bodyHtml).toContain(
      `<figure class="wp-block-video"><video controls preload="metadata" src="/api/media/${video.key}/file.webm"></video><figcaption class="wp-element-caption">Timelapse de l'orage</figcaption></figure>`,
    );
    expect(post.bodyHtml).toContain(
      `<audio controls preload="metadata" src="/api/media/${sound.key}/file.wav"></audio>`,
    );
    const arc = await dbs.prisma.media.findFirstOrThrow({
      where: { wordpress: { some: { wpPostId: 602 } } },
    });
    const cumulo = await dbs.prisma.media.findFirstOrThrow({
      where: { wordpress: { some: { wpPostId: 601 } } },
    });
    // [gallery] without ids: the post's attachments in WordPress's order (menu_order).
    expect(post.bodyHtml).toMatch(
      new RegExp(
        `<div class="gallery columns-2"><figure><a [^>]*><img src="/api/media/${arc.key}/480.jpg"[^>]*></a></figure><figure><a [^>]*><img src="/api/media/${cumulo.key}/480.jpg"`,
      ),
    );
  });
});

describe("expected of a migration tool", () => {
  it("keeps the formatting", async () => {
    const html = (await byWp(505)).bodyHtml;
    for (const fragment of [
      '<h5 class="wp-block-heading">Températures</h5>',
      '<h6 class="wp-block-heading">Source : stations du réseau</h6>',
      "<dl><dt>Tn moyenne</dt><dd>4,2 °C</dd>",
      "<del>120 mm</del> <ins>112 mm</ins> (<s>provisoire</s>)",
      '<ol start="3"><li>Troisième décade',
      '<pre class="wp-block-code"><code>date;tn;tx\n\n2024-01-01;3.1;12.4</code></pre>',
      '<details class="wp-block-details"><summary>Méthode de calcul</summary><p>Normales',
      '<div class="wp-block-columns"><div class="wp-block-column">',
      '<a class="wp-block-button__link wp-element-button" href="/articles/videos-episode-9-mars">Voir les vidéos</a>',
      '<figure class="wp-block-image alignleft"><img src="/api/media/',
      '<sup data-fn="1a2b3c4d-0000" class="fn"><a href="#fn-1a2b3c4d-0000" id="fn-1a2b3c4d-0000-link">1</a></sup>',
      '<ol class="footnotes"><li id="fn-1a2b3c4d-0000">Moins de 40 % de la normale. <a href="#fn-1a2b3c4d-0000-link"',
      '<p class="page-break" id="page-2">Page 2</p>',
    ])
      expect(html).toContain(fragment);
    expect(html).not.toContain("more");
    // The classic editor's paragraphs leave <pre> alone too.
    expect((await byWp(503)).bodyHtml).toMatch(/^<p>La vigilance orange orages est levée à 18 h.<\/p>/);
  });

  it("decodes excerpts once, shows titles as text, cuts at <!--more--> and at words", async () => {
    expect((await byWp(508)).excerpt).toBe("Restrictions d'eau & arrosage : ce qui change");
    const winter = await byWp(505);
    expect(winter.title).toBe("Bilan de l'hiver en images & en chiffres");
    expect(winter.excerpt).toBe("Un hiver doux et sec sur tout le département.");
    expect(winter.bodyText).not.toContain("&amp;");
    const videos = await byWp(504);
    expect(videos.excerpt).toMatch(/^Les images des lecteurs :/);
  });

  it("shows WordPress's modified date, pins sticky posts, reports unknown authors, keeps non-Latin slugs readable", async () => {
    expect((await byWp(505)).updatedAt.toISOString()).toBe("2024-03-14T16:20:00.000Z");
    expect(await byWp(506)).toMatchObject({ pinned: true });
    expect(await byWp(508)).toMatchObject({ pinned: false });
    const chinese = await byWp(507);
    expect(chinese.slug).toBe("tian-qi-yu-bao-2023");
    expect(chinese.authorId).toBeNull();
    expect(row(first.stdout, "Auteurs")).toContain("1 inconnus");
    expect(first.stdout).toContain("Auteurs inconnus de l'export (articles sans auteur) :\n  - fantome (1)");
  });

  it("keeps approved comments without e-mails, and counts the others", async () => {
    const { comments } = await byWp(504);
    expect(comments.map((c) => [c.wpCommentId, c.authorName, c.wpParentId])).toEqual([
      [71, "Marc & Julie", null],
      [72, "Sophie Roux", 71],
    ]);
    expect(comments[0].bodyHtml).toBe(
      '<p>Superbes images !</p>\n<p>Merci pour le <a href="https://example.org/radar" rel="nofollow ugc noopener">lien radar</a>.</p>',
    );
    expect(JSON.stringify(comments)).not.toContain("@");
    expect(row(first.stdout, "Commentaires importés")).toBe("2");
    expect(row(first.stdout, "Commentaires non importés")).toBe(
      "3 (indésirables 1, non approuvés 1, rétroliens 1)",
    );
  });

  it("redirects index.php?p=, ?cat=, paginated parts and date archives", async () => {
    const expected: [string, string][] = [
      ["/index.php?p=505", "/articles/bilan-hiver-images"],
      ["/?cat=8", "/articles?categorie=actualites"],
      ["/2024/03/bilan-hiver-images/2/", "/articles/bilan-hiver-images#page-2"],
      ["/2024/03/", "/articles?mois=2024-03"],
      ["/2024/", "/articles?mois=2024"],
      ["/2024/03/10/", "/articles?mois=2024-03"],
    ];
    for (const [from, to] of expected) expect(await resolveLegacy(from), from).toBe(to);
    expect(Number(row(first.stdout, "Redirections"))).toBeGreaterThan(10);
  });

  it("sends no e-mail unless --invite is given", async () => {
    expect(first.stdout).toContain("1 nouveaux comptes sans mot de passe");
    expect(smtp.messages).toHaveLength(0);
  });

  it("refuses an unknown WXR version in one line and names a bad date's line", async () => {
    // Both refused before anything is written: run at once.
    const [version, date] = await Promise.all([
      runCli(["import", "wordpress", `${FIXTURES}/issue-17-unknown-version.xml`], env),
      runCli(["import", "wordpress", `${FIXTURES}/issue-17-bad-date.xml`], env),
    ]);
    expect(version.code).toBe(1);
    expect(version.stderr.trim()).toBe(
      `error: ${FIXTURES}/issue-17-unknown-version.xml, ligne 15 : version WXR 2.0 inconnue (versions lues : 1.0, 1.1, 1.2) — nothing was imported`,
    );
    expect(date.code).toBe(1);
    expect(date.stderr).toContain("ligne 53 : date invalide « 2024-02-30 25:61:00 » dans <wp:post_date>");
    expect(await dbs.prisma.article.count({ where: { title: "Bonne date" } })).toBe(0);
  });

  it("does not overwrite articles when another export reuses their post ids", async () => {
    const before = await byWp(503);
    const result = await runCli(["import", "wordpress", `${FIXTURES}/issue-17-reused-ids.xml`], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await dbs.prisma.article.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({
      title: before.title,
      bodyHtml: before.bodyHtml,
    });
    const outing = await dbs.prisma.article.findUniqueOrThrow({ where: { slug: "sortie-mont-chauve" } });
    expect(outing.title).toBe("Sortie au mont Chauve");
    expect(result.stdout).toContain("  - 503 « Sortie au mont Chauve »");
    expect(await resolveLegacy("/?p=503")).toBe("/articles/maj-18h-vigilance-levee");
    expect(await resolveLegacy("/2025/06/sortie-mont-chauve/")).toBe("/articles/sortie-mont-chauve");
  });
});

describe("files of the old site", () => {
  let site: OldSite;
  let files: TestDatabases;
  let dir: string;
  beforeAll(async () => {
    files = await createTestDatabases();
    dir = mkdtempSync(path.join(tmpdir(), "m06-wp17-fetch-"));
    await writeIssue17Uploads(path.join(dir, "site"));
    // A file too big for --max-file-size 1 (MB).
    writeFileSync(
      path.join(dir, "site", "2024/03/legitime.jpg"),
      await sharp({ create: { width: 2400, height: 2400, channels: 3, background: "#888" } })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    site = await startOldSite(path.join(dir, "site"));
  });
  afterAll(async () => {
    await site?.close();
    await files?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const fenv = () => ({ DATABASE_URL: files.appUrl, MEDIA_DIR: path.join(dir, "media") });

  it("without --uploads or --fetch-media, leaves images on the old site and says how many; --invite e-mails new authors", async () => {
    const result = await runCli(["import", "wordpress", MAIN, "--invite"], {
      ...fenv(),
      SMTP_URL: smtp.url,
      MAIL_FROM: "site@meteo06.test",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Invitations envoyées : 1");
    const [invitation] = await smtp.waitFor(1);
    expect((invitation.to as { text: string }).text).toBe("sophie.roux@meteo06.fr");
    expect(row(result.stdout, "Médias manquants")).toBe("5");
    expect(row(result.stdout, "Images laissées sur l'ancien site")).toBe("2");
    expect(row(result.stdout, "Éléments retirés")).toContain(
      "lecteur laissé en lien (fichier non importé) 2",
    );
    const post = await files.prisma.article.findFirstOrThrow({ where: { wordpress: { wpPostId: 505 } } });
    expect(post.bodyHtml).toContain(
      'src="https://www.meteo06.fr/wp-content/uploads/2024/03/cumulonimbus-300x200.jpg"',
    );
  });

  it("--fetch-media downloads from the old site: retries, resumes, times out, limits sizes, shows progress", async () => {
    site.fault("/wp-content/uploads/2024/03/cumulonimbus.jpg", "fail-once");
    site.fault("/wp-content/uploads/2024/03/timelapse-orage.webm", "cut-once");
    site.fault("/wp-content/uploads/2024/03/tonnerre.wav", "stall");
    const result = await runCli(
      [
        "import",
        "wordpress",
        MAIN,
        "--fetch-media",
        "--old-site",
        site.origin,
        "--timeout",
        "1",
        "--retries",
        "1",
        "--retry-delay",
        "0.1",
      ],
      fenv(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Médias (téléchargement) : 5/5 (100 %)");
    const asked = (file: string) =>
      site.requests.filter((r) => r.path === `/wp-content/uploads/2024/03/${file}`);
    expect(asked("cumulonimbus.jpg")).toHaveLength(2); // a 503, then the file
    const video = asked("timelapse-orage.webm");
    expect(video).toHaveLength(2);
    expect(video[1].range).toMatch(/^bytes=\d+-$/); // resumed where the broken connection stopped
    const stored = await files.prisma.mediaFile.findFirstOrThrow({ where: { kind: "VIDEO" } });
    expect(readFileSync(path.join(dir, "media", stored.key, "file.webm"))).toEqual(
      readFileSync(path.join(dir, "site", "2024/03/timelapse-orage.webm")),
    );
    expect(asked("tonnerre.wav")).toHaveLength(2); // gave up after the retry
    expect(result.stdout).toContain("  - 2024/03/tonnerre.wav (aucune réponse depuis 1 s (après 2 essais))");
    expect(asked("ailleurs.jpg")).toHaveLength(1); // a 404 is not retried
    expect(result.stdout).toContain("  - 2024/03/ailleurs.jpg (HTTP 404)");
    expect(row(result.stdout, "Médias récupérés")).toBe(
      "3 (téléchargés 3, copiés de --uploads 0, déjà présents 0)",
    );
    const post = await files.prisma.article.findFirstOrThrow({ where: { wordpress: { wpPostId: 505 } } });
    expect(post.bodyHtml).not.toContain("cumulonimbus-300x200.jpg");
    expect(post.bodyHtml).toContain(`src="/api/media/${stored.key}/file.webm"`);
  });

  it("refuses a file over --max-file-size without storing it", async () => {
    const result = await runCli(
      [
        "import",
        "wordpress",
        `${FIXTURES}/issue-17-path-traversal.xml`,
        "--fetch-media",
        "--old-site",
        site.origin,
        "--max-file-size",
        "1",
        "--retries",
        "0",
      ],
      fenv(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ {2}- 2024\/03\/legitime\.jpg \(trop lourd \(\d+ Mo, limite 1 Mo\)\)/);
    expect(site.requests.some((r) => r.path.includes("secret"))).toBe(false);
  });
});

describe("security (issue 13, finding 7)", () => {
  it("never reads a file outside --uploads through ../ in the export's paths", async () => {
    const sec = await createTestDatabases();
    const dir = mkdtempSync(path.join(tmpdir(), "m06-wp17-sec-"));
    try {
      // An image two levels above the uploads folder: the export asks for uploads/%2e%2e%2f%2e%2e%2fsecret.jpg.
      mkdirSync(path.join(dir, "a", "b", "uploads", "2024", "03"), { recursive: true });
      copyFileSync(
        path.join(work, "uploads", "2024/03/legitime.jpg"),
        path.join(dir, "a", "b", "uploads", "2024/03/legitime.jpg"),
      );
      writeFileSync(
        path.join(dir, "a", "secret.jpg"),
        await sharp({ create: { width: 300, height: 200, channels: 3, background: "#ff0000" } })
          .jpeg()
          .toBuffer(),
      );
      const result = await runCli(
        [
          "import",
          "wordpress",
          `${FIXTURES}/issue-17-path-traversal.xml`,
          "--uploads",
          path.join(dir, "a", "b", "uploads"),
        ],
        { DATABASE_URL: sec.appUrl, MEDIA_DIR: path.join(dir, "media") },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        "  - ../../secret.jpg : chemin refusé (il sortirait du dossier des fichiers)",
      );
      expect(await sec.prisma.media.count()).toBe(1); // legitime.jpg only
      expect(readdirSync(path.join(dir, "media")).filter((f) => !f.startsWith("."))).toHaveLength(1);
      expect(existsSync(path.join(dir, "a", "secret.jpg"))).toBe(true);
    } finally {
      await sec.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

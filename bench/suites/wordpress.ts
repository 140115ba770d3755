import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import sharp from "sharp";
import { download } from "@/lib/articles/wordpress/download";
import { inPool } from "@/lib/async";
import { connectionOptions } from "@/lib/config/settings";
import { migrate } from "@/lib/db/migrations";
import { startOldSite } from "@/test/helpers/wordpress";
import type { Suite } from "../lib";

/**
 * The move off WordPress at the association's scale, through the real CLI in its own process
 * (`import wordpress`), each run in a fresh database: wall time and peak memory (VmHWM) of 1,000 text
 * posts — the baseline, measured in the same run — then of 1,000 posts as the association writes them
 * (two images, a gallery, a video, a comment each) without their media, with the 2,000 media fetched
 * from a loopback "old site" (`--fetch-media`), and that import run again.
 */
const DATABASE = "meteo06_bench_wordpress";
const POSTS = 1000;
const MEDIA_PER_POST = 2;
const SITE = "https://www.meteo06.fr";

function exportXml(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bench]]></wp:author_login><wp:author_email><![CDATA[bench@meteo06.test]]></wp:author_email><wp:author_display_name><![CDATA[Bench]]></wp:author_display_name></wp:author>
${items.join("\n")}</channel></rss>`;
}

function post(i: number, title: string, content: string, extra = ""): string {
  const day = String((i % 28) + 1).padStart(2, "0");
  return `<item><title>${title}</title><link>${SITE}/2024/01/releves-${i}/</link><dc:creator><![CDATA[bench]]></dc:creator><guid isPermaLink="false">${SITE}/?p=${10_000 + i}</guid>
<content:encoded><![CDATA[${content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${10_000 + i}</wp:post_id><wp:post_date_gmt><![CDATA[2024-01-${day} 10:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[releves-${i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="actualites"><![CDATA[Actualités]]></category>${extra}</item>`;
}

/** One paragraph of text per post: what an import costs at the least. */
function textPosts(): string {
  return exportXml(
    Array.from({ length: POSTS }, (_, i) =>
      post(
        i,
        `Relevés du jour n° ${i}`,
        `<!-- wp:paragraph --><p>Pluie et vent sur le département, relevé ${i}.</p><!-- /wp:paragraph -->`,
      ),
    ),
  );
}

/** Posts as the association writes them: two images (attachments of the post), a gallery, a video, a comment. */
function richPosts(): string {
  const items: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const id = 10_000 + i;
    const images = Array.from(
      { length: MEDIA_PER_POST },
      (_, k) => `${SITE}/wp-content/uploads/2024/01/image-${i}-${k}.jpg`,
    );
    for (const [k, url] of images.entries()) {
      items.push(`<item><title>image-${i}-${k}</title><link>${SITE}/?attachment_id=${50_000 + i * MEDIA_PER_POST + k}</link><dc:creator><![CDATA[bench]]></dc:creator><guid isPermaLink="false">${url}</guid>
<wp:post_id>${50_000 + i * MEDIA_PER_POST + k}</wp:post_id><wp:post_date_gmt><![CDATA[2024-01-01 10:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[image-${i}-${k}]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>${id}</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[${url}]]></wp:attachment_url><wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Photo ${i}-${k}]]></wp:meta_value></wp:postmeta></item>`);
    }
    const day = String((i % 28) + 1).padStart(2, "0");
    items.push(
      post(
        i,
        `Relevés [en mm] du ${day}/01 n° ${i}`,
        `<!-- wp:paragraph --><p>Pluie et vent sur le département, relevé ${i}.</p><!-- /wp:paragraph -->
<!-- wp:image --><figure class="wp-block-image"><img src="${SITE}/wp-content/uploads/2024/01/image-${i}-0-300x225.jpg" alt="Photo"/></figure><!-- /wp:image -->
<!-- wp:shortcode -->[gallery]<!-- /wp:shortcode -->
<!-- wp:embed {"url":"https://youtu.be/dQw4w9WgXcQ"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://youtu.be/dQw4w9WgXcQ</div></figure><!-- /wp:embed -->`,
        `<wp:comment><wp:comment_id>${i}</wp:comment_id><wp:comment_author><![CDATA[Lecteur]]></wp:comment_author><wp:comment_date_gmt><![CDATA[2024-01-${day} 12:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Merci !]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>`,
      ),
    );
  }
  return exportXml(items);
}

/** Runs the CLI in its own process; wall time and peak resident memory (VmHWM, polled). */
function runImport(
  args: string[],
  env: Record<string, string>,
): Promise<{ seconds: number; peakMb: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/meteo.ts", "import", "wordpress", ...args],
      {
        env: { ...process.env, METEO_SKIP_LOCAL_ENV: "1", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        peakKb = Math.max(peakKb, Number(hwm ?? 0));
      } catch {
        // exited
      }
    }, 50);
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`import failed (${code}):\n${output}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, output });
    });
  });
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const { database: _database, ...options } = connectionOptions(serverUrl);
  const admin = await mysql.createConnection(options);
  await admin.query("DROP DATABASE IF EXISTS ??", [DATABASE]);
  await admin.query("CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", [DATABASE]);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE}`;
  await migrate(url.toString());
  return url.toString();
}

export const suite: Suite = {
  name: "wordpress",
  async run() {
    const work = mkdtempSync(path.join(tmpdir(), "m06-bench-wp-"));
    const uploads = path.join(work, "site", "2024", "01");
    mkdirSync(uploads, { recursive: true });
    for (let i = 0; i < POSTS; i++) {
      for (let k = 0; k < MEDIA_PER_POST; k++) {
        const n = i * MEDIA_PER_POST + k;
        const color = { r: n % 256, g: Math.floor(n / 256) % 256, b: (n * 7) % 256 };
        writeFileSync(
          path.join(uploads, `image-${i}-${k}.jpg`),
          await sharp({ create: { width: 96, height: 72, channels: 3, background: color } })
            .jpeg()
            .toBuffer(),
        );
      }
    }
    const file = path.join(work, "export.xml");
    writeFileSync(file, richPosts());
    const textFile = path.join(work, "text.xml");
    writeFileSync(textFile, textPosts());
    const site = await startOldSite(path.join(work, "site"));
    const serverUrl = process.env.BENCH_SERVER_URL ?? process.env.DATABASE_URL!;
    try {
      const rows: { name: string; seconds: number; peakMb: number | null; note: string }[] = [];
      const media = path.join(work, "media");
      const fresh = async () => ({ DATABASE_URL: await freshDatabase(serverUrl), MEDIA_DIR: media });
      const empty = path.join(work, "empty.xml");
      writeFileSync(empty, exportXml([]));
      rows.push({
        name: "empty export",
        ...(await runImport([empty], await fresh())),
        note: "start-up of the CLI: its floor",
      });
      const base = {
        name: `${POSTS.toLocaleString("en")} text posts, baseline`,
        ...(await runImport([textFile], await fresh())),
        note: "one paragraph each",
      };
      rows.push(base);
      const rich = await runImport([file], await fresh());
      rows.push({
        name: `${POSTS.toLocaleString("en")} posts, no media`,
        ...rich,
        note: "images, gallery, video, comment each; images left on the old site",
      });
      rmSync(media, { recursive: true, force: true });
      const env = await fresh();
      const fetchArgs = [file, "--fetch-media", "--old-site", site.origin];
      const full = await runImport(fetchArgs, env);
      const fetched = /\| Médias récupérés +\| (\d+)/.exec(full.output)?.[1] ?? "?";
      rows.push({ name: "--fetch-media, first run", ...full, note: `${fetched} media fetched and stored` });
      const again = await runImport(fetchArgs, env);
      const unchanged = /\| Articles inchangés +\| (\d+)/.exec(again.output)?.[1] ?? "?";
      rows.push({
        name: "--fetch-media, re-run",
        ...again,
        note: `${unchanged} articles unchanged, nothing fetched`,
      });
      // The network part alone: the same 2,000 downloads, in this process.
      const started = performance.now();
      const paths = Array.from(
        { length: POSTS * MEDIA_PER_POST },
        (_, n) =>
          `/wp-content/uploads/2024/01/image-${Math.floor(n / MEDIA_PER_POST)}-${n % MEDIA_PER_POST}.jpg`,
      );
      const options = {
        origin: site.origin,
        dir: path.join(work, "downloads"),
        timeoutMs: 30_000,
        maxBytes: 1e8,
        retries: 0,
        retryDelayMs: 0,
        concurrency: 4,
      };
      await inPool(paths, 4, async (p) => void (await download(p, options)));
      rows.push({
        name: "downloads only (2,000 files, 4 at a time)",
        seconds: (performance.now() - started) / 1000,
        peakMb: null,
        note: "the network share of the import",
      });

      console.log(
        `\nWordPress import — ${POSTS.toLocaleString("en")} posts, ${(POSTS * MEDIA_PER_POST).toLocaleString("en")} images (96×72 JPEG) from a loopback old site, CLI in its own process\n`,
      );
      console.log("| run | time s | × baseline | peak memory MB | × baseline | note |");
      console.log("| --- | --- | --- | --- | --- | --- |");
      for (const row of rows) {
        const memory = row.peakMb === null ? "—" : row.peakMb.toFixed(0);
        const memoryRatio =
          row.peakMb === null
            ? "—"
            : row === base
              ? "1 (baseline)"
              : (row.peakMb / (base.peakMb ?? row.peakMb)).toFixed(2);
        const timeRatio = row === base ? "1 (baseline)" : (row.seconds / base.seconds).toFixed(1);
        console.log(
          `| ${row.name} | ${row.seconds.toFixed(1)} | ${timeRatio} | ${memory} | ${memoryRatio} | ${row.note} |`,
        );
      }
    } finally {
      await site.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
};

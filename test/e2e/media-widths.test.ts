import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadMedia } from "@/lib/media/library";
import { startTestApp, type TestApp } from "../helpers/app";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { httpGet } from "../helpers/http";

/**
 * `meteo media widths`: an image uploaded before the 720 px width existed gets its 720 px files, its
 * article lists them once the command has run (cached page refreshed), and a lost image is named
 * without stopping the others.
 */

const AUTH_SECRET = "test-secret-not-for-production";
let dbs: TestDatabases;
let app: TestApp;
let work: string;
let mediaDir: string;
let key: string;
let lostKey: string;

/** An image as stored before December 2026: 480, 960 and its own width, no 720. */
async function oldUpload(width: number, name: string) {
  const image = await sharp({
    create: {
      width,
      height: Math.round((width * 2) / 3),
      channels: 4,
      background: { r: 40, g: 110, b: 190, alpha: 0.6 },
    },
  })
    .png()
    .toBuffer();
  const { media } = await uploadMedia(null, image, { originalName: name, alt: name }, { dir: mediaDir });
  for (const format of ["avif", "webp", "jpg"]) rmSync(path.join(mediaDir, media.key, `720.${format}`));
  await dbs.prisma.media.update({ where: { id: media.id }, data: { widths: `480,960,${width}` } });
  return media;
}

const cli = () =>
  runCli(["media", "widths"], {
    DATABASE_URL: dbs.appUrl,
    MEDIA_DIR: mediaDir,
    SITE_URL: app.origin,
    AUTH_SECRET,
  });

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  work = mkdtempSync(path.join(tmpdir(), "m06-widths-"));
  mediaDir = path.join(work, "media");
  const cover = await oldUpload(1200, "Le port de Nice");
  key = cover.key;
  const lost = await oldUpload(1000, "Perdue");
  lostKey = lost.key;
  rmSync(path.join(mediaDir, lostKey), { recursive: true });
  await dbs.prisma.article.create({
    data: {
      type: "NEWS",
      status: "PUBLISHED",
      title: "Le port sous le mistral",
      slug: "le-port-sous-le-mistral",
      excerpt: "",
      bodyHtml: "<p>Rafales sur le port.</p>",
      bodyText: "Rafales sur le port.",
      coverId: cover.id,
      publishedAt: new Date(Date.now() - 3600_000),
    },
  });
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, MEDIA_DIR: mediaDir, AUTH_SECRET });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("meteo media widths", () => {
  it("adds the 720 px files of an old image, shows them on its article, and names the image it cannot complete", async () => {
    const article = () => httpGet(`${app.origin}/articles/le-port-sous-le-mistral`);
    const before = await article();
    expect(before.status).toBe(200);
    expect(before.text()).toContain(`/api/media/${key}/960.avif 960w`);
    expect(before.text()).not.toContain("720w");

    const run = await cli();
    expect(run.stdout).toContain("2 image(s) in");
    expect(run.stdout).toContain("1 completed with their missing widths");
    expect(run.stderr).toContain(`${lostKey}: not completed`);
    expect(run.code).toBe(1);

    expect((await article()).text()).toContain(`/api/media/${key}/720.avif 720w`);
    for (const [format, type] of [
      ["avif", "image/avif"],
      ["webp", "image/webp"],
      ["jpg", "image/jpeg"],
    ]) {
      const file = await httpGet(`${app.origin}/api/media/${key}/720.${format}`);
      expect([format, file.status, file.headers["content-type"]]).toEqual([format, 200, type]);
      const { width, height, hasAlpha } = await sharp(file.body).metadata();
      expect([format, width, height]).toEqual([format, 720, 480]);
      // The WebP and AVIF keep the image's transparency; the JPEG is flattened, as at upload.
      expect([format, hasAlpha]).toEqual([format, format !== "jpg"]);
    }
    const media = await dbs.prisma.media.findUniqueOrThrow({ where: { key } });
    expect(media.widths).toBe("480,720,960,1200");
    expect((await dbs.prisma.media.findUniqueOrThrow({ where: { key: lostKey } })).widths).toBe(
      "480,960,1000",
    );
  });

  it("leaves complete images alone when run again", async () => {
    await dbs.prisma.media.delete({ where: { key: lostKey } });
    const written = statSync(path.join(mediaDir, key, "720.avif")).mtimeMs;
    const run = await cli();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("1 image(s) in");
    expect(run.stdout).toContain("0 completed with their missing widths");
    expect(run.stdout).not.toContain("pages refreshed");
    expect(statSync(path.join(mediaDir, key, "720.avif")).mtimeMs).toBe(written);
  });
});

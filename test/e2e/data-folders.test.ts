import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_DIRS, developmentDataDirs } from "@/lib/data-dirs";
import { uploadMedia } from "@/lib/media/library";
import { localDefaults } from "@/scripts/dev/prepare";
import { startTestApp, type TestApp } from "../helpers/app";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/**
 * The clean-clone bug: `npm run demo` stored the demo's article images from the project root, while the
 * standalone server (which runs from .next/standalone) resolved the relative default `.data/media`
 * against its own folder, so every article image answered 404. The data folders are now absolute, and
 * the preparation writes the project's ones into .env.local for the server it starts.
 */

let dbs: TestDatabases;
let app: TestApp;
let stored: string | null = null;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  // What the demo's seed does, from the project root, with no MEDIA_DIR set (a clean clone).
  delete process.env.MEDIA_DIR;
  const png = await sharp({
    create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  const { media, created } = await uploadMedia(null, png, { originalName: "ciel.png", alt: "Un ciel bleu" });
  if (created) stored = path.join(developmentDataDirs().MEDIA_DIR, media.key);
  // The server as `npm run demo` starts it, with the data folders the preparation writes into a clean
  // clone's .env.local.
  const settings = localDefaults(dbs.appUrl);
  const folders = Object.fromEntries(Object.keys(DATA_DIRS).map((name) => [name, settings[name]]));
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, ...folders });
});

afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
  if (stored) rmSync(stored, { recursive: true, force: true });
});

describe("data folders on a clean clone", () => {
  it("serves an image stored from the project root (the demo's seed) through the standalone server", async () => {
    const media = await dbs.prisma.media.findFirstOrThrow({ where: { originalName: "ciel.png" } });
    const folder = path.join(developmentDataDirs().MEDIA_DIR, media.key);
    const file = readdirSync(folder).find((f) => f.endsWith(".webp"))!;
    const response = await fetch(`${app.origin}/api/media/${media.key}/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(folder, file)))).toBe(
      true,
    );
    // Nothing is kept inside the build, which every deploy replaces.
    expect(existsSync(".next/standalone/.data/media")).toBe(false);
  });
});

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/accounts/auth";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-tokens";
import { hashPassword, verifyPassword } from "@/lib/accounts/passwords";
import { clearThrottle, reserveAttempt, throttleKeys, waitSeconds } from "@/lib/accounts/throttle";
import { compareDetails } from "@/lib/articles/diff";
import { parseArticleInput } from "@/lib/articles/input";
import { resolveLegacy } from "@/lib/articles/legacy";
import { currentVigilance, latestForecast, listPublicArticles, searchArticles } from "@/lib/articles/queries";
import {
  autosaveArticle,
  createArticle,
  createDraftArticle,
  listRevisions,
  restoreRevision,
  saveArticle,
} from "@/lib/articles/store";
import { deleteMedia, updateMediaText, uploadMedia } from "@/lib/media/library";
import { MediaError } from "@/lib/media/pipeline";
import { mediaUrl } from "@/lib/media/urls";
import { forecastCell } from "../helpers/articles";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

let dbs: TestDatabases;
let smtp: SmtpSink;
let work: string;
let author: CurrentUser;
let other: CurrentUser;
let editor: CurrentUser;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  work = mkdtempSync(path.join(tmpdir(), "m06-media-"));
  process.env.MEDIA_DIR = path.join(work, "media");
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  const make = async (email: string, role: "AUTHOR" | "EDITOR") => {
    const u = await dbs.prisma.user.create({
      data: { email, name: email.split("@")[0], role, passwordHash: null },
    });
    return { id: u.id, email, name: u.name, role, stationIds: [] };
  };
  author = await make("auteur@test.fr", "AUTHOR");
  other = await make("autre@test.fr", "AUTHOR");
  editor = await make("editeur@test.fr", "EDITOR");
});
afterAll(async () => {
  delete process.env.MEDIA_DIR;
  delete process.env.SMTP_URL;
  await smtp?.close();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** Random pixels: an image that does not compress. */
const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });

async function refusal(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaError);
  return error as MediaError;
}

describe("media library", () => {
  it("refuses non-images, scripted SVG, decompression bombs, oversized files and a missing alt text", async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect(
      (
        await refusal(
          uploadMedia(author.id, Buffer.from("%PDF-1.4 hello"), { originalName: "a.pdf", alt: "x" }),
        )
      ).status,
    ).toBe(415);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    const scripted = await refusal(uploadMedia(author.id, svg, { originalName: "a.svg", alt: "x" }));
    expect([scripted.status, scripted.message]).toEqual([
      415,
      "Image SVG refusée : elle contient des scripts ou des liens actifs.",
    ]);
    // 5000 × 5000 pixels in a few kilobytes.
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: "#000" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(200_000);
    process.env.MEDIA_MAX_PIXELS = "10000000";
    const bombError = await refusal(uploadMedia(author.id, bomb, { originalName: "bomb.png", alt: "x" }));
    expect([bombError.status, bombError.message]).toEqual([
      413,
      "Image trop grande (5000 × 5000 pixels) : la limite est de 10 mégapixels.",
    ]);
    delete process.env.MEDIA_MAX_PIXELS;
    process.env.MEDIA_MAX_BYTES = "1000";
    expect(
      (
        await refusal(
          uploadMedia(author.id, await noise(100, 100).png().toBuffer(), {
            originalName: "big.png",
            alt: "x",
          }),
        )
      ).status,
    ).toBe(413);
    delete process.env.MEDIA_MAX_BYTES;
    expect(
      (await refusal(uploadMedia(author.id, png, { originalName: "a.png", alt: "  " }))).message,
    ).toMatch(/texte alternatif est obligatoire/);
    expect(await dbs.prisma.media.count()).toBe(0);
  });

  it("a safe SVG is rasterised like any image", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#09c"/></svg>',
    );
    const { media } = await uploadMedia(author.id, svg, { originalName: "logo.svg", alt: "Logo" });
    expect(readdirSync(path.join(process.env.MEDIA_DIR!, media.key)).sort()).toContain("480.webp");
    await deleteMedia(author, media.id);
    expect(existsSync(path.join(process.env.MEDIA_DIR!, media.key))).toBe(false);
  });

  it("a failed write (full disk) gives a clear error and leaves no file", async () => {
    const jpeg = await noise(1200, 800).jpeg().toBuffer();
    let writes = 0;
    const io = {
      writeFile: async () => {
        writes++;
        if (writes === 3)
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const error = await refusal(uploadMedia(author.id, jpeg, { originalName: "p.jpg", alt: "x" }, { io }));
    expect([error.status, error.message]).toEqual([
      507,
      "Espace disque insuffisant sur le serveur : l'image n'a pas été enregistrée.",
    ]);
    const leftovers = readdirSync(process.env.MEDIA_DIR!).filter((f) => f !== ".tmp");
    expect(leftovers).toEqual([]);
    expect(readdirSync(path.join(process.env.MEDIA_DIR!, ".tmp"))).toEqual([]);
    expect(await dbs.prisma.media.count()).toBe(0);
  });

  it.runIf(process.getuid?.() === 0)("on a really full file system (a 64 KiB tmpfs)", async () => {
    const tiny = path.join(work, "tiny");
    mkdirSync(tiny);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny]);
    try {
      const jpeg = await noise(1600, 1000).jpeg({ quality: 95 }).toBuffer();
      const error = await refusal(
        uploadMedia(author.id, jpeg, { originalName: "p.jpg", alt: "x" }, { dir: tiny }),
      );
      expect(error.status).toBe(507);
      expect(readdirSync(tiny).filter((f) => f !== ".tmp")).toEqual([]);
      expect(readdirSync(path.join(tiny, ".tmp"))).toEqual([]);
      expect(await dbs.prisma.media.count()).toBe(0);
    } finally {
      execFileSync("umount", [tiny]);
    }
  });

  it("reuses the same file, and refuses to delete an image in use", async () => {
    const jpeg = await noise(1000, 600).jpeg().toBuffer();
    const first = await uploadMedia(author.id, jpeg, { originalName: "a.jpg", alt: "Vue" });
    const again = await uploadMedia(other.id, jpeg, { originalName: "b.jpg", alt: "Autre" });
    expect([first.created, again.created, again.media.id]).toEqual([true, false, first.media.id]);
    const article = await createArticle(
      author,
      parseArticleInput({
        type: "NEWS",
        title: "Avec image",
        bodyHtml: `<figure><img src="${mediaUrl(first.media.key, 960)}" alt="Vue"></figure>`,
      }),
    );
    const error = await refusal(deleteMedia(editor, first.media.id));
    expect([error.status, error.message]).toEqual([
      409,
      "Image utilisée par l'article « Avec image » : retirez-la d'abord.",
    ]);
    expect((await refusal(deleteMedia(other, first.media.id))).status).toBe(403);
    // Its texts too: its uploader and editors only.
    const denied = await refusal(updateMediaText(other, first.media.id, "Piratée", "<b>légende</b>"));
    expect([denied.status, denied.message]).toEqual([
      403,
      "Seuls son auteur et les éditeurs peuvent modifier cette image.",
    ]);
    expect((await updateMediaText(author, first.media.id, "Vue du port", null)).alt).toBe("Vue du port");
    expect((await updateMediaText(editor, first.media.id, "Vue", "Le port")).caption).toBe("Le port");
    await dbs.prisma.article.delete({ where: { id: article.id } });
    await deleteMedia(editor, first.media.id);
  });
});

describe("articles", () => {
  it("lets authors write and submit, editors publish and schedule", async () => {
    const draft = await createArticle(
      author,
      parseArticleInput({
        type: "NEWS",
        title: "Sortie au Mont Vial",
        bodyHtml: "<p>Rendez-vous à <b>9 h</b> <script>x</script></p>",
      }),
    );
    expect(draft).toMatchObject({
      status: "DRAFT",
      slug: "sortie-au-mont-vial",
      bodyHtml: "<p>Rendez-vous à <b>9 h</b> </p>",
    });
    const publish = parseArticleInput({
      type: "NEWS",
      title: "Sortie au Mont Vial",
      bodyHtml: "<p>x</p>",
      status: "PUBLISHED",
    });
    await expect(saveArticle(author, draft.id, publish)).rejects.toThrow(/Seul un éditeur peut publier/);
    await expect(saveArticle(other, draft.id, { ...publish, status: "PENDING" })).rejects.toThrow(
      /vos propres articles/,
    );
    await expect(
      createArticle(
        author,
        parseArticleInput({
          type: "VIGILANCE",
          title: "v",
          vigilance: {
            level: "YELLOW",
            phenomena: ["orages"],
            zones: ["COAST"],
            validFrom: new Date(),
            validUntil: new Date(Date.now() + 1000),
          },
        }),
      ),
    ).rejects.toThrow(/éditeurs/);
    const pending = await saveArticle(author, draft.id, {
      ...publish,
      status: "PENDING",
      bodyHtml: "<p>Rendez-vous à 9 h au col.</p>",
    });
    expect(pending.status).toBe("PENDING");

    const now = new Date();
    const soon = new Date(now.getTime() + 60_000);
    const scheduled = await saveArticle(editor, draft.id, {
      ...publish,
      publishedAt: soon,
      bodyHtml: "<p>Rendez-vous à 9 h au col de la Couillole.</p>",
    });
    expect(scheduled.status).toBe("SCHEDULED");
    await expect(saveArticle(author, draft.id, { ...publish, status: "DRAFT" })).rejects.toThrow(
      /seul un éditeur/,
    );
    expect((await listPublicArticles({}, now)).items.map((a) => a.slug)).not.toContain("sortie-au-mont-vial");
    expect((await listPublicArticles({}, new Date(soon.getTime() + 1))).items.map((a) => a.slug)).toContain(
      "sortie-au-mont-vial",
    );
    expect(
      (await searchArticles("couillole", 1, 10, new Date(soon.getTime() + 1))).items.map((a) => a.slug),
    ).toEqual(["sortie-au-mont-vial"]);
    expect((await searchArticles("couillole", 1, 10, now)).total).toBe(0);
    expect((await searchArticles("col couill", 1, 10, new Date(soon.getTime() + 1))).total).toBe(1);
  });

  it("keeps an editor's redirect when a draft takes the old address", async () => {
    const input = (title: string, slug: string, status: "DRAFT" | "PUBLISHED") =>
      parseArticleInput({ type: "NEWS", title, slug, bodyHtml: "<p>Texte</p>", status });
    const moved = await createArticle(editor, input("Bilan d'octobre", "bilan-octobre", "PUBLISHED"));
    await saveArticle(editor, moved.id, input("Bilan d'octobre", "bilan-octobre-2026", "PUBLISHED"));
    expect(await resolveLegacy("/articles/bilan-octobre/")).toBe("/articles/bilan-octobre-2026");

    // An author's draft at the old address, saved again: the readers of the old address still arrive.
    const draft = await createArticle(author, input("Mon brouillon", "bilan-octobre", "DRAFT"));
    expect(draft.slug).toBe("bilan-octobre");
    await saveArticle(author, draft.id, input("Mon brouillon", "bilan-octobre", "DRAFT"));
    expect(await resolveLegacy("/articles/bilan-octobre/")).toBe("/articles/bilan-octobre-2026");

    // Published by an editor, the article takes the address back.
    await saveArticle(editor, draft.id, input("Mon article", "bilan-octobre", "PUBLISHED"));
    expect(await dbs.prisma.redirect.count({ where: { fromPath: "/articles/bilan-octobre" } })).toBe(0);
  });

  it("keeps every save as a revision, autosaves in one rolling revision, restores", async () => {
    const a = await createArticle(
      author,
      parseArticleInput({ type: "NEWS", title: "Version 1", bodyHtml: "<p>un</p>" }),
    );
    await saveArticle(
      author,
      a.id,
      parseArticleInput({ type: "NEWS", title: "Version 2", bodyHtml: "<p>deux</p>" }),
    );
    await autosaveArticle(author, a.id, { title: "Version 3", excerpt: "", bodyHtml: "<p>trois</p>" });
    await autosaveArticle(author, a.id, { title: "Version 4", excerpt: "", bodyHtml: "<p>quatre</p>" });
    const revisions = await listRevisions(a.id);
    expect(revisions.map((r) => [r.title, r.autosave])).toEqual([
      ["Version 4", true],
      ["Version 2", false],
      ["Version 1", false],
    ]);
    const restored = await restoreRevision(author, a.id, revisions[2].id);
    expect([restored.title, restored.bodyHtml]).toEqual(["Version 1", "<p>un</p>"]);
    expect(await listRevisions(a.id)).toHaveLength(4);
  });

  it("keeps a forecast's table with every revision: compares and restores it", async () => {
    const forecast = (rows: ReturnType<typeof forecastCell>[]) =>
      parseArticleInput({
        type: "FORECAST",
        title: "Prévisions du week-end",
        bodyHtml: "<p>Beau</p>",
        forecast: rows,
      });
    const table = async (articleId: number) =>
      (await dbs.prisma.forecastDay.findMany({ where: { articleId }, orderBy: [{ zone: "asc" }] })).map(
        (r) => [r.zone, r.sky, r.tMax],
      );
    const a = await createArticle(
      author,
      forecast([forecastCell("COAST", "SUNNY", 24), forecastCell("HIGHLAND", "CLOUDY", 20)]),
    );
    await saveArticle(author, a.id, forecast([forecastCell("COAST", "THUNDERSTORM", 19)]));
    expect(await table(a.id)).toEqual([["COAST", "THUNDERSTORM", 19]]);
    // An autosave sends only the text: its revision keeps the table as stored.
    await autosaveArticle(author, a.id, {
      title: "Prévisions du week-end",
      excerpt: "",
      bodyHtml: "<p>Orageux</p>",
    });
    const [autosaved, second, first] = await listRevisions(a.id);
    expect(compareDetails(second, autosaved)?.every((part) => part.kind === "same")).toBe(true);

    const diff = compareDetails(first, second)!;
    const text = (kind: string) =>
      diff
        .filter((part) => part.kind === kind)
        .map((part) => part.text)
        .join("");
    expect(text("removed")).toBe(
      "Prévision du 01/06/2030, Littoral : Ensoleillé, min 15 °C, max 24 °C, vent SE 20 km/h, pluie 10 %\n" +
        "Prévision du 01/06/2030, Haut-pays : Nuageux, min 15 °C, max 20 °C, vent SE 20 km/h, pluie 10 %\n",
    );
    expect(text("added")).toBe(
      "Prévision du 01/06/2030, Littoral : Orages, min 15 °C, max 19 °C, vent SE 20 km/h, pluie 10 %\n",
    );

    await restoreRevision(author, a.id, first.id);
    expect(await table(a.id)).toEqual([
      ["COAST", "SUNNY", 24],
      ["HIGHLAND", "CLOUDY", 20],
    ]);
    const [restored] = await listRevisions(a.id);
    expect(compareDetails(first, restored)?.every((part) => part.kind === "same")).toBe(true);

    // A revision written before revisions kept tables (no details) leaves the table as it is.
    const old = await dbs.prisma.articleRevision.create({
      data: { articleId: a.id, title: "Ancienne version", excerpt: "", bodyHtml: "<p>Ancien</p>" },
    });
    await restoreRevision(author, a.id, old.id);
    expect(await table(a.id)).toHaveLength(2);
    expect(compareDetails(old, restored)).toBeNull();
  });

  it("keeps a vigilance's level, phenomena, zones and validity with every revision: compares and restores them", async () => {
    const vigilance = (level: string, phenomena: string[], zones: string[], validUntil: string) =>
      parseArticleInput({
        type: "VIGILANCE",
        title: "Vigilance orages",
        bodyHtml: "<p>Orages attendus</p>",
        vigilance: { level, phenomena, zones, validFrom: "2030-06-01T10:00", validUntil },
      });
    const notice = async (articleId: number) => {
      const { level, phenomena, zones, validUntil } = await dbs.prisma.vigilanceNotice.findUniqueOrThrow({
        where: { articleId },
      });
      return { level, phenomena, zones, validUntil: validUntil.toISOString() };
    };
    const v = await createArticle(editor, vigilance("YELLOW", ["orages"], ["COAST"], "2030-06-01T18:00"));
    await saveArticle(
      editor,
      v.id,
      vigilance("ORANGE", ["orages", "pluie-inondation"], ["COAST", "MIDLAND"], "2030-06-02T06:00"),
    );
    expect(await notice(v.id)).toEqual({
      level: "ORANGE",
      phenomena: "orages,pluie-inondation",
      zones: "COAST,MIDLAND",
      validUntil: "2030-06-02T04:00:00.000Z",
    });
    const [second, first] = await listRevisions(v.id);
    const diff = compareDetails(first, second)!;
    expect(diff.filter((part) => part.kind === "removed").map((part) => part.text)).toEqual([
      "Vigilance jaune\nPhénomènes : Orages\nZones : Littoral\nValidité : du 01/06/2030 10:00 au 01/06/2030 18:00\n",
    ]);
    expect(diff.filter((part) => part.kind === "added").map((part) => part.text)).toEqual([
      "Vigilance orange\nPhénomènes : Orages, Pluie-inondation\nZones : Littoral, Moyen-pays\n" +
        "Validité : du 01/06/2030 10:00 au 02/06/2030 06:00\n",
    ]);

    await restoreRevision(editor, v.id, first.id);
    expect(await notice(v.id)).toEqual({
      level: "YELLOW",
      phenomena: "orages",
      zones: "COAST",
      validUntil: "2030-06-01T16:00:00.000Z",
    });
  });

  it("exposes a draft creator for jobs (climate summaries)", async () => {
    const draft = await createDraftArticle({
      type: "CLIMATE",
      title: "Récapitulatif d'octobre",
      bodyHtml: "<p>Doux</p><img src=x onerror=alert(1)>",
      authorId: null,
    });
    expect(draft).toMatchObject({
      status: "DRAFT",
      type: "CLIMATE",
      slug: "recapitulatif-d-octobre",
      excerpt: "Doux",
      bodyHtml: '<p>Doux</p><img src="x" />',
    });
  });

  it("publishes vigilance notices and forecasts for the banner and the station pages", async () => {
    const now = new Date();
    const vigilance = await createArticle(
      editor,
      parseArticleInput({
        type: "VIGILANCE",
        title: "Vigilance orange vent",
        status: "PUBLISHED",
        vigilance: {
          level: "ORANGE",
          phenomena: ["vent-violent"],
          zones: ["COAST", "MIDLAND"],
          validFrom: new Date(now.getTime() - 1000),
          validUntil: new Date(now.getTime() + 3600_000),
        },
      }),
    );
    const notices = await currentVigilance(new Date()); // after the save: published at save time
    expect(notices.map((n) => [n.slug, n.level, n.phenomena, n.zones])).toEqual([
      [vigilance.slug, "ORANGE", ["vent-violent"], ["COAST", "MIDLAND"]],
    ]);
    expect(await currentVigilance(new Date(now.getTime() + 3600_001))).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    await createArticle(
      editor,
      parseArticleInput({
        type: "FORECAST",
        title: "Prévisions",
        status: "PUBLISHED",
        forecast: [
          {
            day: tomorrow,
            zone: "HIGHLAND",
            sky: "SNOW",
            tMin: -4,
            tMax: 2,
            windSpeed: 30,
            windDir: "NO",
            rainProbability: 90,
          },
          {
            day: tomorrow,
            zone: "COAST",
            sky: "SUNNY",
            tMin: 9,
            tMax: 16,
            windSpeed: 10,
            windDir: "E",
            rainProbability: 0,
          },
          {
            day: "2001-01-01",
            zone: "COAST",
            sky: "RAIN",
            tMin: 1,
            tMax: 2,
            windSpeed: null,
            windDir: null,
            rainProbability: null,
          },
        ],
      }),
    );
    const mountain = await latestForecast("HIGHLAND");
    expect(mountain?.rows.map((r) => [r.day, r.sky, r.tMin, r.tMax])).toEqual([[tomorrow, "SNOW", -4, 2]]);
    expect((await latestForecast(null))?.rows.map((r) => r.zone)).toEqual(["COAST", "HIGHLAND"]);
    expect(await latestForecast("MIDLAND")).toBeNull();
    expect(today <= tomorrow).toBe(true);
  });
});

describe("accounts", () => {
  it("throttles per account and per address with growing, bounded delays", async () => {
    const keys = throttleKeys("203.0.113.9", "cible@test.fr");
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    for (let i = 0; i < 4; i++) expect(await reserveAttempt(keys, at(0))).toBe(0);
    expect(await waitSeconds(keys, at(0))).toBe(0);
    expect(await reserveAttempt(keys, at(0))).toBe(0);
    expect(await waitSeconds(keys, at(0))).toBe(2);
    // While it must wait, an attempt is refused and changes nothing.
    expect(await reserveAttempt(keys, at(1000))).toBe(1);
    expect(await waitSeconds(keys, at(1000))).toBe(1);
    expect(await reserveAttempt(keys, at(2000))).toBe(0);
    expect(await waitSeconds(keys, at(2000))).toBe(4);
    // The same account from elsewhere waits too; another account from elsewhere does not.
    expect(await waitSeconds(throttleKeys("198.51.100.1", "cible@test.fr"), at(2000))).toBe(4);
    expect(await waitSeconds(throttleKeys("198.51.100.1", "autre@test.fr"), at(2000))).toBe(0);
    // Each attempt made once the previous wait is over: the wait doubles up to its ceiling.
    let now = 2000;
    for (let i = 0; i < 12; i++) {
      now += (await waitSeconds(keys.slice(0, 1), at(now))) * 1000;
      expect(await reserveAttempt(keys.slice(0, 1), at(now))).toBe(0);
    }
    expect(await waitSeconds(keys.slice(0, 1), at(now))).toBe(15 * 60);
    // A day of quiet forgets everything.
    expect(await waitSeconds(keys, at(now + 86400_000 + 1000))).toBe(0);
    await clearThrottle(keys);
    expect(await waitSeconds(keys, at(now))).toBe(0);
  });

  it("does the same argon2 work for an account that does not exist (no timing difference)", async () => {
    const hash = await hashPassword("le bon mot de passe");
    const time = async (passwordHash: string | null) => {
      const start = performance.now();
      expect(await verifyPassword(passwordHash, "une supposition")).toBe(false);
      return performance.now() - start;
    };
    await verifyPassword(null, "échauffement"); // the dummy hash is made once
    // Interleaved, so that a busy moment of the machine weighs on both.
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 9; i++) {
      times.known.push(await time(hash));
      times.unknown.push(await time(null));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[4];
    const [known, unknown] = [median(times.known), median(times.unknown)];
    // The same hash function with the same parameters: comparable times (not a shortcut of ~0 ms).
    expect(unknown).toBeGreaterThan(known / 3);
    expect(await verifyPassword(hash, "le bon mot de passe")).toBe(true);
  });

  it("counts 30 parallel attempts on one account exactly: 5 go through, none fails", async () => {
    const keys = throttleKeys("203.0.113.10", "parallele@test.fr");
    const now = new Date();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => reserveAttempt(keys, now)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const waits = results.map((r) => (r.status === "fulfilled" ? r.value : -1));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w === 2)).toHaveLength(25);
    const rows = await dbs.prisma.loginThrottle.findMany({ where: { key: { in: keys } } });
    expect(rows.map((r) => r.failures)).toEqual([5, 5]);
    await clearThrottle(keys);
  });

  it("resets a password through the e-mailed link, once", async () => {
    await reserveAttempt(throttleKeys(null, author.email));
    await requestPasswordReset("AUTEUR@test.fr");
    await requestPasswordReset("personne@test.fr"); // no account: nothing sent, nothing said
    const [mail] = await smtp.waitFor(1);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(author.email);
    const link = /https?:\/\/\S+jeton=([\w-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    await expect(resetPassword(link![1], "court")).rejects.toThrow(/au moins 10 caractères/);
    expect(await resetPassword(link![1], "un mot de passe solide")).toBe(author.email);
    const user = await dbs.prisma.user.findUniqueOrThrow({ where: { id: author.id } });
    expect(await verifyPassword(user.passwordHash, "un mot de passe solide")).toBe(true);
    expect(await waitSeconds(throttleKeys(null, author.email))).toBe(0);
    await expect(resetPassword(link![1], "un autre mot de passe")).rejects.toThrow(/expiré ou a déjà servi/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);
  });
});

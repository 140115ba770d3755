import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKY_ICONS, SKY_LABEL, ZONES } from "@/lib/articles/model";
import { DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import { runCli } from "../helpers/cli";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { sessionCookie, signInInBrowser } from "../helpers/session";

/**
 * The article editor as its users see it (issue 16, items 8 to 11): the saving state and the errors at
 * their field, the link and image dialogs and the block inserter, the forecast table, the trash and the
 * review workflow.
 */

let dbs: TestDatabases;
let app: TestApp;
let browser: Browser;
let work: string;
const user = (role: string) => DEMO_USERS.find((u) => u.role === role && !("stations" in u))!;

beforeAll(async () => {
  dbs = await createDemoDatabases();
  work = mkdtempSync(path.join(tmpdir(), "m06-editor-"));
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, MEDIA_DIR: path.join(work, "media") });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});

async function editorPage(role: string, pathname = "/admin/articles/nouveau"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInInBrowser(page, app.origin, user(role));
  await page.goto(`${app.origin}${pathname}`);
  return page;
}

async function publish(title: string): Promise<string> {
  const cookie = await sessionCookie(app.origin, user("EDITOR").email, user("EDITOR").password);
  const response = await fetch(`${app.origin}/api/admin/articles`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: app.origin, Cookie: cookie },
    body: JSON.stringify({ type: "NEWS", title, bodyHtml: "<p>Texte</p>", status: "PUBLISHED" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { slug: string }).slug;
}

const saveState = (page: Page) => page.locator(".save-state");
/** A save or a search takes seconds when the machine is busy. */
const SLOW = { timeout: 20_000 };

describe("saving you can trust", () => {
  it("shows whether the article is saved, marks a refused cell at its place, autosaves and warns before leaving", async () => {
    const page = await editorPage("EDITOR", "/admin/articles/nouveau?type=FORECAST");
    await expect.poll(() => saveState(page).textContent()).toBe("Pas encore enregistré");
    await page.locator('input[name="title"]').fill("Prévisions du week-end");
    await expect.poll(() => saveState(page).textContent()).toBe("Modifications non enregistrées");
    await page.getByRole("button", { name: "Ajouter une ligne" }).click();
    const max = page.locator('tr[data-row="0"]').getByLabel("Max °C");
    await max.fill("99");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();

    await expect.poll(() => max.getAttribute("aria-invalid"), SLOW).toBe("true");
    const message = page.locator(`#${await max.getAttribute("aria-describedby")}`);
    expect(await message.textContent()).toBe("Température maximale : un nombre entier entre -40 et 50");
    // The message sits in the cell of the refused value, not only in the sidebar.
    expect(await message.evaluate((el) => el.closest("tr")?.dataset.row)).toBe("0");
    expect(await saveState(page).textContent()).toBe("Modifications non enregistrées");

    await max.fill("24");
    await expect.poll(() => max.getAttribute("aria-invalid")).toBeNull();
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await expect.poll(() => saveState(page).textContent(), SLOW).toMatch(/^Enregistré à \d{2}:\d{2}$/);

    await page.locator(".editor-content").click();
    await page.keyboard.type("Beau temps samedi.");
    await expect.poll(() => saveState(page).textContent()).toBe("Modifications non enregistrées");
    const leaving = () =>
      page.evaluate(() => {
        const event = new Event("beforeunload", { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await leaving()).toBe(true);
    // A link of the back office asks first, in the editor's own dialog (no browser prompt); staying
    // (the focused button, or Échap) keeps the page and its text.
    const prompts: string[] = [];
    page.on("dialog", (dialog) => {
      prompts.push(dialog.message());
      void dialog.dismiss();
    });
    const editorUrl = page.url();
    const articles = page.getByRole("link", { name: "Articles", exact: true });
    const ask = page.getByRole("dialog", { name: "Quitter sans enregistrer ?" });
    await articles.click();
    await ask.waitFor();
    expect(await ask.textContent()).toContain("Des modifications ne sont pas enregistrées");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Annuler");
    await page.keyboard.press("Enter");
    await ask.waitFor({ state: "detached" });
    await articles.click();
    await ask.waitFor();
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "detached" });
    expect(page.url()).toBe(editorUrl);
    expect(await page.locator(".editor-content").textContent()).toContain("Beau temps samedi.");
    expect(prompts).toEqual([]);

    // The autosave (every 15 s) saves the text. What is typed while it is on its way (held 3 s here,
    // as on a slow connection) stays in the editor, and the next autosave saves it and says so.
    await page.route(editorUrl, async (route) => {
      if (route.request().method() === "POST") await new Promise((done) => setTimeout(done, 3000));
      await route.continue();
    });
    await expect.poll(() => saveState(page).textContent(), { timeout: 25_000 }).toBe("Enregistrement…");
    await page.locator(".editor-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Vent faible.");
    await expect
      .poll(() => saveState(page).textContent(), { timeout: 40_000 })
      .toMatch(/^Enregistré automatiquement à \d{2}:\d{2}$/);
    expect(await page.locator(".editor-content").textContent()).toBe("Beau temps samedi. Vent faible.");
    expect(await leaving()).toBe(false);
    const id = Number(editorUrl.split("/").at(-1));
    expect((await dbs.prisma.article.findUniqueOrThrow({ where: { id } })).bodyText).toContain(
      "Beau temps samedi. Vent faible.",
    );
    // Saved: the link leaves at once. Changed again: leaving is the dialog's red button.
    await articles.click();
    await page.waitForURL(`${app.origin}/admin/articles`);
    await page.goto(editorUrl);
    await page.locator(".editor-content").click();
    await page.keyboard.type(" Pluie dimanche.");
    await articles.click();
    await ask.getByRole("button", { name: "Quitter sans enregistrer" }).click();
    await page.waitForURL(`${app.origin}/admin/articles`);
    expect(prompts).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe("links and media like WordPress", () => {
  it("links to one of the site's articles found by its title, inserts images with their alt text and caption asked once, and inserts blocks from the + menu or /", async () => {
    const slug = await publish("Bilan des orages de septembre");
    const image = path.join(work, "ciel.png");
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#468" } })
      .png()
      .toFile(image);
    const page = await editorPage("EDITOR");
    const prompts: string[] = [];
    page.on("dialog", (dialog) => {
      prompts.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('input[name="title"]').fill("Liens et images");
    const body = page.locator(".editor-content");
    await body.click();
    await page.keyboard.type("Lire le bilan");
    await page.keyboard.press("Shift+Home");
    await page.getByRole("button", { name: "Lien", exact: true }).click();
    const linkDialog = page.getByRole("dialog", { name: "Lien" });
    await linkDialog.getByLabel("Rechercher un article ou une page du site").fill("orages de sept");
    await linkDialog.getByRole("button", { name: "Bilan des orages de septembre" }).click();
    expect(await linkDialog.getByLabel("Adresse (URL)").inputValue()).toBe(`/articles/${slug}`);
    await linkDialog.getByLabel("Ouvrir dans un nouvel onglet").check();
    await linkDialog.getByRole("button", { name: "Appliquer" }).click();
    // The editor takes the focus back on the next frame (tiptap's focus command): keys pressed before
    // would go elsewhere.
    const editorFocused = () =>
      page.waitForFunction(() => document.activeElement?.closest(".editor-content") != null);
    await editorFocused();
    // The caret is after the link, outside it: what is typed goes on the paragraph, the link's text stays.
    await page.keyboard.type(" en détail.");
    const link = body.locator(`a[href="/articles/${slug}"]`);
    expect(await link.textContent()).toBe("Lire le bilan");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await body.locator("p").first().textContent()).toBe("Lire le bilan en détail.");

    // "/" at the start of an empty paragraph opens the inserter instead of typing a slash.
    await page.keyboard.press("Enter");
    await page.keyboard.type("/");
    const menu = page.getByRole("menu", { name: "Blocs" });
    await menu.waitFor();
    expect(await menu.getByRole("menuitem").allTextContents()).toEqual([
      "Titre",
      "Sous-titre",
      "Liste à puces",
      "Liste numérotée",
      "Citation",
      "Tableau",
      "Image",
      "Graphique d'une station",
      "Conditions actuelles d'une station",
    ]);
    await menu.getByRole("menuitem", { name: "Citation" }).click();
    await editorFocused();
    await page.keyboard.type("Une citation");
    expect(await body.locator("blockquote").textContent()).toBe("Une citation");
    expect(await body.textContent()).not.toContain("/");

    // A new image: its alt text and caption are asked by the upload, and nothing more.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Insérer un bloc" }).click();
    await menu.getByRole("menuitem", { name: "Image" }).click();
    const library = page.locator(".dialog");
    await library.getByLabel("Texte alternatif (obligatoire)").fill("Ciel du soir");
    await library.getByLabel("Légende").fill("Le ciel ce soir");
    await library.locator('input[type="file"]').setInputFiles(image);
    await body.locator("figure").first().waitFor();
    expect(await body.locator("figure figcaption").textContent()).toBe("Le ciel ce soir");
    // An image of the library: one dialog with its alt text and caption, filled with the library's.
    await page.getByRole("button", { name: "Image", exact: true }).click();
    await page.locator(".media-grid button").first().click();
    const imageDialog = page.getByRole("dialog", { name: "Insérer l'image" });
    expect(await imageDialog.getByLabel("Texte alternatif (obligatoire)").inputValue()).toBe("Ciel du soir");
    await imageDialog.getByLabel("Légende (facultative)").fill("Le même ciel");
    await imageDialog.getByRole("button", { name: "Insérer" }).click();
    await expect.poll(() => body.locator("figure").count(), SLOW).toBe(2);
    expect(prompts).toEqual([]);

    await page.getByRole("button", { name: "Publier" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const published = await (await fetch(`${app.origin}/articles/liens-et-images`)).text();
    const anchor = new RegExp(`<a [^>]*href="/articles/${slug}"[^>]*>Lire le bilan</a> en détail\\.`).exec(
      published,
    )?.[0];
    expect(anchor).toContain('target="_blank"');
    expect(anchor).toContain('rel="noopener noreferrer"');
    expect(published).toContain("<figcaption>Le ciel ce soir</figcaption>");
    expect(published).toContain("<figcaption>Le même ciel</figcaption>");
    await page.context().close();
  }, 240_000);
});

describe("the forecast table", () => {
  it("fits beside the sidebar, takes the sky from icons and copies the previous day", async () => {
    const page = await editorPage("EDITOR", "/admin/articles/nouveau?type=FORECAST");
    await page.locator('input[name="title"]').fill("Prévisions de la semaine prochaine");
    await page.getByRole("button", { name: "Ajouter une ligne" }).click();
    const first = page.locator('tr[data-row="0"]');
    await first.getByLabel("Jour").fill("2030-06-01");
    await first.getByRole("radio", { name: "Orages" }).check();
    await first.getByLabel("Min °C").fill("15");
    await first.getByLabel("Max °C").fill("23");
    await page.getByRole("button", { name: "Ajouter une ligne" }).click();
    const second = page.locator('tr[data-row="1"]');
    await second.getByLabel("Zone").selectOption({ label: "Haut-pays" });
    await second.getByRole("radio", { name: "Neige" }).check();
    await second.getByLabel("Max °C").fill("4");
    await page.getByRole("button", { name: "Copier le jour précédent" }).click();

    const rows = page.locator(".forecast-editor tbody tr");
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(2).getByLabel("Jour").inputValue()).toBe("2030-06-02");
    expect(await rows.nth(2).getByRole("radio", { name: "Orages" }).isChecked()).toBe(true);
    expect(await rows.nth(3).getByLabel("Max °C").inputValue()).toBe("4");
    expect(await rows.nth(3).getByLabel("Zone").inputValue()).toBe(ZONES[2]);
    // Laid out to fit: no horizontal scrolling at 1280 px.
    const scroll = page.locator(".forecast-editor .table-scroll");
    expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(page.url().split("/").at(-1));
    const stored = await dbs.prisma.forecastDay.findMany({ where: { articleId: id } });
    const sky = (label: string) => SKY_ICONS.find((s) => SKY_LABEL[s].label === label);
    const lines = stored.map((r) => `${r.day.toISOString().slice(0, 10)} ${r.zone} ${r.sky} ${r.tMax}`);
    expect(lines.sort()).toEqual(
      [
        `2030-06-01 ${ZONES[0]} ${sky("Orages")} 23`,
        `2030-06-01 ${ZONES[2]} ${sky("Neige")} 4`,
        `2030-06-02 ${ZONES[0]} ${sky("Orages")} 23`,
        `2030-06-02 ${ZONES[2]} ${sky("Neige")} 4`,
      ].sort(),
    );
    await page.context().close();
  });
});

describe("an article's life", () => {
  it("submits for review, shows it waiting on the editors' dashboard, publishes with a link to the page, trashes, restores and deletes with confirmation", async () => {
    const author = await editorPage("AUTHOR");
    await author.locator('input[name="title"]').fill("Article à relire");
    await author.locator(".editor-content").click();
    await author.keyboard.type("Texte soumis.");
    await author.getByRole("button", { name: "Soumettre pour relecture" }).click();
    await author.waitForURL(/\/admin\/articles\/\d+$/);
    await author.locator("[data-submitted]").waitFor();
    expect(await author.locator("[data-submitted]").textContent()).toContain("En attente de relecture");
    expect(await author.getByRole("button", { name: "Soumettre pour relecture" }).count()).toBe(0);
    const id = Number(author.url().split("/").at(-1));
    await author.context().close();

    const editor = await editorPage("EDITOR", "/admin");
    const waiting = editor.locator("[data-pending-review]");
    expect(await waiting.getByRole("link").allTextContents()).toContain("Article à relire");
    await waiting.getByRole("link", { name: "Article à relire" }).click();
    await editor.waitForURL(`${app.origin}/admin/articles/${id}`);
    await editor.getByRole("button", { name: "Publier" }).click();
    const publicLink = editor.getByRole("link", { name: "Voir l'article publié" });
    await publicLink.waitFor();
    // The page is read again after a save (a new editor): act on the new one.
    await editor.waitForLoadState("networkidle");
    expect(await publicLink.getAttribute("href")).toBe("/articles/article-a-relire");
    expect((await fetch(`${app.origin}/articles/article-a-relire`)).status).toBe(200);

    // To the trash, after a confirmation that can be refused.
    await editor.getByRole("button", { name: "Mettre à la corbeille" }).click();
    const confirm = editor.getByRole("dialog", { name: "Mettre l'article à la corbeille ?" });
    await confirm.getByRole("button", { name: "Annuler" }).click();
    await confirm.waitFor({ state: "detached" });
    expect((await dbs.prisma.article.findUniqueOrThrow({ where: { id } })).trashedAt).toBeNull();
    await editor.getByRole("button", { name: "Mettre à la corbeille" }).click();
    await confirm.getByRole("button", { name: "Mettre à la corbeille" }).click();
    await editor.waitForURL(`${app.origin}/admin/articles?corbeille=1`);
    const row = editor.locator(`tr[data-article-id="${id}"]`);
    await row.waitFor();
    expect((await fetch(`${app.origin}/articles/article-a-relire`)).status).toBe(404);
    await editor.goto(`${app.origin}/admin/articles`);
    expect(await editor.locator(`tr[data-article-id="${id}"]`).count()).toBe(0);

    // Restored as a draft.
    await editor.goto(`${app.origin}/admin/articles?corbeille=1`);
    await row.getByRole("button", { name: "Restaurer" }).click();
    await editor.getByRole("dialog").getByRole("button", { name: "Restaurer" }).click();
    await editor.waitForURL(`${app.origin}/admin/articles/${id}`);
    await expect.poll(() => editor.locator("strong[data-status]").textContent(), SLOW).toBe("Brouillon");

    // Deleted for good, from the trash, with a red confirmation.
    await editor.getByRole("button", { name: "Mettre à la corbeille" }).click();
    await editor.getByRole("dialog").getByRole("button", { name: "Mettre à la corbeille" }).click();
    await editor.waitForURL(`${app.origin}/admin/articles?corbeille=1`);
    await row.getByRole("button", { name: "Supprimer définitivement" }).click();
    const final = editor.getByRole("dialog", { name: "Supprimer « Article à relire » définitivement ?" });
    expect(await final.getByRole("button", { name: "Supprimer définitivement" }).getAttribute("class")).toBe(
      "danger",
    );
    await final.getByRole("button", { name: "Supprimer définitivement" }).click();
    await row.waitFor({ state: "detached" });
    expect(await dbs.prisma.article.count({ where: { id } })).toBe(0);
    await editor.context().close();
  }, 240_000);

  it("purges the articles trashed more than 30 days ago with `meteo articles purge-trash`", async () => {
    const day = 86_400_000;
    const [old, recent] = await Promise.all(
      ["Vieux brouillon jeté", "Brouillon jeté hier"].map((title, i) =>
        dbs.prisma.article.create({
          data: {
            type: "NEWS",
            title,
            slug: `jete-${i}`,
            excerpt: "",
            bodyHtml: "",
            bodyText: "",
            trashedAt: new Date(Date.now() - (i === 0 ? 31 : 1) * day),
          },
        }),
      ),
    );
    const result = await runCli(["articles", "purge-trash"], { DATABASE_URL: dbs.appUrl });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("1 article(s) trashed more than 30 days ago deleted.");
    expect(await dbs.prisma.article.count({ where: { id: old.id } })).toBe(0);
    expect(await dbs.prisma.article.count({ where: { id: recent.id } })).toBe(1);
  });

  it("refuses a file over the library's limit at once, in the library and the editor's picker, sending nothing", async () => {
    const reflex = { name: "reflex.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(21 * 1024 * 1024, 1) };
    const refusal = "Fichier trop lourd (21,0 Mo) : la limite est de 20 Mo.";
    const page = await editorPage("EDITOR", "/admin/medias");
    const uploads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") uploads.push(request.url());
    });
    await page.getByLabel("Texte alternatif (obligatoire)").fill("Photo du reflex");
    await page.locator('input[type="file"]').setInputFiles(reflex);
    await expect.poll(() => page.locator(".upload-status").textContent(), SLOW).toBe(refusal);

    await page.goto(`${app.origin}/admin/articles/nouveau`);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes("/api/admin/media?")),
      page.getByRole("button", { name: "Image", exact: true }).click(),
    ]);
    const library = page.locator(".dialog");
    await library.getByLabel("Texte alternatif (obligatoire)").fill("Photo du reflex");
    await library.locator('input[type="file"]').setInputFiles(reflex);
    await expect.poll(() => library.locator(".upload-status").textContent(), SLOW).toBe(refusal);
    expect(uploads).toEqual([]);
    await page.context().close();
  });

  it("deletes a media only after a red confirmation, apart from its form's save", async () => {
    const image = path.join(work, "a-supprimer.png");
    await sharp({ create: { width: 800, height: 600, channels: 3, background: "#a33" } })
      .png()
      .toFile(image);
    const page = await editorPage("EDITOR", "/admin/medias");
    await page.getByLabel("Texte alternatif (obligatoire)").fill("Image à supprimer");
    await page.locator('input[type="file"]').setInputFiles(image);
    const card = page.locator("li[data-media]", { has: page.locator('img[alt="Image à supprimer"]') });
    await card.waitFor();
    expect(await card.locator("form button.danger").count()).toBe(0);
    const remove = card.getByRole("button", { name: "Supprimer l'image" });
    expect(await remove.getAttribute("class")).toBe("danger");
    await remove.click();
    const confirm = page.getByRole("dialog", { name: "Supprimer cette image ?" });
    await confirm.getByRole("button", { name: "Annuler" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(await card.count()).toBe(1);
    await card.getByRole("button", { name: "Supprimer l'image" }).click();
    await confirm.getByRole("button", { name: "Supprimer définitivement" }).click();
    await card.waitFor({ state: "detached" });
    expect(await dbs.prisma.media.count({ where: { alt: "Image à supprimer" } })).toBe(0);
    await page.context().close();
  });
});

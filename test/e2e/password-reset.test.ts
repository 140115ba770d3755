import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/demo/stations";
import { startTestApp, type TestApp } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

/** A forgotten password, end to end: the form, the e-mail through a real SMTP server, the link, the login. */

let dbs: TestDatabases;
let app: TestApp;
let smtp: SmtpSink;
let browser: Browser;
const author = DEMO_USERS.find((u) => u.role === "AUTHOR")!;
const NEW_PASSWORD = "nouveau-secret-2026";

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  smtp = await startSmtpSink();
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    SMTP_URL: smtp.url,
    MAIL_FROM: "Météo06 <noreply@meteo06.test>",
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
  await dbs?.drop();
});

/** Fills the login form; resolves once the server answered (the admin, or the form with its error). */
async function logIn(page: Page, password: string) {
  await page.goto(`${app.origin}/connexion`);
  await page.getByLabel("E-mail").fill(author.email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

it("resets a forgotten password by e-mail: the new one works, the old one and the used link do not", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.origin}/connexion`);
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await page.waitForURL(`${app.origin}/connexion/mot-de-passe-oublie`);
  await page.getByLabel("E-mail").fill(author.email.toUpperCase());
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.locator("main [role=status]").textContent()).resolves.toMatch(
    /un lien vient de lui être envoyé \(valable une heure\)/,
  );

  const [mail] = await smtp.waitFor(1);
  expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(author.email);
  expect(mail.subject).toBe("Météo06 : choisir un nouveau mot de passe");
  const link = /https?:\/\/\S+jeton=[\w-]+/.exec(mail.text ?? "")?.[0];
  expect(link?.startsWith(`${app.origin}/connexion/nouveau-mot-de-passe?jeton=`)).toBe(true);

  // The link opened twice (a second tab): only the first form to be sent counts.
  const secondTab = await context.newPage();
  await secondTab.goto(link!);
  await page.goto(link!);
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Encore une fois").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.locator("main [role=status]").textContent()).resolves.toContain(
    "Mot de passe enregistré : vous pouvez vous connecter.",
  );
  await secondTab.getByLabel("Nouveau mot de passe").fill("un-autre-secret-2026");
  await secondTab.getByLabel("Encore une fois").fill("un-autre-secret-2026");
  await secondTab.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(secondTab.locator("main [role=alert]").textContent()).resolves.toBe(
    "Ce lien a expiré ou a déjà servi : demandez-en un nouveau.",
  );
  await secondTab.close();

  await page.getByRole("link", { name: "Se connecter" }).click();
  await page.waitForURL(`${app.origin}/connexion`);
  await logIn(page, NEW_PASSWORD);
  await page.waitForURL(`${app.origin}/admin`);
  await expect(page.getByText(author.name).first().isVisible()).resolves.toBe(true);

  const stranger = await (await browser.newContext()).newPage();
  await logIn(stranger, author.password);
  await expect(stranger.locator("form [role=alert]").textContent()).resolves.toBe(
    "E-mail ou mot de passe incorrect.",
  );
  expect(new URL(stranger.url()).pathname).toBe("/connexion");

  await stranger.goto(link!);
  await expect(stranger.locator("main [role=alert]").textContent()).resolves.toContain(
    "Ce lien a expiré ou a déjà servi.",
  );
  expect(await stranger.getByLabel("Nouveau mot de passe").count()).toBe(0);
  await stranger.getByRole("link", { name: "Demander un nouveau lien" }).click();
  await stranger.waitForURL(`${app.origin}/connexion/mot-de-passe-oublie`);
  await stranger.context().close();
  await context.close();
});

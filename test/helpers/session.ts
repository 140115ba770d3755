import type { Page } from "playwright-core";

/** Signs in through next-auth's own endpoints (no browser); returns the session cookie ("name=value"). */
export async function sessionCookie(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/admin` }),
  });
  // "__Host-meteo06.session" when the site is served over HTTPS.
  const session = response.headers.getSetCookie().find((c) => /^(__Host-)?meteo06\.session=/.test(c));
  if (!session) throw new Error(`login failed for ${email}`);
  return session.split(";")[0];
}

/**
 * Signs in through the login page in the browser, then waits for the page it leads to (`returnTo`,
 * the back office by default).
 */
export async function signInInBrowser(
  page: Page,
  origin: string,
  { email, password }: { email: string; password: string },
  returnTo = "/admin",
): Promise<void> {
  await page.goto(`${origin}/connexion${returnTo === "/admin" ? "" : `?retour=${returnTo}`}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${origin}${returnTo}`, { waitUntil: "commit" });
}

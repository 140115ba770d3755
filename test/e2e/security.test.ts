import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/passwords";
import { delayAfter, FREE_FAILURES } from "@/lib/accounts/throttle";
import { DEMO_USERS } from "@/lib/demo/stations";
import { type ActionArg, type ActionResponse, actionId, callAction, form } from "../helpers/actions";
import { startTestApp, type TestApp } from "../helpers/app";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { httpRequest } from "../helpers/http";

/**
 * Sign-in and sessions through the real app: the login throttle against guesses posted to every
 * page's server-action endpoint (in parallel and one after another), addresses that X-Forwarded-For
 * cannot change, password-reset requests, sessions that end, the host-only cookie; and the smaller
 * holes of issue 13 (open redirect, a 500 on an impossible station, streamed upload limits).
 *
 * The site is configured for HTTPS (SITE_URL https://…, as in production) and trusts no proxy of ours
 * (TRUSTED_PROXIES names one that is not in front of it): every request here comes straight from
 * 127.0.0.1, whatever X-Forwarded-For says.
 */

const SECRET = "test-secret-not-for-production";
const COOKIE = "__Host-meteo06.session";
const STATION = "villefranche";

let dbs: TestDatabases;
let app: TestApp;
let work: string;
const author = DEMO_USERS.find((u) => u.role === "AUTHOR")!;
const admin = DEMO_USERS.find((u) => u.role === "ADMIN")!;

beforeAll(async () => {
  dbs = await createDemoDatabases(1);
  work = mkdtempSync(path.join(tmpdir(), "m06-security-"));
  app = await startTestApp({
    DATABASE_URL: dbs.appUrl,
    SITE_URL: "https://localhost",
    TRUSTED_PROXIES: "192.0.2.1",
    MEDIA_DIR: path.join(work, "media"),
  });
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
  rmSync(work, { recursive: true, force: true });
});
// Every test starts with no failure on record (they all come from 127.0.0.1).
beforeEach(async () => {
  await dbs.prisma.loginThrottle.deleteMany();
});

/** Signs in through next-auth's endpoints; the whole Set-Cookie of the session, or null when refused. */
async function signIn(email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${app.origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${app.origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${app.origin}/admin` }),
  });
  return response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? null;
}

async function sessionOf(email: string, password: string): Promise<string> {
  const setCookie = await signIn(email, password);
  if (!setCookie) throw new Error(`login failed for ${email}`);
  return setCookie.split(";")[0];
}

/** Whether a session cookie still opens the back office. */
async function signedIn(cookie: string): Promise<boolean> {
  const response = await httpRequest(`${app.origin}/admin/compte`, { headers: { Cookie: cookie } });
  if (response.status === 200) return true;
  expect(response.headers.location).toMatch(/^\/connexion\?retour=/);
  return false;
}

/** A fresh account with a known password. */
async function account(role: "ADMIN" | "EDITOR" | "AUTHOR") {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@meteo06.test`;
  const password = "un-mot-de-passe-solide";
  const user = await dbs.prisma.user.create({
    data: { email, name: `Compte ${role}`, role, passwordHash: await hashPassword(password) },
  });
  return { ...user, password };
}

const action = (file: string, name: string) => actionId(file, name);
const LOGIN = "app/connexion/actions.ts";

function guess(origin: string, page: string, email: string, password: string, headers = {}) {
  const args: ActionArg[] = [{ error: null, email: "" }, form({ email, password })];
  return callAction({ origin, page, id: action(LOGIN, "login"), args, cookie: null, headers });
}

function outcome(response: ActionResponse): string {
  if (response.body.includes("E-mail ou mot de passe incorrect.")) return "checked";
  if (response.body.includes("Trop de tentatives : réessayez dans")) return "throttled";
  if (response.setCookies.some((c) => c.startsWith(`${COOKIE}=`))) return "signed in";
  return `other (${response.status}): ${response.body.slice(0, 200)}`;
}

/**
 * Every page of the build, as a (origin, path) to post to: the apex's pages, and each station page on
 * the station's sub-domain. Dynamic segments get a plausible value (a page that then answers 404
 * still receives the action).
 */
function everyPage(): { origin: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as object;
  const sample: Record<string, string> = {
    slug: "x",
    id: "1",
    date: "2026-01-01",
    day: "2026-01-01",
    month: "2026-01",
    year: "2026",
  };
  return Object.keys(manifest)
    .filter((route) => route.endsWith("/page"))
    .map((route) => {
      let page = route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "");
      const station = page.startsWith("/stations/[slug]");
      if (station) page = page.slice("/stations/[slug]".length);
      page = page
        .replace(/\/\[\[\.\.\.\w+\]\]/g, "")
        .replace(/\[(\w+)\]/g, (_, name: string) => sample[name]);
      return { origin: station ? app.stationOrigin(STATION) : app.origin, page: page || "/" };
    });
}

/** Failures on record for a throttle key: every password check made counts one. */
async function failures(key: string): Promise<number> {
  return (await dbs.prisma.loginThrottle.findUnique({ where: { key } }))?.failures ?? 0;
}

describe("login throttle", () => {
  it("checks 5 of many parallel guesses through every page's server-action endpoint, no more", async () => {
    const pages = everyPage();
    expect(pages.length).toBeGreaterThan(40);
    const start = Date.now();
    const responses = await Promise.all(
      pages.map(({ origin, page }, i) =>
        guess(origin, page, author.email, `mauvais-${i}`, { "X-Forwarded-For": `198.51.100.${i}` }),
      ),
    );
    const outcomes = responses.map(outcome);
    expect(outcomes.filter((o) => !["checked", "throttled"].includes(o))).toEqual([]);
    // Five checks; one more for each back-off delay that had time to pass during the burst (a busy
    // machine may take longer than the first 2 s to answer them all).
    let allowed = FREE_FAILURES;
    for (
      let spent = delayAfter(allowed) * 1000;
      spent <= Date.now() - start;
      spent += delayAfter(allowed) * 1000
    )
      allowed++;
    const checks = await failures(`account:${author.email}`);
    expect(checks).toBeGreaterThanOrEqual(FREE_FAILURES);
    expect(checks).toBeLessThanOrEqual(allowed);
    expect(await failures("ip:127.0.0.1")).toBe(checks);
    expect(outcomes.filter((o) => o === "throttled").length).toBeGreaterThanOrEqual(pages.length - checks);
  });

  it("makes guesses posted one after another through every page wait a growing delay after the fifth", async () => {
    const log: { start: number; end: number; outcome: string; checked: boolean }[] = [];
    let before = 0;
    for (const [i, { origin, page }] of everyPage().entries()) {
      const start = Date.now();
      const response = await guess(origin, page, author.email, `mauvais-${i}`);
      const end = Date.now();
      const after = await failures(`account:${author.email}`);
      log.push({ start, end, outcome: outcome(response), checked: after > before });
      before = after;
    }
    expect(log.filter((l) => !["checked", "throttled"].includes(l.outcome))).toEqual([]);
    expect(log.slice(0, 5).map((l) => l.checked)).toEqual(Array(5).fill(true));
    expect(log.filter((l) => !l.checked).length).toBeGreaterThan(0);
    // Each check after the fifth came at least the back-off delay after the one before it.
    const checked = log.filter((l) => l.checked);
    for (let k = 5; k < checked.length; k++) {
      expect(checked[k].end - checked[k - 1].start).toBeGreaterThanOrEqual(delayAfter(k) * 1000);
    }
    // While the account waits, even the right password is refused without being checked. (Should the
    // wait be nearly over, one more wrong guess after it starts a longer one.)
    const blockedFor = async () =>
      (
        await dbs.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${author.email}` } })
      ).blockedUntil!.getTime() - Date.now();
    const left = await blockedFor();
    if (left < 1500) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, left) + 100));
      expect(outcome(await guess(app.origin, "/", author.email, "encore-faux"))).toBe("throttled");
    }
    expect(await blockedFor()).toBeGreaterThan(1000);
    const checks = await failures(`account:${author.email}`);
    expect(outcome(await guess(app.origin, "/connexion", author.email, author.password))).toBe("throttled");
    expect(await failures(`account:${author.email}`)).toBe(checks);
  });

  it("counts an address that X-Forwarded-For cannot change when it does not come from our proxy", async () => {
    // Twelve different (unknown) accounts, each guess claiming another address: the one address counts.
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        guess(app.origin, "/", `inconnu-${i}@meteo06.test`, "mauvais", {
          "X-Forwarded-For": `203.0.113.${i}`,
        }),
      ),
    );
    expect(responses.map(outcome).filter((o) => !["checked", "throttled"].includes(o))).toEqual([]);
    const rows = await dbs.prisma.loginThrottle.findMany({ where: { failures: { gt: 0 } } });
    expect(rows.filter((r) => r.key.startsWith("ip:")).map((r) => [r.key, r.failures])).toEqual([
      ["ip:127.0.0.1", 5],
    ]);
    expect(rows.filter((r) => r.key.startsWith("account:"))).toHaveLength(5);
  });

  it("limits password-reset requests the same way", async () => {
    const id = action("app/connexion/password-actions.ts", "forgotPassword");
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        callAction({
          origin: app.origin,
          page: "/connexion/mot-de-passe-oublie",
          id,
          args: [{ error: null, done: null }, form({ email: author.email })],
          cookie: null,
        }),
      ),
    );
    const refused = responses.filter((r) =>
      r.body.includes("Trop de demandes : réessayez dans quelques minutes."),
    );
    // The requests let through: no SMTP server here (they say so), or the account's hourly quota of
    // three links reached (the usual answer, which says nothing of the account).
    const handled = responses.filter(
      (r) =>
        r.body.includes("L'envoi d'e-mails n'est pas configuré") || r.body.includes("un lien vient de lui"),
    );
    expect([handled.length, refused.length]).toEqual([5, 7]);
  });
});

describe("sessions", () => {
  it("are in a host-only __Host- cookie over HTTPS", async () => {
    const setCookie = (await signIn(author.email, author.password)) ?? "";
    expect(setCookie).toMatch(/^__Host-meteo06\.session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).not.toMatch(/Domain=/i);
  });

  it("end everywhere with « Se déconnecter partout »", async () => {
    const user = await account("AUTHOR");
    const [laptop, phone] = [
      await sessionOf(user.email, user.password),
      await sessionOf(user.email, user.password),
    ];
    expect([await signedIn(laptop), await signedIn(phone)]).toEqual([true, true]);
    const page = await httpRequest(`${app.origin}/admin/compte`, { headers: { Cookie: phone } });
    expect(page.text()).toContain("Se déconnecter partout</button>");

    const signOut = await callAction({
      origin: app.origin,
      page: "/admin/compte",
      id: action("app/admin/compte/actions.ts", "signOutEverywhereAction"),
      args: [],
      cookie: phone,
    });
    expect(signOut.redirect).toMatch(/^(http:\/\/localhost:\d+)?\/connexion$/);
    expect([await signedIn(laptop), await signedIn(phone)]).toEqual([false, false]);
    expect(await signedIn(await sessionOf(user.email, user.password))).toBe(true);
  });

  it("end when the password is reset", async () => {
    const user = await account("EDITOR");
    const session = await sessionOf(user.email, user.password);
    const token = randomBytes(32).toString("base64url");
    await dbs.prisma.passwordToken.create({
      data: {
        userId: user.id,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const reset = await callAction({
      origin: app.origin,
      page: `/connexion/nouveau-mot-de-passe?jeton=${token}`,
      id: action("app/connexion/password-actions.ts", "setNewPassword"),
      args: [
        { error: null, done: null },
        form({ jeton: token, password: "tout-nouveau-2026", confirmation: "tout-nouveau-2026" }),
      ],
      cookie: null,
    });
    expect(reset.body).toContain("Mot de passe enregistré");
    expect(await signedIn(session)).toBe(false);
    expect(await signedIn(await sessionOf(user.email, "tout-nouveau-2026"))).toBe(true);
  });

  it("end when an admin changes the role or disables the account, not for a new name", async () => {
    const user = await account("AUTHOR");
    const adminSession = await sessionOf(admin.email, admin.password);
    const update = (fields: Record<string, string>) =>
      callAction({
        origin: app.origin,
        page: "/admin/utilisateurs",
        id: action("app/admin/utilisateurs/actions.ts", "updateUserAction"),
        args: [{ error: null, done: null }, form({ id: String(user.id), email: user.email, ...fields })],
        cookie: adminSession,
      });

    let session = await sessionOf(user.email, user.password);
    expect((await update({ name: "Nouveau nom", role: "AUTHOR" })).body).toContain("Compte mis à jour.");
    expect(await signedIn(session)).toBe(true);
    expect((await update({ name: "Nouveau nom", role: "EDITOR" })).body).toContain("Compte mis à jour.");
    expect(await signedIn(session)).toBe(false);

    session = await sessionOf(user.email, user.password);
    expect((await update({ name: "Nouveau nom", role: "EDITOR", disabled: "on" })).body).toContain(
      "Compte mis à jour.",
    );
    expect(await signedIn(session)).toBe(false);
    expect(await signIn(user.email, user.password)).toBeNull();
    expect((await update({ name: "Nouveau nom", role: "EDITOR" })).body).toContain("Compte mis à jour.");
    expect(await signedIn(await sessionOf(user.email, user.password))).toBe(true);
  });

  it("of an administrator end after 2 hours without use; each visit to the back office renews them", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forge = async (user: { id: number; role: string; sessionVersion: number }, idleSeconds: number) =>
      `${COOKIE}=${await encode({
        secret: SECRET,
        salt: COOKIE,
        token: {
          sub: String(user.id),
          role: user.role as "ADMIN",
          sessionVersion: user.sessionVersion,
          seenAt: now - idleSeconds,
        },
      })}`;
    const boss = await account("ADMIN");
    const writer = await account("AUTHOR");
    expect(await signedIn(await forge(boss, 3 * 3600))).toBe(false);
    expect(await signedIn(await forge(writer, 3 * 3600))).toBe(true);
    expect(await signedIn(await forge(writer, 31 * 24 * 3600))).toBe(false);

    const visit = await httpRequest(`${app.origin}/admin/compte`, {
      headers: { Cookie: await forge(boss, 3600) },
    });
    expect(visit.status).toBe(200);
    const renewed = (visit.headers["set-cookie"] ?? []).find((c) => c.startsWith(`${COOKIE}=`));
    const token = await decode({
      secret: SECRET,
      salt: COOKIE,
      token: renewed?.split(";")[0].slice(COOKIE.length + 1),
    });
    expect(token?.seenAt).toBeGreaterThanOrEqual(now);
  });
});

describe("smaller holes", () => {
  it("redirects old addresses only to paths of this site", async () => {
    const legacy = (from: string) => httpRequest(`${app.origin}/api/legacy?from=${encodeURIComponent(from)}`);
    for (const from of ["/x/..//evil.example/", "/x/../\\evil.example/", "/a/..//..//evil.example/"]) {
      const response = await legacy(from);
      expect([from, response.status, response.headers.location]).toEqual([from, 404, undefined]);
    }
    const archive = await legacy("/2020/09/");
    expect([archive.status, archive.headers.location]).toEqual([301, "/articles?mois=2020-09"]);
  });

  it("answers 404, not 500, to a station address that cannot be a station", async () => {
    for (const pathname of ["/stations/evil.example%23/x", "/stations/a%2Fb", "/stations/%00"]) {
      const response = await httpRequest(`${app.origin}${pathname}`);
      expect([pathname, response.status]).toEqual([pathname, 404]);
    }
  });

  it("refuses an upload without Content-Length as soon as it is too large, without reading it all", async () => {
    const session = await sessionOf(author.email, author.password);
    const { status, sentWhenAnswered } = await chunkedUpload(`${app.origin}/api/admin/media`, session, {
      bytes: 100 * 1024 * 1024,
      stopWhenAnswered: true,
    });
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(60 * 1024 * 1024); // the limit is 20 MB
  });

  it("lets a browser that sends the whole of a too large upload before reading read the 413 and its message", async () => {
    const session = await sessionOf(author.email, author.password);
    const bytes = 30 * 1024 * 1024;
    const { status, sent, body } = await chunkedUpload(`${app.origin}/api/admin/media`, session, { bytes });
    expect(sent).toBe(bytes);
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toMatch(/Fichier trop lourd : la limite est de 20 Mo/);
  });

  it("lets only an image's uploader or an editor change its texts", async () => {
    const owner = await account("AUTHOR");
    const media = await dbs.prisma.media.create({
      data: {
        key: randomBytes(8).toString("hex"),
        sha256: randomBytes(32).toString("hex"),
        originalName: "port.jpg",
        alt: "Le port",
        width: 10,
        height: 10,
        bytes: 10,
        widths: "10",
        blurDataUrl: "",
        uploadedById: owner.id,
      },
    });
    const patch = async (cookie: string) =>
      (
        await httpRequest(`${app.origin}/api/admin/media/${media.id}`, {
          method: "PATCH",
          headers: { Cookie: cookie, Origin: app.origin, "Content-Type": "application/json" },
          body: JSON.stringify({ alt: "Modifié", caption: null }),
        })
      ).status;
    expect(await patch(await sessionOf(author.email, author.password))).toBe(403);
    expect((await dbs.prisma.media.findUniqueOrThrow({ where: { id: media.id } })).alt).toBe("Le port");
    expect(await patch(await sessionOf(owner.email, owner.password))).toBe(200);
    const editor = DEMO_USERS.find((u) => u.role === "EDITOR")!;
    expect(await patch(await sessionOf(editor.email, editor.password))).toBe(200);
  });
});

/**
 * A multipart upload of `bytes` sent in chunks (no Content-Length) on a connection of its own: the
 * status and body of the answer, how much had been sent when it came and in all. A client that stops
 * when answered is curl; one that sends everything, whatever the server says meanwhile, is a browser.
 */
function chunkedUpload(
  url: string,
  cookie: string,
  { bytes, stopWhenAnswered = false }: { bytes: number; stopWhenAnswered?: boolean },
): Promise<{ status: number; body: string; sentWhenAnswered: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const { host, hostname, port, pathname, origin } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    let sent = 0;
    let sentWhenAnswered = -1;
    let received = Buffer.alloc(0);
    let allSent = false;
    const finishIfDone = () => {
      const response = parseResponse(received);
      if (!response || !(allSent || stopWhenAnswered)) return;
      socket.destroy();
      resolve({ ...response, sentWhenAnswered, sent });
    };
    socket.on("data", (data) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      received = Buffer.concat([received, data]);
      finishIfDone();
    });
    socket.on("error", reject);
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nOrigin: ${origin}\r\n` +
        "Content-Type: multipart/form-data; boundary=limite\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    /** `data` as one chunk of a chunked body. */
    const chunk = (data: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`),
        Buffer.from(data),
        Buffer.from("\r\n"),
      ]);
    socket.write(
      chunk(
        '--limite\r\nContent-Disposition: form-data; name="file"; filename="grand.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
      ),
    );
    const filler = chunk(Buffer.alloc(0x40000, 0x61));
    const pump = () => {
      while (!(stopWhenAnswered && sentWhenAnswered >= 0) && sent < bytes) {
        sent += 0x40000;
        if (!socket.write(filler)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (stopWhenAnswered && sentWhenAnswered >= 0) return;
      socket.write(Buffer.concat([chunk("\r\n--limite--\r\n"), Buffer.from("0\r\n\r\n")]), () => {
        allSent = true;
        finishIfDone();
      });
    };
    pump();
  });
}

/** The status and body of a whole HTTP/1.1 response in `raw`, or null while it is incomplete. */
function parseResponse(raw: Buffer): { status: number; body: string } | null {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = raw.subarray(0, headEnd).toString();
  const status = Number(head.slice(9, 12));
  let rest = raw.subarray(headEnd + 4);
  const length = /^content-length: *(\d+)/im.exec(head);
  if (length)
    return rest.length >= Number(length[1])
      ? { status, body: rest.subarray(0, Number(length[1])).toString() }
      : null;
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    if (lineEnd < 0) return null;
    const size = Number.parseInt(rest.subarray(0, lineEnd).toString(), 16);
    if (size === 0) return { status, body: Buffer.concat(parts).toString() };
    if (rest.length < lineEnd + 2 + size + 2) return null;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}

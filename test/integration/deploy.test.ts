import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULE, systemdUnits } from "@/lib/ops/schedule";
import { serverEnv } from "@/scripts/dev/server";
import { httpRequest } from "../helpers/http";
import { nginxTest, renderTemplate, startNginx } from "../helpers/nginx";

/**
 * The provisioning files, checked with the real tools: bash -n and shellcheck on every script,
 * nginx -t on the rendered site (in a scratch prefix: nginx is never started), systemd-analyze verify
 * on the units. install.sh itself is not run here: it would reconfigure this machine's MariaDB.
 */

const TOOLS: Record<string, string> = {
  shellcheck: "shellcheck",
  nft: "nftables",
};
const scratch = mkdtempSync(path.join(tmpdir(), "m06-deploy-"));

function has(tool: string): boolean {
  return tool.startsWith("/") ? existsSync(tool) : spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
}

beforeAll(() => {
  const missing = Object.entries(TOOLS)
    .filter(([tool]) => !has(tool))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(`install ${missing.join(" ")} (apt-get) to check the deploy files`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { env, stdio: "pipe" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    env,
    stdio: "pipe",
  });
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scripts = [
  "deploy/install.sh",
  "deploy/lib.sh",
  "deploy/bin/meteo",
  ...readdirSync("deploy/test")
    .filter((f) => f.endsWith(".sh"))
    .map((f) => `deploy/test/${f}`),
  ...readdirSync("deploy/test/steps")
    .filter((f) => f.endsWith(".sh"))
    .map((f) => `deploy/test/steps/${f}`),
];

/** Runs bash with install.sh's helpers loaded and the server's values set. */
function withHelpers(script: string, env: Record<string, string> = {}) {
  return spawnSync(
    "bash",
    [
      "-c",
      `set -euo pipefail; CHANGES=0; DOMAIN=meteo06.fr APP_PORT=3000 APP_DIR=/opt/meteo06/app WG_PORT=51820; . deploy/lib.sh; ${script}`,
    ],
    { encoding: "utf8", env: { ...process.env, ...env } },
  );
}

describe("provisioning scripts", () => {
  it.each(scripts)("%s passes bash -n and shellcheck", (script) => {
    execFileSync("bash", ["-n", script]);
    const lint = spawnSync("shellcheck", ["-x", script], { encoding: "utf8" });
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  });

  it.runIf(process.getuid?.() === 0)(
    "writes files only when they change, so a second run changes nothing",
    () => {
      const dir = mkdtempSync(path.join(scratch, "put-"));
      const file = path.join(dir, "etc/meteo06.conf");
      const env = path.join(dir, "env");
      writeFileSync(env, "ALERT_EMAILS=admin@meteo06.fr\n");
      const run = withHelpers(
        [
          `put ${file} 640 root:root < <(echo one) && echo "first: written"`,
          `put ${file} 640 root:root < <(echo one) || echo "second: unchanged"`,
          `chmod 600 ${file}; put ${file} 640 root:root < <(echo one) && echo "third: mode restored"`,
          `put ${file} 640 root:root < <(echo two) && echo "fourth: content updated"`,
          "env_default ALERT_EMAILS someone@else.fr; env_default SMTP_URL smtp://localhost:25; env_default SMTP_URL smtp://other",
          'echo "changes: $CHANGES"',
        ].join("\n"),
        { ENV_FILE: env },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.split("\n").filter((l) => !l.startsWith("  changed:"))).toEqual([
        "first: written",
        "second: unchanged",
        "third: mode restored",
        "fourth: content updated",
        "changes: 4",
        "",
      ]);
      expect(readFileSync(file, "utf8")).toBe("two\n");
      // The admin's setting is kept; a missing one is added once.
      expect(readFileSync(env, "utf8")).toBe(
        'ALERT_EMAILS=admin@meteo06.fr\nSMTP_URL="smtp://localhost:25"\n',
      );
    },
  );

  it("writes settings that a shell reads back unchanged, and refuses values it could not quote", () => {
    const dir = mkdtempSync(path.join(scratch, "env-"));
    const env = path.join(dir, "env");
    writeFileSync(env, "");
    const run = withHelpers(
      [
        'env_default MAIL_FROM "Météo06 <noreply@meteo06.fr>"',
        "env_value MAIL_FROM",
        `sh -c 'set -a; . ${env}; printf "%s\\n" "$MAIL_FROM"'`,
      ].join("\n"),
      { ENV_FILE: env },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split("\n").filter((l) => !l.startsWith("  changed:"))).toEqual([
      "Météo06 <noreply@meteo06.fr>",
      "Météo06 <noreply@meteo06.fr>",
      "",
    ]);
    const refused = withHelpers(
      `die() { echo "error: $*" >&2; exit 1; }; env_default SMTP_URL 'smtp://a:b$c@x'`,
      { ENV_FILE: env },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("SMTP_URL: a value written by install.sh may not contain");
  });

  it("validates its arguments before touching anything", () => {
    const help = spawnSync("bash", ["deploy/install.sh", "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--domain DOMAIN");
    for (const [args, message] of [
      [["--domain", "meteo06_fr", "--email", "a@b.fr"], "--domain must be a domain name"],
      [["--domain", "meteo06.fr", "--email", "nobody"], "--email must be an e-mail address"],
      [["--domain", "meteo06.fr", "--email", "a@b.fr", "--wg-port", "99999"], "--wg-port must be a UDP port"],
      [["--frobnicate"], "unknown option: --frobnicate"],
    ] as const) {
      const run = spawnSync("bash", ["deploy/install.sh", ...args], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`error: ${message}`);
    }
  });
});

describe("systemd units", () => {
  it("are the ones generated from lib/ops/schedule.ts", () => {
    const units = systemdUnits();
    expect(readdirSync("deploy/systemd").sort()).toEqual(Object.keys(units).sort());
    for (const [name, content] of Object.entries(units)) {
      expect(readFileSync(path.join("deploy/systemd", name), "utf8"), name).toBe(content);
    }
  });

  it("run the app with the memory settings that the tests and the bench start it with", () => {
    // The bench's footprint (issue 15) measures production only if both use the same settings.
    const unit = readFileSync("deploy/systemd/meteo06-app.service", "utf8");
    const env = serverEnv(3000, { NODE_ENV: "production" });
    const nodeOptions = /^Environment="NODE_OPTIONS=(.*)"$/m.exec(unit)?.[1];
    expect(nodeOptions).toContain("--max-old-space-size=");
    expect(env.NODE_OPTIONS).toBe(nodeOptions);
    const malloc = [...unit.matchAll(/^Environment=(MALLOC_\w+)=(\S+)$/gm)];
    expect(malloc.map(([, name]) => name)).toEqual(["MALLOC_ARENA_MAX", "MALLOC_TRIM_THRESHOLD_"]);
    for (const [, name, value] of malloc) expect(env[name], name).toBe(value);
  });

  it("schedule every job with Persistent=true at the agreed frequencies", () => {
    const every = Object.fromEntries(SCHEDULE.map((j) => [j.command.join(" "), j.onCalendar]));
    expect(every).toEqual({
      "aggregates update": "*:0/5",
      "climate update": "*:0/10",
      "partners send --partner static": "*:0/10",
      "partners send --partner romma": "*:0/5",
      "partners prune": "*-*-* 04:20:00 Europe/Paris",
      "lightning import": "*:0/5",
      "site refresh": "*:*:00",
      "webcam prune": "*-*-* 04:40:00 Europe/Paris",
      "articles purge-trash": "*-*-* 04:50:00 Europe/Paris",
      monitor: "*:0/5",
      "backup run": "*-*-* 03:15:00 Europe/Paris",
      "backup prune": "*-*-* 05:30:00 Europe/Paris",
      "backup restore-test": "Sun *-*-* 06:00:00 Europe/Paris",
    });
    for (const job of SCHEDULE) {
      const timer = readFileSync(`deploy/systemd/meteo06-${job.unit}.timer`, "utf8");
      expect(timer).toContain("Persistent=true");
      const service = readFileSync(`deploy/systemd/meteo06-${job.unit}.service`, "utf8");
      expect(service).toContain(
        `ExecStart=/usr/bin/node --import tsx scripts/meteo.ts ${job.command.join(" ")}\n`,
      );
    }
  });

  it.runIf(has("systemd-analyze"))("pass systemd-analyze verify (which does reject a broken unit)", () => {
    const dir = path.join(scratch, "units");
    cpSync("deploy/systemd", dir, { recursive: true });
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const ok = spawnSync("systemd-analyze", ["verify", "--man=no", ...files], { encoding: "utf8" });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);

    writeFileSync(path.join(dir, "meteo06-monitor.timer"), "[Timer]\nOnCalendar=every now and then\n");
    const broken = spawnSync(
      "systemd-analyze",
      ["verify", "--man=no", path.join(dir, "meteo06-monitor.timer")],
      {
        encoding: "utf8",
      },
    );
    expect(broken.status).not.toBe(0);
  });
});

describe("nginx site", () => {
  const site = () => renderTemplate("deploy/nginx/meteo06.conf");

  it("passes nginx -t, serving the apex and every sub-domain through the app", () => {
    const rendered = site();
    expect(rendered).not.toMatch(/@[A-Z_]+@/);
    const result = nginxTest(rendered, "meteo06.fr");
    expect(result.stderr).toContain("test is successful");
    expect(result.status).toBe(0);

    expect(rendered.match(/server_name \.meteo06\.fr;/g)).toHaveLength(2);
    expect(rendered).toContain("limit_req zone=meteo06_login");
    expect(rendered).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
    expect(rendered).toMatch(
      /brotli_static on;[\s\S]*gzip_static on;|gzip_static on;[\s\S]*brotli_static on;/,
    );
    const proxy = readFileSync("deploy/nginx/meteo06-proxy.conf", "utf8");
    expect(proxy).toContain("proxy_set_header Host $host;");
    expect(proxy).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
  });

  it("limits every POST carrying Next-Action, on every page and host, and nothing else", async () => {
    // The real nginx with the rendered site, in front of a stub app, on loopback ports.
    const app = createServer((request, response) => {
      request.resume();
      request.on("end", () => response.end("ok"));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const nginx = await startNginx({
      appPort: (app.address() as AddressInfo).port,
      domain: "meteo06.localhost",
    });
    try {
      const post = (pathname: string, sub: string | undefined, headers: Record<string, string> = {}) =>
        httpRequest(nginx.url(pathname, sub), {
          method: "POST",
          headers: { "Content-Type": "text/plain", ...headers },
          body: "x",
          ca: nginx.ca,
        }).then((r) => r.status);
      // Ordinary POSTs (APIs, uploads) are not limited.
      const plain = [];
      for (let i = 0; i < 40; i++) plain.push(await post("/api/admin/media", undefined));
      expect(plain.every((status) => status === 200)).toBe(true);
      // Server actions: a burst of 20 passes, then 429, on any page and any station's host.
      const action = { "Next-Action": "7f00aa" };
      const actions = [];
      for (let i = 0; i < 30; i++) {
        const [pathname, sub] = [
          ["/", undefined],
          ["/articles", undefined],
          ["/a-propos", "nice-pessicart"],
        ][i % 3];
        actions.push(await post(pathname as string, sub, action));
      }
      expect(actions.filter((status) => status === 200).length).toBeGreaterThanOrEqual(20);
      expect(actions.filter((status) => status === 200).length).toBeLessThan(25);
      expect(actions.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect(await post("/connexion", undefined, action)).toBe(429);
    } finally {
      await nginx.stop();
      app.close();
    }
  });

  it("caches what the app allows for anonymous visitors only, and never an answer that sets a cookie", async () => {
    // A stub app: each answer it renders carries its host, path and a render number; "/gone" is an
    // article that is unpublished during the test.
    let renders = 0;
    let published = true;
    const app = createServer((request, response) => {
      request.resume();
      const url = request.url ?? "/";
      renders += 1;
      if (url === "/gone" && !published) {
        response.writeHead(404, {
          "Cache-Control": "private, no-cache, no-store, max-age=0, must-revalidate",
        });
        return response.end("introuvable");
      }
      const headers: Record<string, string> = {
        "Cache-Control": `s-maxage=${url === "/gone" ? 1 : 60}, stale-while-revalidate=31535940`,
        "Content-Type": request.headers.rsc ? "text/x-component" : "text/html",
        Vary: "RSC, Next-Router-State-Tree, Next-Router-Prefetch",
      };
      if (url === "/pose-un-cookie") headers["Set-Cookie"] = "choix=1; Path=/";
      if (url === "/absente") {
        headers["Cache-Control"] = "private, no-cache, no-store, max-age=0, must-revalidate";
        response.writeHead(404, headers);
      } else response.writeHead(200, headers);
      response.end(`${request.headers.host} ${url} ${request.headers.rsc ? "RSC" : "HTML"} #${renders}`);
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const nginx = await startNginx({
      appPort: (app.address() as AddressInfo).port,
      domain: "meteo06.localhost",
    });
    const get = async (
      pathname: string,
      {
        sub,
        method = "GET",
        headers = {},
      }: { sub?: string; method?: string; headers?: Record<string, string> } = {},
    ) => {
      const answer = await httpRequest(nginx.url(pathname, sub), { method, headers, ca: nginx.ca });
      return { status: answer.status, cache: answer.headers["x-cache-status"], body: answer.text() };
    };
    try {
      // Anonymous: rendered once, then served by nginx; each host has its own copy.
      const first = await get("/");
      expect(first.cache).toBe("MISS");
      expect(await get("/")).toEqual({ ...first, cache: "HIT" });
      expect((await get("/", { method: "HEAD" })).cache).toBe("HIT");
      const station = await get("/", { sub: "pessicart" });
      expect(station.cache).toBe("MISS");
      expect(station.body).toMatch(/^pessicart\.meteo06\.localhost \/ HTML/);
      // A visitor who only opened the sign-in page (next-auth's CSRF cookie) is still anonymous.
      expect(await get("/", { headers: { Cookie: "__Host-authjs.csrf-token=abc" } })).toEqual({
        ...first,
        cache: "HIT",
      });

      // Signed in (either form of the session cookie, or its chunks), previewing a draft, or with
      // credentials: the app answers, and what it answers is not kept for the next visitor.
      for (const cookie of [
        "meteo06.session=jwt",
        "__Host-meteo06.session=jwt",
        "theme=sombre; __Host-meteo06.session.0=jwt",
        "__prerender_bypass=preview",
      ]) {
        const signedIn = await get("/", { headers: { Cookie: cookie } });
        expect(signedIn.cache, cookie).toBe("BYPASS");
        expect(signedIn.body, cookie).not.toBe(first.body);
      }
      expect((await get("/", { headers: { Authorization: "Bearer t" } })).cache).toBe("BYPASS");
      expect(await get("/")).toEqual({ ...first, cache: "HIT" });
      const privatePage = await get("/actualites", { headers: { Cookie: "__Host-meteo06.session=jwt" } });
      expect(privatePage.cache).toBe("BYPASS");
      expect((await get("/actualites")).cache).toBe("MISS");

      // The back office, sign-in, anything but GET and HEAD: always the app.
      for (const pathname of [
        "/admin",
        "/admin/articles",
        "/api/admin/media",
        "/api/auth/session",
        "/connexion",
      ]) {
        await get(pathname);
        expect((await get(pathname)).cache, pathname).toBe("BYPASS");
        expect((await get(pathname, { sub: "pessicart" })).cache, pathname).toBe("BYPASS");
      }
      // POSTs (forms, server actions) never meet the cache: no X-Cache-Status, a new render each time.
      const posts: Record<string, string>[] = [{ "Content-Type": "text/plain" }, { "Next-Action": "7f00aa" }];
      for (const headers of posts) {
        const posted = await get("/", { method: "POST", headers });
        expect(posted.cache).toBeUndefined();
        expect(posted.body).not.toBe(first.body);
      }

      // React Server Component payloads never take the page's place.
      expect((await get("/graphiques", { headers: { RSC: "1" } })).cache).toBe("BYPASS");
      expect((await get("/graphiques?_rsc=1x2y3")).cache).toBe("BYPASS");
      const page = await get("/graphiques");
      expect(page.cache).toBe("MISS");
      expect(page.body).toContain("HTML");
      expect(await get("/graphiques")).toEqual({ ...page, cache: "HIT" });

      // An answer that sets a cookie, or that the app marks no-store (a 404), is never kept.
      const cookieSetter = await get("/pose-un-cookie");
      expect(cookieSetter.cache).toBe("MISS");
      expect((await get("/pose-un-cookie")).body).not.toBe(cookieSetter.body);
      const missing = await get("/absente");
      expect(missing.status).toBe(404);
      expect((await get("/absente")).body).not.toBe(missing.body);

      // An unpublished article is gone once its copy expires: no stale copy stands in for the 404.
      const article = await get("/gone");
      expect(await get("/gone")).toEqual({ ...article, cache: "HIT" });
      published = false;
      // nginx counts in whole seconds: a copy valid for 1 s may last until the end of the next second.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      for (let i = 0; i < 3; i++) expect((await get("/gone")).status).toBe(404);
    } finally {
      await nginx.stop();
      app.close();
    }
  });

  it("is really checked: a broken site fails nginx -t", () => {
    const broken = site().replace("limit_req zone", "limit_request zone");
    const result = nginxTest(broken, "meteo06.fr");
    expect(result.stderr).toContain('unknown directive "limit_request"');
    expect(result.status).not.toBe(0);
  });
});

describe("firewall", () => {
  it("passes nft --check and opens only SSH, HTTP(S) and WireGuard", () => {
    const rules = renderTemplate("deploy/hardening/nftables.conf");
    const file = path.join(scratch, "nftables.conf");
    writeFileSync(file, rules);
    const check = spawnSync("nft", ["--check", "-f", file], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(rules).toContain("policy drop;");
    expect(rules.match(/dport .*accept/g)).toEqual(["dport { 22, 80, 443 } accept", "dport 51820 accept"]);
    writeFileSync(file, rules.replace("{ 22, 80, 443 }", "{ 22 80 }"));
    expect(spawnSync("nft", ["--check", "-f", file]).status).not.toBe(0);
  });
});

describe("MariaDB settings", () => {
  it("make the server a crash-safe replica that retries forever and listens locally only", () => {
    const cnf = readFileSync("deploy/mariadb/60-meteo06.cnf", "utf8");
    for (const line of [
      "bind-address = 127.0.0.1",
      "relay_log_recovery = ON",
      "master_retry_count = 0",
      "innodb_flush_log_at_trx_commit = 1",
      "sync_binlog = 1",
      "binlog_expire_logs_seconds = 604800",
      "gtid_pos_auto_engines = InnoDB",
    ]) {
      expect(cnf).toContain(`\n${line}\n`);
    }
    // test/integration/replication.test.ts starts a replica with this very file.
  });
});

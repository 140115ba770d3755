import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULE, systemdUnits } from "@/lib/ops/schedule";
import { freePort } from "../helpers/app";
import { httpRequest } from "../helpers/http";

/**
 * The provisioning files, checked with the real tools: bash -n and shellcheck on every script,
 * nginx -t on the rendered site (in a scratch prefix: nginx is never started), systemd-analyze verify
 * on the units. install.sh itself is not run here: it would reconfigure this machine's MariaDB.
 */

const TOOLS: Record<string, string> = {
  shellcheck: "shellcheck",
  nft: "nftables",
  nginx: "nginx-light",
  "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so": "libnginx-mod-http-brotli-filter",
  "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so": "libnginx-mod-http-brotli-static",
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

/** A template as install.sh renders it. */
function render(template: string): string {
  const result = withHelpers(`render ${template}`);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
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
  /** The site as install.sh renders it, in a scratch prefix with a throw-away certificate. */
  function renderedPrefix(site: string): string {
    const prefix = mkdtempSync(path.join(scratch, "nginx-"));
    mkdirSync(path.join(prefix, "snippets"));
    mkdirSync(path.join(prefix, "tls"));
    cpSync("deploy/nginx/meteo06-proxy.conf", path.join(prefix, "snippets/meteo06-proxy.conf"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=meteo06.fr"].concat([
        "-keyout",
        path.join(prefix, "tls/privkey.pem"),
        "-out",
        path.join(prefix, "tls/fullchain.pem"),
      ]),
      { stdio: "pipe" },
    );
    writeFileSync(path.join(prefix, "site.conf"), site.replaceAll("/etc/meteo06/tls/", `${prefix}/tls/`));
    writeFileSync(
      path.join(prefix, "nginx.conf"),
      [
        "load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;",
        "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;",
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log;`,
        "events {}",
        "http {",
        "  include /etc/nginx/mime.types;",
        `  access_log ${prefix}/access.log;`,
        "  include site.conf;",
        "}",
      ].join("\n"),
    );
    return prefix;
  }

  const nginxTest = (prefix: string) =>
    spawnSync("nginx", ["-t", "-p", prefix, "-c", path.join(prefix, "nginx.conf")], { encoding: "utf8" });

  it("passes nginx -t, serving the apex and every sub-domain through the app", () => {
    const site = render("deploy/nginx/meteo06.conf");
    expect(site).not.toMatch(/@[A-Z_]+@/);
    const result = nginxTest(renderedPrefix(site));
    expect(result.stderr).toContain("test is successful");
    expect(result.status).toBe(0);

    expect(site.match(/server_name \.meteo06\.fr;/g)).toHaveLength(2);
    expect(site).toContain("limit_req zone=meteo06_login");
    expect(site).toContain("client_max_body_size 20m;");
    expect(site).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
    expect(site).toMatch(/brotli_static on;[\s\S]*gzip_static on;|gzip_static on;[\s\S]*brotli_static on;/);
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
    const appPort = (app.address() as AddressInfo).port;
    const [httpPort, tlsPort] = [await freePort(), await freePort()];
    const site = render("deploy/nginx/meteo06.conf")
      .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${appPort};`)
      .replace(/listen \[::\]:\d+[^;]*;/g, "")
      .replace("listen 80;", `listen 127.0.0.1:${httpPort};`)
      .replace("listen 443 ssl http2;", `listen 127.0.0.1:${tlsPort};`);
    const prefix = renderedPrefix(site);
    const nginx = spawn("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], {
      stdio: "pipe",
    });
    try {
      const post = (pathname: string, host: string, headers: Record<string, string> = {}) =>
        httpRequest(`http://127.0.0.1:${tlsPort}${pathname}`, {
          method: "POST",
          headers: { Host: host, "Content-Type": "text/plain", ...headers },
          body: "x",
        }).then((r) => r.status);
      for (let i = 0; ; i++) {
        if ((await post("/api/v1/stations", "meteo06.fr").catch(() => 0)) === 200) break;
        if (i > 100) throw new Error("nginx did not start");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Ordinary POSTs (APIs, uploads) are not limited.
      const plain = [];
      for (let i = 0; i < 40; i++) plain.push(await post("/api/admin/media", "meteo06.fr"));
      expect(plain.every((status) => status === 200)).toBe(true);
      // Server actions: a burst of 20 passes, then 429, on any page and any station's host.
      const action = { "Next-Action": "7f00aa" };
      const actions = [];
      for (let i = 0; i < 30; i++) {
        const [pathname, host] = [
          ["/", "meteo06.fr"],
          ["/articles", "meteo06.fr"],
          ["/a-propos", "nice-pessicart.meteo06.fr"],
        ][i % 3];
        actions.push(await post(pathname, host, action));
      }
      expect(actions.filter((status) => status === 200).length).toBeGreaterThanOrEqual(20);
      expect(actions.filter((status) => status === 200).length).toBeLessThan(25);
      expect(actions.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect(await post("/connexion", "meteo06.fr", action)).toBe(429);
    } finally {
      nginx.kill("SIGTERM");
      await new Promise((resolve) => nginx.once("exit", resolve));
      app.close();
    }
  });

  it("is really checked: a broken site fails nginx -t", () => {
    const site = render("deploy/nginx/meteo06.conf").replace("limit_req zone", "limit_request zone");
    const result = nginxTest(renderedPrefix(site));
    expect(result.stderr).toContain('unknown directive "limit_request"');
    expect(result.status).not.toBe(0);
  });
});

describe("firewall", () => {
  it("passes nft --check and opens only SSH, HTTP(S) and WireGuard", () => {
    const rules = render("deploy/hardening/nftables.conf");
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

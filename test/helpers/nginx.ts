import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureDebianProgram } from "@/scripts/dev/apt";
import { freePort } from "./app";

/**
 * Debian's nginx with the production site (deploy/nginx, rendered by deploy/lib.sh's `render` as
 * install.sh does) in a scratch prefix: loopback ports, a throw-away certificate for the domain and its
 * sub-domains, the micro-cache in the prefix. Used by the deploy tests, the cache e2e test and the
 * HTTP bench.
 */

const BROTLI_MODULES = {
  "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so": "libnginx-mod-http-brotli-filter",
  "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so": "libnginx-mod-http-brotli-static",
};
const CACHE_DIR = "/var/cache/nginx/meteo06";

export interface SiteValues {
  domain: string;
  appPort: number;
  appDir: string;
}

/** A template of deploy/ as install.sh renders it (deploy/lib.sh's `render`). */
export function renderTemplate(
  template: string,
  { domain = "meteo06.fr", appPort = 3000, appDir = "/opt/meteo06/app" }: Partial<SiteValues> = {},
): string {
  const result = spawnSync("bash", ["-c", '. deploy/lib.sh; render "$1"', "render", template], {
    encoding: "utf8",
    env: { ...process.env, DOMAIN: domain, APP_PORT: String(appPort), APP_DIR: appDir, WG_PORT: "51820" },
  });
  if (result.status !== 0) throw new Error(`render ${template}: ${result.stderr}`);
  return result.stdout;
}

function replaceOrThrow(text: string, from: string | RegExp, to: string): string {
  const replaced = text.replaceAll(from, to);
  if (replaced === text) throw new Error(`the nginx site no longer contains ${from}`);
  return replaced;
}

/**
 * A prefix holding the rendered site (`site.conf`, its paths moved into the prefix), its snippet, a
 * certificate for `domain` and `*.domain` (`tls/fullchain.pem`, also its own CA) and an nginx.conf
 * close to Debian's. `extraLocations` go into the HTTPS server (the bench's static file).
 */
function nginxPrefix(site: string, domain: string, extraLocations = ""): string {
  ensureDebianProgram("nginx", "nginx-light", "the production nginx site");
  for (const [module, pkg] of Object.entries(BROTLI_MODULES))
    ensureDebianProgram(module, pkg, "nginx: brotli");
  const prefix = mkdtempSync(path.join(tmpdir(), "m06-nginx-"));
  // The workers (www-data or nobody when we are root) read files and write the cache in the prefix.
  chmodSync(prefix, 0o755);
  for (const dir of ["snippets", "tls", "tmp"]) mkdirSync(path.join(prefix, dir));
  cpSync("deploy/nginx/meteo06-proxy.conf", path.join(prefix, "snippets/meteo06-proxy.conf"));
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${domain}`]
      .concat(["-addext", `subjectAltName=DNS:${domain},DNS:*.${domain}`])
      .concat([
        "-keyout",
        path.join(prefix, "tls/privkey.pem"),
        "-out",
        path.join(prefix, "tls/fullchain.pem"),
      ]),
    { stdio: "pipe" },
  );
  let conf = replaceOrThrow(site, "/etc/meteo06/tls/", `${prefix}/tls/`);
  conf = replaceOrThrow(conf, CACHE_DIR, `${prefix}/cache`);
  if (extraLocations) conf = conf.replace(/}\s*$/, `${extraLocations}\n}\n`);
  writeFileSync(path.join(prefix, "site.conf"), conf);
  const temp = (name: string) => `${name}_temp_path ${prefix}/tmp/${name};`;
  writeFileSync(
    path.join(prefix, "nginx.conf"),
    [
      ...Object.keys(BROTLI_MODULES).map((module) => `load_module ${module};`),
      // Debian's /etc/nginx/nginx.conf, the parts that matter here.
      "worker_processes auto;",
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log;`,
      "events { worker_connections 768; }",
      "http {",
      "  sendfile on;",
      "  tcp_nopush on;",
      "  types_hash_max_size 2048;",
      "  include /etc/nginx/mime.types;",
      "  default_type application/octet-stream;",
      "  ssl_prefer_server_ciphers on;",
      `  access_log ${prefix}/access.log;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `  ${temp(name)}`),
      "  include site.conf;",
      "}",
    ].join("\n"),
  );
  return prefix;
}

/** nginx -t on a site (rendered), in a scratch prefix. */
export function nginxTest(site: string, domain: string) {
  const prefix = nginxPrefix(site, domain);
  try {
    return spawnSync("nginx", ["-t", "-p", prefix, "-c", path.join(prefix, "nginx.conf")], {
      encoding: "utf8",
    });
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

export interface RunningNginx {
  domain: string;
  httpPort: number;
  httpsPort: number;
  /** The certificate nginx presents (its own CA), for httpRequest's `ca`. */
  ca: Buffer;
  prefix: string;
  /** https://<host>:<httpsPort><path>, where host is the apex or `<sub>.<domain>`. */
  url(pathname: string, sub?: string): string;
  errorLog(): string;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * The production site in front of an app on `appPort`, as a foreground nginx on loopback ports (the
 * HTTPS port may be chosen beforehand, so that the app's SITE_URL can name it).
 */
export async function startNginx({
  appPort,
  domain,
  appDir = process.cwd(),
  httpsPort,
  extraLocations,
}: {
  appPort: number;
  domain: string;
  appDir?: string;
  httpsPort?: number;
  extraLocations?: string;
}): Promise<RunningNginx> {
  const [httpPort, tlsPort] = [await freePort(), httpsPort ?? (await freePort())];
  let site = renderTemplate("deploy/nginx/meteo06.conf", { domain, appPort, appDir });
  site = replaceOrThrow(site, /\n\s*listen \[::\]:\d+[^;]*;/g, "");
  site = replaceOrThrow(site, "listen 80;", `listen 127.0.0.1:${httpPort};`);
  site = replaceOrThrow(site, "listen 443 ssl", `listen 127.0.0.1:${tlsPort} ssl`);
  const prefix = nginxPrefix(site, domain, extraLocations);
  const child: ChildProcess = spawn(
    "nginx",
    ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 20_000;
  while (!(await listening(tlsPort))) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`nginx did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const errorLog = () => {
    try {
      return readFileSync(path.join(prefix, "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  return {
    domain,
    httpPort,
    httpsPort: tlsPort,
    ca: readFileSync(path.join(prefix, "tls/fullchain.pem")),
    prefix,
    url: (pathname, sub) => `https://${sub ? `${sub}.` : ""}${domain}:${tlsPort}${pathname}`,
    errorLog,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}

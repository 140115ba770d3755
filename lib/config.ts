import { z } from "zod";
import { UserError } from "./errors";

/**
 * Runtime configuration, read from the environment only (secrets never come from files in git).
 * Parsed lazily so that `next build` and unit tests do not need a database configured.
 */

export class ConfigError extends UserError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const mysqlUrl = (name: string) =>
  z
    .string({ error: `${name} is missing (e.g. mysql://user:password@127.0.0.1:3306/meteo06)` })
    .refine((value) => /^(mysql|mariadb):\/\/[^/]+/.test(value) && URL.canParse(value), {
      message: `${name} must look like mysql://user:password@host:3306/database`,
      abort: true,
    });

const schema = z.object({
  DATABASE_URL: mysqlUrl("DATABASE_URL").refine((value) => databaseName(value) !== "", {
    message: "DATABASE_URL must name the app database (…/meteo06)",
  }),
  ARCHIVE_DATABASE_URL: mysqlUrl("ARCHIVE_DATABASE_URL").optional(),
  ROOT_DOMAIN: z
    .string()
    .default("localhost")
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => HOSTNAME.test(value), {
      message:
        "ROOT_DOMAIN must be a bare host name such as meteo06.fr or localhost (no scheme, port or path)",
    }),
  SITE_URL: z
    .string()
    .url({ message: "SITE_URL must be an absolute URL such as https://meteo06.fr" })
    .optional(),
});

export interface AppConfig {
  databaseUrl: string;
  /** Server holding the station archives; each station names its own database. */
  archiveServerUrl: string;
  rootDomain: string;
  /** Public origin of the apex site, e.g. https://meteo06.fr or http://localhost:3000 */
  siteUrl: URL;
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const { DATABASE_URL, ARCHIVE_DATABASE_URL, ROOT_DOMAIN, SITE_URL } = result.data;
  const siteUrl = new URL(SITE_URL ?? `https://${ROOT_DOMAIN}`);
  if (siteUrl.hostname !== ROOT_DOMAIN) {
    throw new ConfigError([`SITE_URL host (${siteUrl.hostname}) must be ROOT_DOMAIN (${ROOT_DOMAIN})`]);
  }
  return {
    databaseUrl: DATABASE_URL,
    archiveServerUrl: ARCHIVE_DATABASE_URL ?? DATABASE_URL,
    rootDomain: ROOT_DOMAIN,
    siteUrl,
  };
}

const KEYS = ["DATABASE_URL", "ARCHIVE_DATABASE_URL", "ROOT_DOMAIN", "SITE_URL"] as const;
let cached: { key: string; config: AppConfig } | undefined;

/** The configuration of the current environment (re-read if a test changes the environment). */
export function config(): AppConfig {
  const key = KEYS.map((k) => process.env[k] ?? "").join("\n");
  if (cached?.key !== key) cached = { key, config: parseConfig(process.env) };
  return cached.config;
}

/** The database part of a mysql:// URL ("" when absent). */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url.replace(/^mariadb:/, "mysql:")).pathname.replace(/^\//, ""));
}

/** Connection options for mysql2 / the MariaDB adapter, from a mysql:// URL. */
export function connectionOptions(url: string) {
  const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
  const socket = parsed.searchParams.get("socket");
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database: databaseName(url) || undefined,
    ...(socket ? { socketPath: socket } : {}),
  };
}

import { z } from "zod";
import { ConfigError, parseConfig } from "../config";
import { DATA_DIRS, type DataDirSetting, dataDir } from "../data-dirs";

/**
 * Settings of the operations tooling (monitor, alerts, backups, replication), from the environment
 * only, like every other setting: in production /etc/meteo06/env, written by deploy/install.sh and
 * edited by the admin. Each one is documented in the README's configuration table.
 */

export interface OpsSettings {
  /** Who receives alerts (ALERT_EMAILS, comma separated); none means no e-mail. */
  alertEmails: string[];
  /** Optional JSON webhook called with every alert (ALERT_WEBHOOK_URL). */
  alertWebhookUrl: string | null;
  /** Hours between two reminders of a check that stays bad and unacknowledged. */
  reminderHours: number;
  /** Paths whose filesystem is watched (MONITOR_DISK_PATHS). */
  diskPaths: string[];
  diskWarningPercent: number;
  diskCriticalPercent: number;
  /** Warn / go critical when the trend says the disk is full within this many days. */
  diskFullWarningDays: number;
  diskFullCriticalDays: number;
  /** System services the monitor watches (MONITOR_SERVICES; production: WireGuard, fail2ban, nginx). */
  services: string[];
  /** URL the monitor fetches to prove the app answers (MONITOR_APP_URL), e.g. http://127.0.0.1:3000/api/health */
  appUrl: string | null;
  /** Folders of media, webcam images and station photos (lib/data-dirs.ts): backed up, sizes reported. */
  dataDirs: Record<DataDirSetting, string>;
  /** Where each run's database dumps and manifest are prepared (the newest run is kept there). */
  backupDir: string;
  /** The restic repository (BACKUP_REPOSITORY), e.g. sftp:backup@backup-host:/srv/meteo06; null: unset. */
  backupRepository: string | null;
  /** Root-only file holding the repository's password (BACKUP_PASSWORD_FILE). */
  backupPasswordFile: string;
  /** The settings file saved with every backup (METEO_ENV_FILE, default /etc/meteo06/env). */
  settingsFile: string;
  backupMaxAgeHours: number;
  /** Server and account that dump and restore-test (BACKUP_DATABASE_URL; default: DATABASE_URL's server). */
  backupDatabaseUrl: string;
  /** Server and account that read and repair replication (REPLICATION_DATABASE_URL; default: the archive server). */
  replicationDatabaseUrl: string;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const percent = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .refine((v) => v > 0 && v <= 100, { message: `${name} must be a percentage between 1 and 100` })
    .default(fallback);

const positive = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .refine((v) => Number.isFinite(v) && v > 0, { message: `${name} must be a positive number` })
    .default(fallback);

const url = (name: string, protocols: RegExp, example: string) =>
  z
    .string()
    .refine((v) => URL.canParse(v) && protocols.test(new URL(v).protocol), {
      message: `${name} must be an absolute URL such as ${example}`,
    })
    .optional();

const schema = z
  .object({
    ALERT_EMAILS: z
      .string()
      .optional()
      .transform(list)
      .refine((emails) => emails.every((e) => z.email().safeParse(e).success), {
        message: "ALERT_EMAILS must be e-mail addresses separated by commas",
      }),
    ALERT_WEBHOOK_URL: url("ALERT_WEBHOOK_URL", /^https?:$/, "https://chat.example.org/hooks/…"),
    ALERT_REMINDER_HOURS: positive("ALERT_REMINDER_HOURS", 24),
    MONITOR_DISK_PATHS: z
      .string()
      .optional()
      .transform((v) => (list(v).length ? list(v) : ["/"]))
      .refine((paths) => paths.every((p) => p.startsWith("/")), {
        message: "MONITOR_DISK_PATHS must be absolute paths separated by commas",
      }),
    DISK_WARNING_PERCENT: percent("DISK_WARNING_PERCENT", 80),
    DISK_CRITICAL_PERCENT: percent("DISK_CRITICAL_PERCENT", 90),
    DISK_FULL_WARNING_DAYS: positive("DISK_FULL_WARNING_DAYS", 14),
    DISK_FULL_CRITICAL_DAYS: positive("DISK_FULL_CRITICAL_DAYS", 3),
    MONITOR_SERVICES: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? undefined : list(v)))
      .refine((units) => (units ?? []).every((u) => /^[\w@.:-]+$/.test(u)), {
        message:
          "MONITOR_SERVICES must be systemd unit names separated by commas (e.g. wg-quick@wg0,fail2ban)",
      }),
    MONITOR_APP_URL: url("MONITOR_APP_URL", /^https?:$/, "http://127.0.0.1:3000/api/health"),
    BACKUP_DIR: z
      .string()
      .default("/var/backups/meteo06")
      .refine((p) => p.startsWith("/"), { message: "BACKUP_DIR must be an absolute path" }),
    BACKUP_REPOSITORY: z.string().optional(),
    BACKUP_PASSWORD_FILE: z
      .string()
      .default("/etc/meteo06/backup-password")
      .refine((p) => p.startsWith("/"), { message: "BACKUP_PASSWORD_FILE must be an absolute path" }),
    BACKUP_MAX_AGE_HOURS: positive("BACKUP_MAX_AGE_HOURS", 26),
    BACKUP_DATABASE_URL: url(
      "BACKUP_DATABASE_URL",
      /^(mysql|mariadb):$/,
      "mysql://user:password@127.0.0.1:3306/",
    ),
    REPLICATION_DATABASE_URL: url(
      "REPLICATION_DATABASE_URL",
      /^(mysql|mariadb):$/,
      "mysql://user:password@127.0.0.1:3306/",
    ),
  })
  .refine((s) => s.DISK_WARNING_PERCENT < s.DISK_CRITICAL_PERCENT, {
    message: "DISK_WARNING_PERCENT must be below DISK_CRITICAL_PERCENT",
  })
  .refine((s) => s.DISK_FULL_CRITICAL_DAYS < s.DISK_FULL_WARNING_DAYS, {
    message: "DISK_FULL_CRITICAL_DAYS must be below DISK_FULL_WARNING_DAYS",
  });

/** Services install.sh sets up besides MariaDB and the app (which have checks of their own). */
const PRODUCTION_SERVICES = ["wg-quick@wg0", "fail2ban", "nginx"];

export function parseOpsSettings(env: Record<string, string | undefined>): OpsSettings {
  const blank = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(blank);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => issue.message));
  const s = result.data;
  const serverOf = (databaseUrl: string) => {
    const server = new URL(databaseUrl);
    server.pathname = "/";
    return server.toString();
  };
  return {
    alertEmails: s.ALERT_EMAILS,
    alertWebhookUrl: s.ALERT_WEBHOOK_URL ?? null,
    reminderHours: s.ALERT_REMINDER_HOURS,
    diskPaths: s.MONITOR_DISK_PATHS,
    diskWarningPercent: s.DISK_WARNING_PERCENT,
    diskCriticalPercent: s.DISK_CRITICAL_PERCENT,
    diskFullWarningDays: s.DISK_FULL_WARNING_DAYS,
    diskFullCriticalDays: s.DISK_FULL_CRITICAL_DAYS,
    services: s.MONITOR_SERVICES ?? (env.NODE_ENV === "production" ? PRODUCTION_SERVICES : []),
    appUrl: s.MONITOR_APP_URL ?? null,
    dataDirs: Object.fromEntries(
      (Object.keys(DATA_DIRS) as DataDirSetting[]).map((name) => [name, dataDir(name, env)]),
    ) as Record<DataDirSetting, string>,
    backupDir: s.BACKUP_DIR,
    backupRepository: s.BACKUP_REPOSITORY ?? null,
    backupPasswordFile: s.BACKUP_PASSWORD_FILE,
    settingsFile: env.METEO_ENV_FILE || "/etc/meteo06/env",
    backupMaxAgeHours: s.BACKUP_MAX_AGE_HOURS,
    backupDatabaseUrl: s.BACKUP_DATABASE_URL ?? serverOf(parseConfig(env).databaseUrl),
    replicationDatabaseUrl: s.REPLICATION_DATABASE_URL ?? serverOf(parseConfig(env).archiveServerUrl),
  };
}

export function opsSettings(): OpsSettings {
  return parseOpsSettings(process.env);
}

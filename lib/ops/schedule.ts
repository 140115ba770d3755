import { PRODUCTION_DATA_ROOT } from "../config/data-dirs";

/**
 * Every scheduled job of the platform, in one place: deploy/systemd/ is generated from this list
 * (`npm run meteo -- deploy systemd-units`), and the monitor uses it to notice a job that stopped
 * running. `job` is the name the command gives runJob() ("<area>:<command>", as aggregates:update);
 * `period` is how often it must succeed.
 */

export interface ScheduledJob {
  /** systemd unit name: meteo06-<unit>.service / .timer */
  unit: string;
  description: string;
  /** Arguments of `meteo` */
  command: string[];
  /** systemd OnCalendar expression */
  onCalendar: string;
  /** Name recorded in JobRun by the command */
  job: string;
  /** Expected time between two successful runs, in minutes */
  periodMinutes: number;
  /** Longest a run may take before systemd stops it */
  timeoutMinutes: number;
  /** How late systemd may start it (default 30 s, so that timers of the same minute are grouped) */
  accuracySeconds?: number;
  /** Folders the job writes besides the database (systemd ReadWritePaths) */
  writes?: "backups" | "data";
  /**
   * Runs as root: the backup jobs read the root-only backup password and every data folder, and reach
   * the backup host with root's SSH key (sftp repositories).
   */
  asRoot?: boolean;
}

export const SCHEDULE: ScheduledJob[] = [
  {
    unit: "aggregates",
    description: "hourly and daily aggregates of the station archives",
    command: ["aggregates", "update"],
    onCalendar: "*:0/5",
    job: "aggregates:update",
    periodMinutes: 5,
    timeoutMinutes: 30,
  },
  {
    unit: "climate",
    description: "climatology (daily, monthly summaries; drafts on the 1st)",
    command: ["climate", "update"],
    onCalendar: "*:0/10",
    job: "climate:update",
    periodMinutes: 10,
    timeoutMinutes: 30,
  },
  {
    unit: "partners-static",
    description: "StatIC (Infoclimat) partner feed",
    command: ["partners", "send", "--partner", "static"],
    onCalendar: "*:0/10",
    job: "partners:static",
    periodMinutes: 10,
    timeoutMinutes: 8,
  },
  {
    unit: "partners-romma",
    description: "ROMMA partner feed",
    command: ["partners", "send", "--partner", "romma"],
    onCalendar: "*:0/5",
    job: "partners:romma",
    periodMinutes: 5,
    timeoutMinutes: 4,
  },
  {
    unit: "partners-prune",
    description: "partner feeds: audit log older than PARTNER_LOG_RETENTION_DAYS",
    command: ["partners", "prune"],
    onCalendar: "*-*-* 04:20:00 Europe/Paris",
    job: "partners:prune",
    periodMinutes: 24 * 60,
    timeoutMinutes: 30,
  },
  {
    unit: "lightning",
    description: "lightning strikes import",
    command: ["lightning", "import"],
    onCalendar: "*:0/5",
    job: "lightning:import",
    periodMinutes: 5,
    timeoutMinutes: 4,
  },
  {
    unit: "site-refresh",
    description: "cached pages refreshed when a scheduled article goes live or a vigilance notice ends",
    command: ["site", "refresh"],
    onCalendar: "*:*:00",
    job: "site:refresh",
    periodMinutes: 1,
    timeoutMinutes: 1,
    accuracySeconds: 1,
  },
  {
    unit: "webcam-prune",
    description: "webcam archives older than each webcam's retention",
    command: ["webcam", "prune"],
    onCalendar: "*-*-* 04:40:00 Europe/Paris",
    job: "webcam:prune",
    periodMinutes: 24 * 60,
    timeoutMinutes: 30,
    writes: "data",
  },
  {
    unit: "articles-purge-trash",
    description: "articles trashed more than 30 days ago",
    command: ["articles", "purge-trash"],
    onCalendar: "*-*-* 04:50:00 Europe/Paris",
    job: "articles:purge-trash",
    periodMinutes: 24 * 60,
    timeoutMinutes: 30,
  },
  {
    unit: "monitor",
    description: "disk, services, replication, backups and jobs checks, alerts",
    command: ["monitor"],
    onCalendar: "*:0/5",
    job: "monitor",
    periodMinutes: 5,
    timeoutMinutes: 4,
  },
  {
    unit: "backup",
    description: "nightly encrypted backup (restic): databases, data folders, settings",
    command: ["backup", "run"],
    onCalendar: "*-*-* 03:15:00 Europe/Paris",
    job: "backup:run",
    periodMinutes: 24 * 60,
    timeoutMinutes: 180,
    writes: "backups",
    asRoot: true,
  },
  {
    unit: "backup-prune",
    description: "backup retention (restic forget: 7 daily, 4 weekly, 12 monthly) and repository check",
    command: ["backup", "prune"],
    onCalendar: "*-*-* 05:30:00 Europe/Paris",
    job: "backup:prune",
    periodMinutes: 24 * 60,
    timeoutMinutes: 60,
    writes: "backups",
    asRoot: true,
  },
  {
    unit: "backup-restore-test",
    description: "weekly restore test of the latest snapshot into scratch databases",
    command: ["backup", "restore-test"],
    onCalendar: "Sun *-*-* 06:00:00 Europe/Paris",
    job: "backup:restore-test",
    periodMinutes: 7 * 24 * 60,
    timeoutMinutes: 240,
    writes: "backups",
    asRoot: true,
  },
];

/**
 * Node options of the app's server, in production and for the tests and the demo: "localhost" binds
 * 127.0.0.1, where nginx expects it; the heap is capped so that the process stays small under load
 * (the rendered pages it caches are capped apart, by cacheMaxMemorySize in next.config.ts). 256 MB ran
 * out under the bench's mixed load (50 connections on hundreds of distinct day pages): a crash and a
 * restart are worse than a larger process on a 4–8 GB server. The young generation (two semi-spaces,
 * 16 MB each by default) is resident in full under load; at 8 MB each it holds a request's garbage
 * just as well (it dies young) and the process is 16 MB smaller (`npm run bench -- http`, issue 15).
 */
export const APP_NODE_OPTIONS = [
  "--dns-result-order=ipv4first",
  "--max-old-space-size=384",
  "--max-semi-space-size=8",
];

/**
 * Environment of the app's server beside NODE_OPTIONS, in production and for the tests and the demo:
 * glibc gives each thread that allocates (V8's compiler and GC helpers, libuv's pool) its own malloc
 * arena of up to 64 MB, kept after use; two arenas held the resident memory about 35 MB lower after
 * the bench's mixed load (`npm run bench -- http`) at the same speed. glibc also raises its trim
 * threshold (up to 64 MB) each time it frees a large block, and keeps that much free memory at the
 * top of its heap; V8's compiler frees tens of MB there after startup and under load. A fixed 128 KB
 * threshold gives it back: the malloc heap went from 71 to 48 MB resident after the same load.
 */
export const APP_ENVIRONMENT = { MALLOC_ARENA_MAX: "2", MALLOC_TRIM_THRESHOLD_: "131072" };

export interface UnitOptions {
  appDir: string;
  user: string;
  envFile: string;
  node: string;
  backupDir: string;
  /** Parent of the data folders (media, webcam images, station photos: lib/config/data-dirs.ts). */
  dataRoot: string;
}

export const PRODUCTION: UnitOptions = {
  appDir: "/opt/meteo06/app",
  user: "meteo06",
  envFile: "/etc/meteo06/env",
  node: "/usr/bin/node",
  backupDir: "/var/backups/meteo06",
  dataRoot: PRODUCTION_DATA_ROOT,
};

/** The systemd units of the app and of every job, by file name. */
export function systemdUnits(o: UnitOptions = PRODUCTION): Record<string, string> {
  const hardening = [
    "NoNewPrivileges=yes",
    "PrivateTmp=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "ProtectKernelTunables=yes",
    "ProtectControlGroups=yes",
    "RestrictSUIDSGID=yes",
  ];
  const units: Record<string, string> = {
    "meteo06-app.service": [
      "# Generated by `npm run meteo -- deploy systemd-units` from lib/ops/schedule.ts: do not edit.",
      "[Unit]",
      "Description=Météo06 web application (Next.js standalone server)",
      "After=network-online.target mariadb.service",
      "Wants=network-online.target",
      "",
      "[Service]",
      "Type=simple",
      `User=${o.user}`,
      `Group=${o.user}`,
      `WorkingDirectory=${o.appDir}/.next/standalone`,
      `EnvironmentFile=${o.envFile}`,
      "Environment=NODE_ENV=production HOSTNAME=localhost PORT=3000 NEXT_TELEMETRY_DISABLED=1",
      `Environment="NODE_OPTIONS=${APP_NODE_OPTIONS.join(" ")}"`,
      ...Object.entries(APP_ENVIRONMENT).map(([name, value]) => `Environment=${name}=${value}`),
      `ExecStart=${o.node} server.js`,
      "Restart=on-failure",
      "RestartSec=5",
      ...hardening,
      `ReadWritePaths=${o.appDir}/.next/standalone ${o.dataRoot}`,
      "",
      "[Install]",
      "WantedBy=multi-user.target",
      "",
    ].join("\n"),
  };
  for (const job of SCHEDULE) {
    const name = `meteo06-${job.unit}`;
    units[`${name}.service`] = [
      "# Generated by `npm run meteo -- deploy systemd-units` from lib/ops/schedule.ts: do not edit.",
      "[Unit]",
      `Description=Météo06 job: ${job.description}`,
      "After=network-online.target mariadb.service",
      "Wants=network-online.target",
      "",
      "[Service]",
      "Type=oneshot",
      `User=${job.asRoot ? "root" : o.user}`,
      `Group=${job.asRoot ? "root" : o.user}`,
      `WorkingDirectory=${o.appDir}`,
      `EnvironmentFile=${o.envFile}`,
      "Environment=NODE_ENV=production",
      `ExecStart=${o.node} --import tsx scripts/meteo.ts ${job.command.join(" ")}`,
      `TimeoutStartSec=${job.timeoutMinutes}min`,
      "Nice=10",
      "IOSchedulingClass=best-effort",
      "IOSchedulingPriority=7",
      ...(job.asRoot
        ? hardening.map((h) => (h === "ProtectHome=yes" ? "ProtectHome=read-only" : h))
        : hardening),
      `ReadWritePaths=${job.writes === "backups" ? o.backupDir : job.writes === "data" ? o.dataRoot : "/tmp"}`,
      // restic keeps its repository index in a cache: the home folders are read-only here.
      ...(job.writes === "backups"
        ? ["CacheDirectory=meteo06", "Environment=XDG_CACHE_HOME=/var/cache/meteo06"]
        : []),
      "",
    ].join("\n");
    units[`${name}.timer`] = [
      "# Generated by `npm run meteo -- deploy systemd-units` from lib/ops/schedule.ts: do not edit.",
      "[Unit]",
      `Description=Météo06 timer: ${job.description}`,
      "",
      "[Timer]",
      `OnCalendar=${job.onCalendar}`,
      "Persistent=true",
      `AccuracySec=${job.accuracySeconds ?? 30}s`,
      `Unit=${name}.service`,
      "",
      "[Install]",
      "WantedBy=timers.target",
      "",
    ].join("\n");
  }
  return units;
}

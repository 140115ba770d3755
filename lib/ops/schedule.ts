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
  /** Folders the job writes besides the database (systemd ReadWritePaths): the backups, the data folders */
  writes?: "backups" | "data";
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
    description: "nightly backup of the app database and every station archive",
    command: ["backup", "run"],
    onCalendar: "*-*-* 03:15:00 Europe/Paris",
    job: "backup:run",
    periodMinutes: 24 * 60,
    timeoutMinutes: 180,
    writes: "backups",
  },
  {
    unit: "backup-prune",
    description: "backup rotation (7 daily, 4 weekly, 12 monthly) and off-site mirror",
    command: ["backup", "prune"],
    onCalendar: "*-*-* 05:30:00 Europe/Paris",
    job: "backup:prune",
    periodMinutes: 24 * 60,
    timeoutMinutes: 60,
    writes: "backups",
  },
  {
    unit: "backup-restore-test",
    description: "weekly restore test of the latest backup into a scratch database",
    command: ["backup", "restore-test"],
    onCalendar: "Sun *-*-* 06:00:00 Europe/Paris",
    job: "backup:restore-test",
    periodMinutes: 7 * 24 * 60,
    timeoutMinutes: 240,
    writes: "backups",
  },
];

export interface UnitOptions {
  appDir: string;
  user: string;
  envFile: string;
  node: string;
  backupDir: string;
  /** Uploaded media, webcam images, station photos: never inside the build, which each deploy replaces */
  dataDir: string;
}

export const PRODUCTION: UnitOptions = {
  appDir: "/opt/meteo06/app",
  user: "meteo06",
  envFile: "/etc/meteo06/env",
  node: "/usr/bin/node",
  backupDir: "/var/backups/meteo06",
  dataDir: "/var/lib/meteo06",
};

/**
 * What a job may write under ProtectSystem=strict. Backup jobs also get a cache folder (restic keeps its
 * repository index there: the service user's home is read-only).
 */
function jobWrites(job: ScheduledJob, o: UnitOptions): string[] {
  if (job.writes === "data") return [`ReadWritePaths=/tmp ${o.dataDir}`];
  if (job.writes === "backups") {
    return [
      `ReadWritePaths=/tmp ${o.backupDir}`,
      "CacheDirectory=meteo06",
      "Environment=XDG_CACHE_HOME=/var/cache/meteo06",
    ];
  }
  return ["ReadWritePaths=/tmp"];
}

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
      "Environment=NODE_OPTIONS=--dns-result-order=ipv4first",
      `ExecStart=${o.node} server.js`,
      "Restart=on-failure",
      "RestartSec=5",
      ...hardening,
      `ReadWritePaths=${o.appDir}/.next/standalone ${o.dataDir}`,
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
      `User=${o.user}`,
      `Group=${o.user}`,
      `WorkingDirectory=${o.appDir}`,
      `EnvironmentFile=${o.envFile}`,
      "Environment=NODE_ENV=production",
      `ExecStart=${o.node} --import tsx scripts/meteo.ts ${job.command.join(" ")}`,
      `TimeoutStartSec=${job.timeoutMinutes}min`,
      "Nice=10",
      "IOSchedulingClass=best-effort",
      "IOSchedulingPriority=7",
      ...hardening,
      ...jobWrites(job, o),
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
      "AccuracySec=30s",
      `Unit=${name}.service`,
      "",
      "[Install]",
      "WantedBy=timers.target",
      "",
    ].join("\n");
  }
  return units;
}

import { ConfigError, parseConfig } from "./config";
import { DATA_DIRS, type DataDirSetting, dataDirProblem } from "./data-dirs";
import { parseOpsSettings } from "./ops/settings";
import { partnerSecretKey } from "./partners/secrets";

/**
 * Every problem of the settings, one line each naming the setting: what `meteo config check` prints
 * (deploy/install.sh runs it after writing /etc/meteo06/env). Empty when the settings are usable.
 */
export function settingsProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const collect = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else problems.push((error as Error).message);
    }
  };
  collect(() => parseConfig(env));
  // The operations settings on their own (their database defaults come from DATABASE_URL, checked above).
  const server = "mysql://placeholder@127.0.0.1:3306/";
  collect(() => parseOpsSettings({ BACKUP_DATABASE_URL: server, REPLICATION_DATABASE_URL: server, ...env }));
  for (const name of Object.keys(DATA_DIRS) as DataDirSetting[]) {
    const problem = dataDirProblem(name, env[name]);
    if (problem) problems.push(problem);
  }
  if (!env.AUTH_SECRET?.trim()) {
    problems.push("AUTH_SECRET is missing: it signs login sessions (e.g. `openssl rand -base64 32`)");
  }
  collect(() => partnerSecretKey(env));
  const smtp = env.SMTP_URL?.trim();
  if (smtp && !(URL.canParse(smtp) && /^smtps?:$/.test(new URL(smtp).protocol))) {
    problems.push("SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465");
  }
  const from = env.MAIL_FROM?.trim();
  if (from && !/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(from)) {
    problems.push(
      `MAIL_FROM must be an address, optionally with a name: Météo06 <noreply@meteo06.fr> (got "${from}")`,
    );
  }
  return problems;
}

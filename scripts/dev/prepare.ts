import { config } from "../../lib/config";
import { developmentDataDirs } from "../../lib/data-dirs";
import { migrate } from "../../lib/migrations";
import { ensureLocalEnv, loadLocalEnv, randomSecret, setLocalEnv } from "./env";
import { serverAnswers, startPrivateMariadb } from "./mariadb";

const DEFAULT_URL = "mysql://root@127.0.0.1:3306/meteo06";
const PRIVATE_DIR = ".data/mariadb";

/** What a clean clone's .env.local gets (keys a developer already set are kept). */
export function localDefaults(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ROOT_DOMAIN: "localhost",
    SITE_URL: "http://localhost:3000",
    AUTH_SECRET: randomSecret(),
    // Encrypts partner feed credentials at rest (lib/partners/secrets.ts).
    PARTNER_SECRET_KEY: randomSecret(),
    // Absolute: the standalone server runs from .next/standalone (lib/data-dirs.ts).
    ...developmentDataDirs(),
  };
}

/**
 * The preparation shared by `npm run demo`, `npm test` and `npm run bench`: a MariaDB that answers
 * (the local server, or a private one under .data/), `.env.local` with working defaults, and the app
 * database migrated. Safe to run again.
 */
export async function prepare(): Promise<void> {
  const fromRealEnv = process.env.DATABASE_URL !== undefined;
  loadLocalEnv();
  let url = process.env.DATABASE_URL ?? DEFAULT_URL;

  if (!(await serverAnswers(url))) {
    const configuredPort = Number(new URL(url).port || 3306);
    const port = configuredPort === 3306 ? Number(process.env.MARIADB_PRIVATE_PORT ?? 3307) : configuredPort;
    console.log(
      `› no MariaDB answers at ${new URL(url).host}: starting a private one on port ${port} in ${PRIVATE_DIR}`,
    );
    await startPrivateMariadb({ dir: PRIVATE_DIR, port, detached: true });
    const privateUrl = new URL(url);
    privateUrl.hostname = "127.0.0.1";
    privateUrl.port = String(port);
    url = privateUrl.toString();
    if (fromRealEnv)
      console.log(`  (DATABASE_URL from the environment did not answer; using ${url} for this run)`);
    else setLocalEnv("DATABASE_URL", url);
    process.env.DATABASE_URL = url;
  }

  ensureLocalEnv(localDefaults(url));
  config(); // fail early, with the list of problems, on a malformed configuration

  const applied = await migrate(url, { log: (line) => console.log(`  ${line}`) });
  console.log(
    applied.length ? `› app database migrated (${applied.length} new)` : "› app database up to date",
  );
}

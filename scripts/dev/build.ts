import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * `next build` (standalone) when the sources changed since the last build, then the static files the
 * standalone server needs. The stamp is a hash of every file git would see (tracked or not ignored).
 */
const STAMP = ".next/standalone/.source-hash";

function sourceHash(): string {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    encoding: "utf8",
  })
    .split("\0")
    // The build's own steps (scripts/dev/*.mjs, run by `npm run build`) count; the CLI and tests do not.
    .filter((f) => f && !/^(test|bench|deploy|scripts(?!\/dev\/[^/]+\.mjs$)|\.ci)\//.test(f) && existsSync(f))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

/**
 * The build runs against a database server that refuses every connection, as on a new server where
 * install.sh builds before it migrates: a page that reads the database at build time fails the build
 * here, in every `npm test` and `npm run demo`, instead of on the association's server.
 */
export const NO_DATABASE = {
  DATABASE_URL: "mysql://build@127.0.0.1:1/no_database_at_build_time",
  ARCHIVE_DATABASE_URL: "mysql://build@127.0.0.1:1/",
};

export function buildIfNeeded(): void {
  const digest = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest) {
    console.log("› build up to date");
    return;
  }
  console.log("› building the app (next build)");
  execFileSync("npm", ["run", "--silent", "build"], {
    stdio: "inherit",
    env: { ...process.env, ...NO_DATABASE, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeFileSync(STAMP, digest);
}

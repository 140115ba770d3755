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
    .filter((f) => f && !/^(test|bench|deploy|scripts|\.ci)\//.test(f) && existsSync(f))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

export function buildIfNeeded(): void {
  const digest = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest) {
    console.log("› build up to date");
    return;
  }
  console.log("› building the app (next build)");
  execFileSync("npm", ["run", "--silent", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeFileSync(STAMP, digest);
}

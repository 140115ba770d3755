import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { formatEnvLine, readEnvFile, setEnvFileValue } from "../../lib/env-file";

/** Local settings written by the set-up (`.env.local`, git-ignored). The real environment always wins. */
export const LOCAL_ENV_FILE = ".env.local";

export function loadLocalEnv(file = LOCAL_ENV_FILE): void {
  for (const candidate of [file, ".env"]) {
    for (const [key, value] of Object.entries(readEnvFile(candidate).values)) process.env[key] ??= value;
  }
}

/** Adds missing keys to `.env.local` without touching the ones a developer set. */
export function ensureLocalEnv(defaults: Record<string, string>, file = LOCAL_ENV_FILE): void {
  const current = readEnvFile(file).values;
  const missing = Object.entries(defaults).filter(([key]) => !(key in current));
  if (missing.length === 0) return;
  const previous = existsSync(file)
    ? `${readFileSync(file, "utf8").trimEnd()}\n`
    : "# Local settings written by `npm run demo` / `npm test`. Not committed.\n";
  const body = missing.map(([key, value]) => formatEnvLine(key, value)).join("\n");
  writeFileSync(file, `${previous}${body}\n`);
  for (const [key, value] of missing) process.env[key] ??= value;
}

export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Sets one key in `.env.local`, replacing its previous value. */
export function setLocalEnv(key: string, value: string, file = LOCAL_ENV_FILE): void {
  writeFileSync(file, setEnvFileValue(existsSync(file) ? readFileSync(file, "utf8") : "", key, value));
}

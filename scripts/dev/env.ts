import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Local settings written by the set-up (`.env.local`, git-ignored). The real environment always wins. */
export const LOCAL_ENV_FILE = ".env.local";

export function loadLocalEnv(file = LOCAL_ENV_FILE): void {
  for (const candidate of [file, ".env"]) {
    if (!existsSync(candidate)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(candidate, "utf8")))) {
      process.env[key] ??= value;
    }
  }
}

export function parseEnv(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) entries[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return entries;
}

/** Adds missing keys to `.env.local` without touching the ones a developer set. */
export function ensureLocalEnv(defaults: Record<string, string>, file = LOCAL_ENV_FILE): void {
  const current = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  const missing = Object.entries(defaults).filter(([key]) => !(key in current));
  if (missing.length === 0) return;
  const previous = existsSync(file)
    ? `${readFileSync(file, "utf8").trimEnd()}\n`
    : "# Local settings written by `npm run demo` / `npm test`. Not committed.\n";
  const body = missing.map(([key, value]) => `${key}=${value}`).join("\n");
  writeFileSync(file, `${previous}${body}\n`);
  for (const [key, value] of missing) process.env[key] ??= value;
}

export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Sets one key in `.env.local`, replacing its previous value. */
export function setLocalEnv(key: string, value: string, file = LOCAL_ENV_FILE): void {
  const lines = existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n") : [];
  const kept = lines.filter((line) => !new RegExp(`^\\s*${key}\\s*=`).test(line));
  writeFileSync(file, `${[...kept, `${key}=${value}`].join("\n")}\n`);
}

import { readFileSync } from "node:fs";

/**
 * The settings file format, read the same way by systemd (`EnvironmentFile=`), the `meteo` command line
 * and deploy/install.sh (through `meteo config get`), and by the development tools for `.env.local`:
 *
 *   # comment                    (a line starting with # or ;)
 *   KEY=value                    unquoted: surrounding spaces dropped, inner spaces kept
 *   MAIL_FROM="Météo06 <x@y>"    double quotes: \" \\ \$ \` are escapes
 *   KEY='literal'                single quotes: taken as written (quoted values end on their line)
 *
 * This is systemd's reading. What we write is also valid shell, but the file is never `source`d: an
 * admin's unquoted `MAIL_FROM=Météo06 <x@y>` is fine for systemd and a syntax error for a shell.
 */

export interface EnvFile {
  values: Record<string, string>;
  /** One line per malformed line: "line 4: …" */
  problems: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_QUOTE_ESCAPES = new Set(['"', "\\", "$", "`"]);

/** Parses the text of a settings file (the last assignment of a key wins, as for systemd). */
export function parseEnvFile(text: string): EnvFile {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (const [index, raw] of lines.entries()) {
    const number = index + 1;
    const line = raw.trimStart();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const equals = line.indexOf("=");
    const key = (equals < 0 ? line : line.slice(0, equals)).trim();
    if (equals < 0 || !KEY.test(key)) {
      problems.push(`line ${number}: "${line.slice(0, 40)}" is not KEY=value`);
      continue;
    }
    const rest = line.slice(equals + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let value = "";
      let i = 1;
      for (; i < rest.length && rest[i] !== quote; i++) {
        if (quote === '"' && rest[i] === "\\" && i + 1 < rest.length) {
          const next = rest[++i];
          value += DOUBLE_QUOTE_ESCAPES.has(next) ? next : `\\${next}`;
        } else value += rest[i];
      }
      const after = rest.slice(i + 1).trim();
      if (i >= rest.length) problems.push(`line ${number}: ${key} has no closing ${quote}`);
      else if (after !== "" && !after.startsWith("#"))
        problems.push(`line ${number}: ${key} has text after its closing ${quote}`);
      else values[key] = value;
      continue;
    }
    values[key] = rest.replace(/\\(.)/g, "$1").trimEnd();
  }
  return { values, problems };
}

/** The file's settings; a missing file reads as empty, other read errors are thrown. */
export function readEnvFile(file: string): EnvFile {
  try {
    return parseEnvFile(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { values: {}, problems: [] };
    throw error;
  }
}

/** `KEY=value` as we write it: bare when plain, else double-quoted (valid for systemd and for a shell). */
export function formatEnvLine(key: string, value: string): string {
  if (!KEY.test(key)) throw new Error(`invalid setting name ${key}`);
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(value)) return `${key}=${value}`;
  return `${key}="${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * The text with KEY set to `value`: its last assignment replaced in place (earlier ones dropped), or a
 * line appended. Comments and other lines are kept as they are.
 */
export function setEnvFileValue(text: string, key: string, value: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  const assigns = (line: string) => new RegExp(`^\\s*${key}\\s*=`).test(line);
  const last = lines.findLastIndex(assigns);
  const kept = lines.map((line, i) => (i === last ? formatEnvLine(key, value) : assigns(line) ? null : line));
  if (last < 0) kept.push(formatEnvLine(key, value));
  return `${kept.filter((line) => line !== null).join("\n")}\n`.replace(/^\n/, "");
}

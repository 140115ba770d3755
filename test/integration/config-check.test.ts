import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/**
 * The server's settings file as install.sh writes it (and as an admin edits it), read by the `meteo`
 * command itself: a sender with spaces and angle brackets, which broke every command when the file was
 * `source`d, and `meteo config check` naming each missing or malformed setting.
 */

const root = mkdtempSync(path.join(tmpdir(), "m06-config-"));
let dbs: TestDatabases;

beforeAll(async () => {
  dbs = await createTestDatabases();
});

afterAll(async () => {
  await dbs?.drop();
  rmSync(root, { recursive: true, force: true });
});

function settings(name: string, lines: string[]): string {
  const file = path.join(root, name);
  writeFileSync(file, `# Météo06 production settings\n${lines.join("\n")}\n`, { mode: 0o640 });
  return file;
}

describe("the settings file read by `meteo`", () => {
  // What install.sh writes on a new server: no BACKUP_REPOSITORY yet (the backups are set up after
  // installing, deploy/README.md section 5), so `config check` must pass without it.
  const serverSettings = () =>
    settings("env", [
      `DATABASE_URL=${dbs.appUrl}`,
      "ROOT_DOMAIN=meteo06.test",
      "SITE_URL=https://meteo06.test",
      "AUTH_SECRET=0123456789abcdef0123456789abcdef",
      "MAIL_FROM=Météo06 <noreply@meteo06.test>",
      "SMTP_URL=smtp://localhost:25",
      "MEDIA_DIR=/var/lib/meteo06/media",
    ]);

  // Each CLI start-up takes seconds on a loaded machine: room for three.
  it("accepts MAIL_FROM=Météo06 <noreply@…> unquoted: config check passes, config get reads it", {
    timeout: 180_000,
  }, async () => {
    const file = serverSettings();
    const check = await runCli(["config", "check"], { METEO_ENV_FILE: file, NODE_ENV: "production" });
    expect(check.stderr).toBe("");
    expect(check.stdout.trim()).toBe(`settings OK (${file})`);
    expect(check.code).toBe(0);

    const from = await runCli(["config", "get", "MAIL_FROM"], { METEO_ENV_FILE: file });
    expect(from.stdout).toBe("Météo06 <noreply@meteo06.test>\n");
    const missing = await runCli(["config", "get", "ALERT_EMAILS"], { METEO_ENV_FILE: file });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("error: ALERT_EMAILS is not set");
  });

  it("runs `meteo users add` (the README's first step after installing) with the database of the file", async () => {
    const users = await runCli(
      ["users", "add", "--email", "admin@meteo06.test", "--name", "Admin", "--role", "admin"],
      { METEO_ENV_FILE: serverSettings() },
      "un mot de passe assez long\nun mot de passe assez long\n",
    );
    expect(users.code, users.stderr).toBe(0);
    expect(await dbs.prisma.user.count({ where: { email: "admin@meteo06.test" } })).toBe(1);
  });

  it("names each missing or malformed setting on one line, and exits non-zero", async () => {
    const file = settings("broken", [
      "DATABASE_URL=postgres://meteo06@127.0.0.1/meteo06",
      "ROOT_DOMAIN=meteo06.test",
      "MAIL_FROM=Météo06 noreply",
      "MEDIA_DIR=.data/media",
      "ALERT_EMAILS=astreinte",
      "PARTNER_SECRET_KEY=trop-courte",
      'SMTP_URL="smtp://localhost:25',
      "une ligne sans signe égal",
    ]);
    const check = await runCli(["config", "check"], { METEO_ENV_FILE: file, NODE_ENV: "production" });
    expect(check.code).toBe(1);
    expect(check.stdout).toBe("");
    expect(check.stderr.trim().split("\n")).toEqual([
      `error: ${file} line 8: SMTP_URL has no closing "`,
      `error: ${file} line 9: "une ligne sans signe égal" is not KEY=value`,
      "error: DATABASE_URL must look like mysql://user:password@host:3306/database",
      "error: ALERT_EMAILS must be e-mail addresses separated by commas",
      'error: MEDIA_DIR must be an absolute path such as /var/lib/meteo06/media (got ".data/media")',
      "error: AUTH_SECRET is missing: it signs login sessions (e.g. `openssl rand -base64 32`)",
      "error: PARTNER_SECRET_KEY must be 32 random bytes in base64 or hex (e.g. `openssl rand -base64 32`)",
      'error: MAIL_FROM must be an address, optionally with a name: Météo06 <noreply@meteo06.fr> (got "Météo06 noreply")',
    ]);
  });

  it("says so in one line when METEO_ENV_FILE names no file", async () => {
    const result = await runCli(["config", "check"], { METEO_ENV_FILE: path.join(root, "absent") });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`error: METEO_ENV_FILE: ${path.join(root, "absent")} does not exist`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/passwords";
import { loadWeewxFixture } from "../helpers/archives";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

let dbs: TestDatabases;
let env: Record<string, string>;

beforeAll(async () => {
  dbs = await createTestDatabases();
  env = { DATABASE_URL: dbs.appUrl, ROOT_DOMAIN: "meteo06.fr" };
  await loadWeewxFixture(dbs.admin, `${dbs.prefix}pessicart`);
});
afterAll(() => dbs?.drop());

describe("meteo CLI", () => {
  it("prints help for the whole CLI and each command", async () => {
    const help = await runCli(["--help"], env);
    expect(help.code).toBe(0);
    for (const command of ["migrate", "demo", "stations", "users"]) expect(help.stdout).toContain(command);
    const add = await runCli(["stations", "add", "--help"], env);
    expect(add.stdout).toMatch(/--archive-db <database>/);
  });

  it("migrates (nothing left to do on a migrated database)", async () => {
    const result = await runCli(["migrate"], env);
    expect(result.stdout).toMatch(/already up to date/);
    expect(result.code).toBe(0);
    const status = await runCli(["migrate", "status"], env);
    expect(status.stdout).toMatch(/20261125000000_init\s+applied/);
  });

  it("adds, lists and removes a station", async () => {
    const add = await runCli(
      [
        "stations",
        "add",
        "--slug",
        "nice-pessicart",
        "--name",
        "Nice – Pessicart",
        "--archive-db",
        `${dbs.prefix}pessicart`,
        "--lat",
        "43.726",
        "--lon",
        "7.244",
        "--altitude",
        "230",
        "--zone",
        "littoral",
      ],
      env,
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toContain("https://nice-pessicart.meteo06.fr/");
    expect(add.code).toBe(0);
    const station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "nice-pessicart" } });
    expect(station).toMatchObject({
      latitude: 43.726,
      longitude: 7.244,
      altitude: 230,
      timezone: "Europe/Paris",
      zone: "COAST",
    });

    const list = await runCli(["stations", "list"], env);
    expect(list.code).toBe(0);
    // The fixture's newest record is from January 2025: the list says how old it is.
    expect(list.stdout).toMatch(/nice-pessicart\s+Nice – Pessicart\s+\S+pessicart\s+yes\s+\d+ j \d+ h ago/);

    const duplicate = await runCli(
      ["stations", "add", "--slug", "nice-pessicart", "--name", "x", "--archive-db", "weewx_other"],
      env,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already uses that slug/);

    const remove = await runCli(["stations", "remove", "nice-pessicart"], env);
    expect(remove.stdout).toMatch(/left untouched/);
    expect(await dbs.prisma.station.count()).toBe(0);
    const [[{ n }]] = await dbs.admin.query<import("mysql2").RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM ??.archive",
      [`${dbs.prefix}pessicart`],
    );
    expect(Number(n)).toBe(2025);
  });

  it("warns when the archive database does not exist yet", async () => {
    const add = await runCli(
      ["stations", "add", "--slug", "levens", "--name", "Levens", "--archive-db", "weewx_not_there_yet"],
      env,
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(/warning: archive database weewx_not_there_yet does not exist/);
  });

  it.each([
    [
      ["stations", "add", "--slug", "Bad_Slug", "--name", "x", "--archive-db", "db"],
      /--slug must be lower-case/,
    ],
    [["stations", "add", "--slug", "www", "--name", "x", "--archive-db", "db"], /reserved/],
    [["stations", "add", "--slug", "ok", "--name", "x", "--archive-db", "db; drop"], /--archive-db must be/],
    [
      ["stations", "add", "--slug", "ok", "--name", "x", "--archive-db", "db", "--lat", "north"],
      /--lat must be a number/,
    ],
    [
      ["stations", "add", "--slug", "ok", "--name", "x", "--archive-db", "db", "--lat", "95"],
      /--lat must be between/,
    ],
    [
      ["stations", "add", "--slug", "ok", "--name", "x", "--archive-db", "db", "--timezone", "Mars/Olympus"],
      /IANA time zone/,
    ],
    [
      ["stations", "add", "--slug", "ok", "--name", "x", "--archive-db", "db", "--zone", "sea"],
      /--zone must be/,
    ],
    [["stations", "remove", "nowhere"], /unknown station "nowhere"/],
    [["users", "add", "--email", "not-an-email", "--name", "x"], /--email must be an e-mail/],
    [["users", "add", "--email", "a@b.fr", "--name", "x", "--role", "king"], /--role must be/],
  ])("refuses bad input %j", async (args, message) => {
    const result = await runCli(args, env, "a-long-enough-password\n");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(result.code).not.toBe(0);
  });

  it("exits with a usage error on unknown commands and options", async () => {
    const result = await runCli(["stations", "fly"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });

  it("creates users with the password read from stdin, never from an argument", async () => {
    const result = await runCli(
      ["users", "add", "--email", "Editeur@Meteo06.fr", "--name", "Éd", "--role", "editor"],
      env,
      "correct horse battery\n",
    );
    expect(result.stdout).toMatch(/User editeur@meteo06.fr created \(editor\)/);
    const user = await dbs.prisma.user.findUniqueOrThrow({ where: { email: "editeur@meteo06.fr" } });
    expect(user.role).toBe("EDITOR");
    expect(await verifyPassword(user.passwordHash, "correct horse battery")).toBe(true);
    expect(user.passwordHash).not.toContain("correct horse");

    const short = await runCli(["users", "add", "--email", "x@meteo06.fr", "--name", "X"], env, "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const again = await runCli(
      ["users", "add", "--email", "editeur@meteo06.fr", "--name", "Éd"],
      env,
      "correct horse battery\n",
    );
    expect(again.stderr).toMatch(/already exists/);
  });

  it("explains an unreachable database and a missing configuration", async () => {
    const down = await runCli(["stations", "list"], { DATABASE_URL: "mysql://root@127.0.0.1:1/meteo06" });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach the app database at 127.0.0.1:1 \(ECONNREFUSED\)/);
    const missing = await runCli(["stations", "list"], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/DATABASE_URL is missing/);
    const badRoot = await runCli(["stations", "list"], { ...env, ROOT_DOMAIN: "https://meteo06.fr" });
    expect(badRoot.stderr).toMatch(/ROOT_DOMAIN must be a bare host name/);
  });
});

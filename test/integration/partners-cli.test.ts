import { randomBytes } from "node:crypto";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { runCli } from "../helpers/cli";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/** `partners send --dry-run` on the demo stations, and the CLI's answers to bad input. */

const NOW = Date.parse("2026-06-21T10:02:00Z") / 1000;
let dbs: TestDatabases;
let env: Record<string, string>;

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  await seedDemo(dbs.prisma, dbs.admin, { now: NOW, historyDays: 2, archivePrefix: dbs.prefix });
  env = { DATABASE_URL: dbs.appUrl, PARTNER_SECRET_KEY: process.env.PARTNER_SECRET_KEY };
});
afterAll(() => dbs?.drop());

/** The newest demo record, converted here with textbook formulas (not lib/archive/units). */
async function newest(archiveDatabase: string) {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>(
    "SELECT dateTime, usUnits, outTemp, barometer, rain FROM ??.archive ORDER BY dateTime DESC LIMIT 1",
    [dbs.prefix + archiveDatabase],
  );
  const us = row.usUnits === 1;
  return {
    dateTime: Number(row.dateTime),
    temperature: us ? ((row.outTemp - 32) * 5) / 9 : row.outTemp,
    pressure: us ? row.barometer * 33.86389 : row.barometer,
    rain: us ? row.rain * 25.4 : row.usUnits === 16 ? row.rain * 10 : row.rain,
  };
}

const one = (value: number) => {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
  return (rounded === 0 ? 0 : rounded).toFixed(1);
};

describe("partners send --dry-run on the demo", () => {
  it("prints a correct StatIC file and ROMMA URL for each demo station, and sends nothing", async () => {
    const result = await runCli(["partners", "send", "--dry-run", "--at", "2026-06-21T10:02:00Z"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const [index, station] of DEMO_STATIONS.entries()) {
      const latest = await newest(station.archiveDatabase);
      expect(latest.dateTime).toBe(Date.parse("2026-06-21T10:00:00Z") / 1000);
      const staticId = `meteo06_${station.slug.replace(/-/g, "_")}`;
      const block = result.stdout.split("=== ").find((b) => b.startsWith(`${station.slug} · StatIC`))!;
      expect(block).toContain(`(id ${staticId}, disabled) ===`);
      expect(block).toContain(`# fichier à déposer : ftp://127.0.0.1:9/StatIC_${staticId}.txt\n`);
      expect(block).toContain(`id_station=${staticId}\n`);
      expect(block).toContain("date_releve=21/06/2026\nheure_releve_utc=10h00\n");
      expect(block).toContain(`\ntemperature=${one(latest.temperature)}\n`);
      expect(block).toContain(`\npression=${one(latest.pressure)}\n`);
      expect(block).toMatch(/\nvent_dir_moy=(\d{1,3})?\nvent_moyen=\d+\.\d\nvent_rafales=\d+\.\d\n/);
      expect(block).toContain(
        station.profile.solar ? "radiations_solaires_wlk=" : "radiations_solaires_wlk=\n",
      );

      const romma = result.stdout.split("=== ").find((b) => b.startsWith(`${station.slug} · ROMMA`))!;
      const urls = romma.split("\n").filter((line) => line.startsWith("GET "));
      expect(urls).toHaveLength(1); // a new feed starts with the newest record
      const url = new URL(urls[0].slice(4));
      expect(url.origin + url.pathname).toBe("http://127.0.0.1:9/donneesdeweewx.php");
      expect(url.searchParams.get("id")).toBe(String(9001 + index));
      expect(url.searchParams.get("pwd")).toBe("********");
      expect(url.searchParams.get("date")).toBe(String(latest.dateTime));
      expect(url.searchParams.get("temp_e")).toBe(one(latest.temperature));
      expect(url.searchParams.get("pluie")).toBe(one(latest.rain));
    }
    expect(result.stdout).not.toMatch(/demo-password/);
    expect(await dbs.prisma.partnerAttempt.count()).toBe(0);
    expect(await dbs.prisma.jobRun.count()).toBe(0);
  });

  it("sends nothing for disabled feeds", async () => {
    const result = await runCli(["partners", "send"], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("No enabled partner feed for this selection.\n");
    expect(await dbs.prisma.partnerAttempt.count()).toBe(0);
  });

  it("lists the feeds with masked logins", async () => {
    const result = await runCli(["partners", "list"], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /villefranche\s+StatIC\s+meteo06_villefranche\s+no\s+de••••••\s+ftp:\/\/127\.0\.0\.1:9\//,
    );
    expect(result.stdout).not.toContain("demo-villefranche");
  });
});

describe("bad input", () => {
  it.each([
    [
      ["partners", "send", "--partner", "meteofrance"],
      'error: --partner must be static or romma (got "meteofrance")',
    ],
    [
      ["partners", "send", "--at", "hier"],
      'error: --at must be an ISO date-time such as 2026-01-15T14:30:00Z (got "hier")',
    ],
    [["partners", "send", "--at", "2026-13-45T99:00"], "error: --at must be an ISO date-time"],
    [
      ["partners", "send", "--station", "atlantis"],
      'error: unknown station "atlantis" (see `stations list`)',
    ],
    [["partners", "prune", "--days", "-1"], "error: --days must be a number of days greater than 0"],
  ])("%j", async (args, message) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });

  it("names a bad setting", async () => {
    const result = await runCli(["partners", "send", "--dry-run"], {
      ...env,
      PARTNER_TIMEOUT_SECONDS: "never",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: PARTNER_TIMEOUT_SECONDS must be a number\n");
  });
});

import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/passwords";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_STATIONS, DEMO_USERS } from "@/lib/demo/stations";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

let dbs: TestDatabases;
const now = Date.UTC(2025, 10, 20, 12, 2) / 1000;

beforeAll(async () => {
  dbs = await createTestDatabases();
});
afterAll(() => dbs?.drop());

async function count(database: string) {
  const [[row]] = await dbs.admin.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n, MAX(dateTime) AS newest, MIN(usUnits) AS units FROM ??.archive",
    [database],
  );
  return { n: Number(row.n), newest: Number(row.newest), units: Number(row.units) };
}

describe("demo seed", () => {
  it("creates the three stations with archives up to now, and one user per role", async () => {
    await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 2, archivePrefix: dbs.prefix });
    const stations = await dbs.prisma.station.findMany({ orderBy: { slug: "asc" } });
    expect(stations.map((s) => s.slug)).toEqual(["la-colmiane", "nice-pessicart", "villefranche"]);
    const altitudes = Object.fromEntries(stations.map((s) => [s.slug, s.altitude]));
    expect(altitudes["la-colmiane"]).toBeGreaterThanOrEqual(1400);
    for (const station of DEMO_STATIONS) {
      const archive = await count(dbs.prefix + station.archiveDatabase);
      expect(archive.newest).toBe(now - (now % 300)); // the latest 5-minute boundary
      expect(archive.n).toBeGreaterThan(2 * 288 * 0.95);
      expect(archive.units).toBe(station.profile.usUnits);
    }
    const users = await dbs.prisma.user.findMany({ include: { stations: true } });
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(["ADMIN", "EDITOR", "AUTHOR"]));
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email)!;
      expect(await verifyPassword(user.passwordHash, demo.password)).toBe(true);
    }
    expect(users.find((u) => u.email === "colmiane@meteo06.test")!.stations).toHaveLength(1);
  });

  it("re-running only appends what is new", async () => {
    const database = dbs.prefix + DEMO_STATIONS[0].archiveDatabase;
    const before = await count(database);
    await seedDemo(dbs.prisma, dbs.admin, { now, historyDays: 2, archivePrefix: dbs.prefix });
    expect(await count(database)).toEqual(before);
    await seedDemo(dbs.prisma, dbs.admin, { now: now + 3600, historyDays: 2, archivePrefix: dbs.prefix });
    const after = await count(database);
    expect(after.n).toBe(before.n + 12);
    expect(after.newest).toBe(before.newest + 3600);
    expect(await dbs.prisma.user.count()).toBe(DEMO_USERS.length);
    expect(await dbs.prisma.station.count()).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoLightning } from "@/lib/demo/lightning";
import { DEMO_STATIONS } from "@/lib/demo/stations";
import { demoStrikes } from "@/lib/lightning/demo";
import { stationActivity } from "@/lib/lightning/queries";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/** The demo's synthetic strikes go through the real storage path, and topping up adds only new ones. */

let dbs: TestDatabases;
const NOW = Date.UTC(2026, 7, 20, 15, 0);

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  for (const s of DEMO_STATIONS) {
    await dbs.prisma.station.create({
      data: {
        slug: s.slug,
        name: s.name,
        shortName: s.shortName,
        commune: s.commune,
        latitude: s.profile.latitude,
        longitude: s.profile.longitude,
        altitude: s.profile.altitude,
        archiveDatabase: `${dbs.prefix}${s.archiveDatabase}`,
      },
    });
  }
});
afterAll(() => dbs?.drop());

describe("demo lightning", () => {
  it("stores the generator's strikes once, with their distances, and tops up", async () => {
    const added = await seedDemoLightning(NOW, 3);
    const expected = demoStrikes(NOW - 3 * 86_400_000, NOW, { liveSinceMs: NOW - 7 * 86_400_000 });
    expect(added).toBe(expected.length);
    expect(await dbs.prisma.lightningStrike.count()).toBe(expected.length);
    expect(await seedDemoLightning(NOW, 3)).toBe(0);
    const later = await seedDemoLightning(NOW + 10 * 60_000, 3);
    expect(later).toBe(demoStrikes(NOW, NOW + 10 * 60_000, { liveSinceMs: NOW - 7 * 86_400_000 }).length);
    // The live cell keeps a storm around Nice: every station page has a panel.
    const stations = await dbs.prisma.station.findMany();
    for (const station of stations) {
      expect(await stationActivity(station.id, NOW), station.slug).not.toBeNull();
    }
  });
});

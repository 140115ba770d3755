import { seedDemo } from "@/lib/demo/seed";
import { createTestDatabases, type TestDatabases } from "./db";

/** Test databases with the demo seeded: stations, users of every role, articles, `historyDays` of archives. */
export async function createDemoDatabases(historyDays = 2): Promise<TestDatabases> {
  const dbs = await createTestDatabases();
  await seedDemo(dbs.prisma, dbs.admin, {
    now: Math.floor(Date.now() / 1000),
    historyDays,
    archivePrefix: dbs.prefix,
  });
  return dbs;
}

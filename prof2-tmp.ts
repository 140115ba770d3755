export {};

process.env.DATABASE_URL = "mysql://root@127.0.0.1:3306/meteo06_bench_issue_5";
const { db, appSqlPool } = await import("./lib/db");
const { CLIMATE_HOUR_COLUMNS } = await import("./lib/climate/daily");
const { readHours } = await import("./lib/aggregates/store");
const { changedDays } = await import("./lib/climate/job");
const station = await db().station.findUniqueOrThrow({ where: { slug: "bench" } });
const pool = appSqlPool();
async function prof(name: string, fn: () => Promise<unknown>) {
  await fn();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(
    name,
    "wall",
    ((performance.now() - t0) / 3).toFixed(0),
    "cpu",
    ((c.user + c.system) / 3000).toFixed(0),
  );
}
const from = Date.UTC(2024, 0, 1) / 1000,
  to = Date.UTC(2025, 0, 1) / 1000;
await prof("readHours", () => readHours(pool, station.id, from, to, CLIMATE_HOUR_COLUMNS));
const hours = await readHours(pool, station.id, from, to, CLIMATE_HOUR_COLUMNS);
await prof("changedDays", async () =>
  changedDays("2024-01-02", "2024-12-30", hours, Date.UTC(2026, 0, 3) / 1000),
);
process.exit(0);

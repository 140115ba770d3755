export {};

process.env.DATABASE_URL = "mysql://root@127.0.0.1:3306/meteo06_bench_issue_5";
const { db, appSqlPool } = await import("./lib/db");
const { rebuildClimate, changedDays } = await import("./lib/climate/job");
const { readHours } = await import("./lib/aggregates/store");
const { CLIMATE_HOUR_COLUMNS } = await import("./lib/climate/daily");
const station = await db().station.findUniqueOrThrow({ where: { slug: "bench" } });
const AT = Date.UTC(2026, 0, 3) / 1000;
let c0 = process.cpuUsage();
let t0 = performance.now();
const hours = await readHours(
  appSqlPool(),
  station.id,
  Date.UTC(2024, 0, 1) / 1000,
  Date.UTC(2025, 0, 1) / 1000,
  CLIMATE_HOUR_COLUMNS,
);
let c = process.cpuUsage(c0);
console.log(
  "read 1y hours",
  hours.length,
  (performance.now() - t0).toFixed(0),
  "ms cpu",
  ((c.user + c.system) / 1000).toFixed(0),
);
c0 = process.cpuUsage();
t0 = performance.now();
const r = changedDays("2024-01-02", "2024-12-30", hours, AT);
c = process.cpuUsage(c0);
console.log(
  "compute 1y",
  r.rows.length,
  (performance.now() - t0).toFixed(0),
  "ms cpu",
  ((c.user + c.system) / 1000).toFixed(0),
);
c0 = process.cpuUsage();
t0 = performance.now();
const res = await rebuildClimate(station, { at: AT });
c = process.cpuUsage(c0);
console.log(
  "rebuild",
  res.computed,
  (performance.now() - t0).toFixed(0),
  "ms cpu",
  ((c.user + c.system) / 1000).toFixed(0),
);
process.exit(0);

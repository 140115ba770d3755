import mysql from "mysql2/promise";
import { aggregateStations, updateAggregates } from "@/lib/aggregates/job";
import { archives } from "@/lib/archive/reader";
import { connectionOptions } from "@/lib/config/settings";
import { db } from "@/lib/db/client";
import { faultyNetwork, scoreVerdicts } from "@/lib/demo/qc-faults";
import { writeDemoArchive } from "@/lib/demo/seed";
import type { Station } from "@/lib/generated/prisma/client";
import { checkRecords } from "@/lib/qc/checks";
import { checkPeriod, SharedReads } from "@/lib/qc/job";
import { recomputeQuality } from "@/lib/qc/recompute";
import { BENCH_END, BENCH_PROFILE, ensureBenchArchive } from "../fixtures";
import { type Measurement, measure, printTable, type Suite } from "../lib";

/**
 * Quality control (lib/qc): detection rate and false-flag rate on the faulty test network
 * (lib/demo/qc-faults.ts), the incremental run of the aggregates job on 10 stations after five new
 * minutes each (target < 1 s), and a full recompute of the 10-year bench archive (target < 60 s).
 */

const STATIONS = 10;
const INCREMENTAL = "aggregates job (checks included), 10 stations, 5 new minutes";
const FULL = "full recompute, 10 years of one station";
/** The targets on this machine (milliseconds). */
const TARGETS: [string, number][] = [
  [INCREMENTAL, 1000],
  [FULL, 60_000],
];
const archiveOf = (i: number) => `meteo06_bench_qc_${i}`;

export const suite: Suite = {
  name: "qc",
  async run() {
    // Detection on the faulty network (pure, in memory).
    const network = faultyNetwork(Date.UTC(2026, 2, 1) / 1000);
    const context = {
      now: network.now,
      latitude: network.profile.latitude,
      longitude: network.profile.longitude,
      altitude: network.profile.altitude,
      temperatureLimits: network.temperatureLimits,
      neighbours: network.neighbours,
    };
    const score = scoreVerdicts(network, checkRecords(network.records, context));
    console.log(
      `\nQuality control on the faulty network (${network.records.length} records, ${network.faults.length} faults, ${network.extremes.length} real extremes):`,
    );
    for (const caught of score.caught)
      console.log(
        `  ${caught.verdicts > 0 ? "caught " : "MISSED "} ${caught.fault.kind} (${caught.verdicts}/${caught.records} flagged)`,
      );
    console.log(
      `  detection rate ${(100 * score.detectionRate).toFixed(0)} % (target 100 %), false-flag rate ${(100 * score.falseFlagRate).toFixed(4)} % (${score.falseFlags.length} values; target < 0.2 %), flags on real extremes: ${score.extremeFlags.length} (target 0)`,
    );

    const { database: _database, ...options } = connectionOptions(process.env.BENCH_SERVER_URL!);
    const writer = mysql.createPool({ ...options, connectionLimit: 2 });
    await ensureBenchArchive(writer);
    const prisma = db();
    const bench = await prisma.station.findUniqueOrThrow({ where: { slug: "bench" } });

    // Ten stations a few kilometres apart under the same weather, four days of records each.
    const stations: Station[] = [];
    for (let i = 0; i < STATIONS; i++) {
      const profile = { ...BENCH_PROFILE, altitude: 10 + 90 * i };
      await writeDemoArchive(writer, archiveOf(i), profile, BENCH_END - 4 * 86400, BENCH_END);
      await writer.query("DELETE FROM ??.archive WHERE dateTime > ?", [archiveOf(i), BENCH_END]);
      const data = {
        slug: `qc-bench-${i}`,
        name: `Contrôle qualité ${i}`,
        shortName: `QC ${i}`,
        commune: "Nice",
        latitude: BENCH_PROFILE.latitude + 0.01 * i,
        longitude: BENCH_PROFILE.longitude,
        altitude: profile.altitude,
        archiveDatabase: archiveOf(i),
        active: true,
      };
      stations.push(await prisma.station.upsert({ where: { slug: data.slug }, create: data, update: data }));
    }
    await prisma.aggregateState.deleteMany({ where: { stationId: { in: stations.map((s) => s.id) } } });
    for (const station of stations) await updateAggregates(station, { now: BENCH_END });

    let appended = BENCH_END;
    const append = async () => {
      for (let i = 0; i < STATIONS; i++)
        await writeDemoArchive(
          writer,
          archiveOf(i),
          { ...BENCH_PROFILE, altitude: 10 + 90 * i },
          appended,
          appended + 300,
        );
      appended += 300;
    };
    const results: Measurement[] = await measure(
      {
        "SELECT 1 round trip": () => writer.query("SELECT 1"),
        "checks of 10 stations' new 5 minutes (one job run's reads)": {
          beforeEach: append,
          fn: async () => {
            const shared = new SharedReads(archives());
            for (const station of stations)
              await checkPeriod(station, appended - 300, appended, { now: appended, shared });
          },
        },
        [INCREMENTAL]: {
          beforeEach: append,
          fn: () => aggregateStations("update", stations, { now: appended }),
        },
      },
      { time: 4000, iterations: 10, warmupIterations: 2 },
    );

    // Ten years of one station, once (neighbours: the ten stations above, whose archives are short).
    const started = performance.now();
    const full = await recomputeQuality(bench, {}, { now: BENCH_END });
    const fullMs = performance.now() - started;
    results.push({
      name: FULL,
      p50: fullMs,
      p99: fullMs,
      opsPerSecond: 1000 / fullMs,
      note: `${full.flags} flags, ${full.changedHours} hours re-aggregated, one run`,
    });
    for (const [name, targetMs] of TARGETS) {
      const row = results.find((r) => r.name === name)!;
      const verdict = row.p50 < targetMs ? "met" : "NOT MET";
      row.note = [row.note, `target p50 < ${targetMs / 1000} s: ${verdict}`].filter(Boolean).join("; ");
    }

    for (let i = 0; i < STATIONS; i++) await writer.query("DROP DATABASE IF EXISTS ??", [archiveOf(i)]);
    await prisma.station.deleteMany({ where: { id: { in: stations.map((s) => s.id) } } });
    await writer.end();
    printTable("Quality control", results, "SELECT 1 round trip");
  },
};

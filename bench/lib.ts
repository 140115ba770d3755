import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Bench } from "tinybench";
import { ensureDebianProgram } from "@/scripts/dev/apt";

/**
 * Shared benchmark plumbing: each suite measures its operations next to a baseline measured in the
 * same run, and prints a table of latencies with the ratio to that baseline.
 */

export interface Measurement {
  name: string;
  p50: number;
  p99: number;
  opsPerSecond: number;
  /** Free-form note printed in the last column (query counts, row counts…). */
  note?: string;
}

type Task = () => unknown | Promise<unknown>;

/** Measures each task; a task may prepare every iteration outside the timing (`beforeEach`). */
export async function measure(
  tasks: Record<string, Task | { fn: Task; beforeEach: Task }>,
  // `iterations`: the minimum number of runs (lower it for slow operations: tinybench's default is 64).
  { time = 1500, warmupTime = 300, iterations = 64, warmupIterations = 16 } = {},
): Promise<Measurement[]> {
  const bench = new Bench({ time, warmupTime, iterations, warmupIterations });
  for (const [name, task] of Object.entries(tasks)) {
    if (typeof task === "function") bench.add(name, task);
    else bench.add(name, task.fn, { beforeEach: async () => void (await task.beforeEach()) });
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed") throw new Error(`benchmark "${task.name}" failed: ${result.state}`);
    return {
      name: task.name,
      p50: result.latency.p50,
      p99: result.latency.p99,
      opsPerSecond: result.throughput.mean,
    };
  });
}

const ms = (value: number) =>
  value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0);

/** Prints `rows` with each p50 divided by the baseline's p50. */
export function printTable(title: string, rows: Measurement[], baseline: string): void {
  const base = rows.find((row) => row.name === baseline);
  if (!base) throw new Error(`baseline "${baseline}" not measured`);
  const table = rows.map((row) => ({
    operation: row.name,
    "p50 ms": ms(row.p50),
    "p99 ms": ms(row.p99),
    "ops/s": row.opsPerSecond.toFixed(0),
    "× baseline": row === base ? "1 (baseline)" : (row.p50 / base.p50).toFixed(1),
    note: row.note ?? "",
  }));
  const headers = Object.keys(table[0]) as (keyof (typeof table)[0])[];
  const widths = headers.map((h) => Math.max(h.length, ...table.map((r) => r[h].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(headers));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of table) console.log(line(headers.map((h) => row[h])));
}

export interface Suite {
  name: string;
  run(): Promise<void>;
}

export interface Throughput {
  name: string;
  requestsPerSecond: number;
  p50: string;
  p99: string;
  errors: string;
}

/**
 * wrk against one URL: 50 connections for 20 s, one thread (the server keeps a core of the machine's
 * two) unless told otherwise; `script`, a wrk Lua file, may choose each request (a mixed load). Installs
 * Debian's wrk when missing and we are root. Asynchronous, so that the bench keeps reading the output of
 * the app it started (a full pipe would stop the app when it logs).
 */
export async function wrk(
  name: string,
  url: string,
  host?: string,
  { threads = 1, seconds = 20, script }: { threads?: number; seconds?: number; script?: string } = {},
): Promise<Throughput> {
  const program = ensureDebianProgram("wrk", "wrk", "throughput benchmarks");
  const { stdout: output } = await promisify(execFile)(
    program,
    [
      `-t${threads}`,
      "-c50",
      `-d${seconds}s`,
      "--latency",
      ...(host ? ["-H", `Host: ${host}`] : []),
      ...(script ? ["-s", script] : []),
      url,
    ],
    { encoding: "utf8", maxBuffer: 1024 * 1024 },
  );
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0);
  const p50 = /\s50%\s+([\d.]+\w+)/.exec(output)?.[1] ?? "?";
  const p99 = /\s99%\s+([\d.]+\w+)/.exec(output)?.[1] ?? "?";
  // "Socket errors: connect 0, read 0, write 0, timeout 18" → "timeout 18"
  const socket = /Socket errors: (.*)/
    .exec(output)?.[1]
    .split(/,\s*/)
    .filter((part) => !/ 0$/.test(part))
    .join(", ");
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1];
  const errors = [socket, non2xx && `${non2xx} non-2xx`].filter(Boolean).join(", ") || "0";
  return { name, requestsPerSecond, p50, p99, errors };
}

/** Prints wrk results with each one's ratio to the baseline (a static file of the same server). */
export function printThroughput(rows: Throughput[], baseline: Throughput) {
  console.log("\nThroughput — wrk, 1 thread (the machine has 2 cores), 50 connections, 20 s\n");
  console.log("| target | requests/s | p99 | errors | × static file |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const row of [baseline, ...rows]) {
    const ratio =
      row === baseline ? "1 (baseline)" : (row.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    console.log(
      `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${row.p99} | ${row.errors} | ${ratio} |`,
    );
  }
}

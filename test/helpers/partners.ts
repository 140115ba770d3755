import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { FileSystem, FtpSrv } from "ftp-srv";
import type { Pool } from "mysql2/promise";
import { createArchiveTableSql, WVIEW_EXTENDED_COLUMNS } from "@/lib/archive/schema";
import { freePort } from "./app";

/**
 * Partner-feed test kit: WeeWX archives written in a chosen unit system from metric values (with this
 * file's own conversions, independent of lib/archive/units), a real FTP server (ftp-srv), a server that
 * accepts connections and never answers, and an HTTP server that plays ROMMA.
 */

type Group = "temperature" | "pressure" | "speed" | "rain";
const GROUP: Record<string, Group> = {
  outTemp: "temperature",
  dewpoint: "temperature",
  windchill: "temperature",
  humidex: "temperature",
  lowOutTemp: "temperature",
  highOutTemp: "temperature",
  extraTemp1: "temperature",
  soilTemp1: "temperature",
  barometer: "pressure",
  windSpeed: "speed",
  windGust: "speed",
  rain: "rain",
  rainRate: "rain", // per hour: the same factor
};
const TO_RAW: Record<number, Partial<Record<Group, (v: number) => number>>> = {
  1: {
    temperature: (c) => c * 1.8 + 32,
    pressure: (hPa) => hPa / 33.86389,
    speed: (kmh) => kmh / 1.609344,
    rain: (mm) => mm / 25.4,
  },
  16: { rain: (mm) => mm / 10 }, // METRIC: rain in centimetres
  17: { speed: (kmh) => kmh / 3.6 }, // METRICWX: wind in m/s
};

export type MetricRow = { dateTime: number } & Record<string, number | null>;

/** Creates `database`.archive (wview_extended plus `extraColumns`, or exactly `columns`) with these rows. */
export async function writeArchive(
  admin: Pool,
  database: string,
  usUnits: 1 | 16 | 17,
  rows: readonly MetricRow[],
  options: { columns?: readonly string[]; extraColumns?: readonly string[] } = {},
): Promise<void> {
  const columns = options.columns ?? [...WVIEW_EXTENDED_COLUMNS, ...(options.extraColumns ?? [])];
  await admin.query("CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4", [database]);
  await admin.query(createArchiveTableSql(database, columns));
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((f) => f !== "dateTime");
  for (const field of fields) {
    if (!columns.includes(field)) throw new Error(`test archive ${database} has no column ${field}`);
  }
  const values = rows.map((row) => [
    row.dateTime,
    usUnits,
    5,
    ...fields.map((field) => {
      const value = row[field];
      if (value == null) return null;
      const convert = TO_RAW[usUnits][GROUP[field]];
      return convert ? convert(value) : value;
    }),
  ]);
  await admin.query("INSERT INTO ??.archive (??) VALUES ?", [
    database,
    ["dateTime", "usUnits", "interval", ...fields],
    values,
  ]);
}

export interface FtpTestServer {
  url: string;
  /** The folder the server writes into. */
  root: string;
  /** "STOR <file name>" / "RNTO <file name>" in the order the server handled them. */
  events: string[];
  close(): Promise<void>;
}

const silentLog: Record<string, unknown> = {};
for (const level of ["trace", "debug", "info", "warn", "error", "fatal"]) silentLog[level] = () => {};
silentLog.child = () => silentLog;

/** A real FTP server (passive mode) on loopback accepting one login. */
export async function startFtpServer(
  username: string,
  password: string,
  options: { refuseOverwrite?: boolean } = {},
): Promise<FtpTestServer> {
  const root = mkdtempSync(path.join(tmpdir(), "m06-ftp-"));
  const port = await freePort();
  const pasvMin = 20000 + Math.floor(Math.random() * 30000);
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: "127.0.0.1",
    pasv_min: pasvMin,
    pasv_max: pasvMin + 1000,
    anonymous: false,
    greeting: "test FTP server",
    // biome-ignore lint/suspicious/noExplicitAny: ftp-srv expects a bunyan logger
    log: silentLog as any,
  });
  const events: string[] = [];
  /** Refuses to rename over an existing file, as some FTP servers do. */
  class NoOverwriteFileSystem extends FileSystem {
    rename(from: string, to: string) {
      if (existsSync(path.join(root, path.basename(to)))) return Promise.reject(new Error("File exists"));
      return super.rename(from, to);
    }
    delete(file: string) {
      events.push(`DELE ${path.basename(file)}`);
      return super.delete(file);
    }
  }
  server.on("login", ({ connection, username: user, password: pass }, resolve, reject) => {
    if (user !== username || pass !== password) return reject(new Error("Login incorrect"));
    const log = (command: string) => (error: unknown, file: string) =>
      events.push(error ? `${command} failed` : `${command} ${path.basename(file)}`);
    connection.on("STOR", log("STOR"));
    connection.on("RNTO", log("RNTO"));
    resolve(
      options.refuseOverwrite ? { fs: new NoOverwriteFileSystem(connection, { root, cwd: "/" }) } : { root },
    );
  });
  await server.listen();
  return {
    url: `ftp://127.0.0.1:${port}/`,
    root,
    events,
    async close() {
      await server.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Accepts TCP connections and never says anything (a hung FTP or HTTP server). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type RommaReply = "success" | "error-body" | "500" | "hang";

export interface RommaTestServer {
  url: string;
  /** Every request received, in order: its query parameters. */
  requests: URLSearchParams[];
  /** The `date` of each request answered `Success`, in order. */
  acknowledged: number[];
  /** What to answer next; the last entry repeats. */
  script(replies: RommaReply[]): void;
  close(): Promise<void>;
}

/** An HTTP server that plays ROMMA's donneesdeweewx.php, following a script of replies. */
export async function startRommaServer(password: string, delayMs = 0): Promise<RommaTestServer> {
  let replies: RommaReply[] = ["success"];
  const requests: URLSearchParams[] = [];
  const acknowledged: number[] = [];
  const hung = new Set<ServerResponse>();
  const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const params = url.searchParams;
    requests.push(params);
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    const answer = () => {
      if (reply === "hang") {
        hung.add(response);
        return;
      }
      if (reply === "500") return void response.writeHead(500).end("Internal Server Error");
      if (reply === "error-body" || params.get("pwd") !== password) {
        return void response.writeHead(200).end("Erreur : station ou mot de passe inconnu");
      }
      acknowledged.push(Number(params.get("date")));
      response.writeHead(200, { "content-type": "text/html" }).end("Success");
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/donneesdeweewx.php`,
    requests,
    acknowledged,
    script(next) {
      replies = [...next];
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of hung) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

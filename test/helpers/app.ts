import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { startServer } from "@/scripts/dev/server";

/**
 * The real built app (standalone server) on a free loopback port, configured for a test database.
 * `npm test` builds it first; run `npm run build` before running e2e tests by hand.
 */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestApp {
  port: number;
  /** The server's process id (the bench reads its memory). */
  pid: number;
  /** False once the server has exited. */
  running(): boolean;
  /** http://<root domain>:<port> */
  origin: string;
  stationOrigin(slug: string): string;
  output(): string;
  stop(): Promise<void>;
}

/** `rootDomain` must be a name under .localhost (Chromium maps *.localhost to loopback). */
export async function startTestApp(env: Record<string, string>, rootDomain = "localhost"): Promise<TestApp> {
  if (!existsSync(".next/standalone/server.js")) {
    throw new Error("The app is not built: run `npm run build` (npm test does it for you)");
  }
  const port = await freePort();
  const origin = `http://${rootDomain}:${port}`;
  const child: ChildProcess = startServer(
    port,
    {
      ...process.env,
      ROOT_DOMAIN: rootDomain,
      SITE_URL: origin,
      AUTH_SECRET: "test-secret-not-for-production",
      MAP_TILES_URL: "", // nothing may be fetched outside loopback
      ...env,
    },
    "pipe",
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/connexion`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    pid: child.pid!,
    running: () => child.exitCode === null && child.signalCode === null,
    origin,
    stationOrigin: (slug) => `http://${slug}.${rootDomain}:${port}`,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // Exited, or killed by a signal (a crash: exitCode stays null then).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

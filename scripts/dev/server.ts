import { type ChildProcess, spawn } from "node:child_process";
import { APP_ENVIRONMENT, APP_NODE_OPTIONS } from "../../lib/ops/schedule";

/**
 * Environment for the standalone server. HOSTNAME must be "localhost": Next (16.4) compares the
 * rewrite URLs of proxy.ts with an origin built from HOSTNAME, but normalises loopback addresses to
 * "localhost" on the other side, so HOSTNAME=127.0.0.1 turns every station rewrite into an HTTP
 * self-proxy (vercel/next.js#94745). Node runs with the production options and environment
 * (APP_NODE_OPTIONS, APP_ENVIRONMENT).
 */
export function serverEnv(port: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...APP_ENVIRONMENT,
    ...env,
    PORT: String(port),
    HOSTNAME: "localhost",
    NODE_ENV: "production",
    NODE_OPTIONS: [env.NODE_OPTIONS, ...APP_NODE_OPTIONS].filter(Boolean).join(" "),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export function startServer(
  port: number,
  env?: NodeJS.ProcessEnv,
  stdio: "inherit" | "pipe" = "inherit",
): ChildProcess {
  return spawn(process.execPath, [".next/standalone/server.js"], { stdio, env: serverEnv(port, env) });
}

import { createServer, type IncomingMessage } from "node:http";

/**
 * A loopback stand-in for the Blitzortung participant feed (`last_strikes.php`): checks HTTP Basic
 * credentials like the real one, answers with the lines the test sets, and records each request.
 */
export interface FeedServer {
  url: string;
  username: string;
  password: string;
  /** The answer's body (one JSON strike per line). */
  body: string;
  /** Forces an HTTP status (e.g. 500) instead of the body. */
  status: number | null;
  requests: URL[];
  close(): Promise<void>;
}

export async function startFeedServer(body = ""): Promise<FeedServer> {
  const username = "meteo06";
  const password = "s3cret pass";
  const state = { body, status: null as number | null, requests: [] as URL[] };
  const authorized = (request: IncomingMessage) =>
    request.headers.authorization === `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    state.requests.push(url);
    if (!authorized(request)) {
      response.writeHead(401, { "www-authenticate": 'Basic realm="Blitzortung"' }).end("Unauthorized");
      return;
    }
    if (state.status !== null) {
      response.writeHead(state.status).end("error");
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(state.body);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}/Data/Protected/last_strikes.php`,
    username,
    password,
    get body() {
      return state.body;
    },
    set body(value: string) {
      state.body = value;
    },
    get status() {
      return state.status;
    },
    set status(value: number | null) {
      state.status = value;
    },
    requests: state.requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One feed line in the recorded format. */
export function feedLine(
  timeMs: number,
  latitude: number,
  longitude: number,
  extra: Record<string, number> = {},
) {
  return JSON.stringify({
    time: 0,
    lat: latitude,
    lon: longitude,
    alt: 0,
    pol: -1,
    mds: 2000,
    status: 0,
    ...extra,
  }).replace('"time":0', `"time":${BigInt(timeMs) * 1_000_000n}`);
}

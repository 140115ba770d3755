import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { ServerResponse } from "node:http";
import { matchesEtag } from "../security/responses";
import { interceptRequests } from "./server-requests";

/**
 * A micro-cache inside the app, in front of Next: a repeat anonymous GET or HEAD of an answer that a
 * shared cache may keep is answered from memory for up to a second, before Next sees the request. The
 * framework's own path (router, proxy.ts, reading its cache, tracing, web streams) costs more than a
 * millisecond of CPU per page even when the page is cached; this one costs a lookup and a write. nginx's
 * micro-cache (deploy/nginx/meteo06.conf) does the same in production for longer; this one serves
 * what reaches the app anyway (nginx's misses and bypasses, or no nginx at all).
 *
 * What may be kept follows nginx's rules, stricter: the request carries no cookie at all (nginx looks
 * for the session and draft-mode cookies only), no Authorization, none of Next's navigation or action
 * headers, no `_rsc` query, and is not for the back office or sign-in; the answer is a 200 with
 * `s-maxage`, neither private nor no-store nor no-cache, without Set-Cookie, varying on nothing but
 * those navigation headers. Any other method (a server action, an API write, the jobs' revalidation
 * request) empties the cache when it starts and when it ends, so an editor sees a change on the next
 * request.
 *
 * Installed by instrumentation-node.ts before lib/security/responses.ts, so that it records the bytes
 * and headers that module sends (Content-Security-Policy, ETag) and replays them untouched.
 */

/** How long an answer is replayed: Next's revalidation (and `s-maxage` seen by nginx) is off by a second at most. */
export const TTL_MS = 1000;
/** Total bytes of kept bodies: small beside the app's footprint (issue 15: RSS ≤ 400 MB). */
const BUDGET_BYTES = 8 * 1024 * 1024;
/** A bigger answer is not kept (pages are 50–150 KB). */
const ENTRY_MAX_BYTES = BUDGET_BYTES / 8;

/** Headers with which Next serves React Server Component payloads, prefetches and server actions. */
const FRAMEWORK_HEADER = /^(rsc|next-.*|x-nextjs-.*|x-middleware-.*)$/;
/** The back office and sign-in: as nginx's $meteo06_private_path. */
const PRIVATE_PATH = /^\/(admin|connexion|api\/admin|api\/auth)(\/|$)/;
/** On each answer from this cache (tests and operators tell them apart by it, as nginx's X-Cache-Status). */
export const REPLAY_HEADER = "x-micro-cache";
/** Written by Node itself on each answer. */
const CONNECTION_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/** The cache key of a request that may be served from (and stored in) the cache; undefined for any other. */
export function lookupKey(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders) {
  if ((method !== "GET" && method !== "HEAD") || !url?.startsWith("/")) return undefined;
  if (headers.cookie || headers.authorization) return undefined;
  for (const name in headers) if (FRAMEWORK_HEADER.test(name)) return undefined;
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  if (PRIVATE_PATH.test(path)) return undefined;
  if (query >= 0 && /(^|&)_rsc(=|&|$)/.test(url.slice(query + 1))) return undefined;
  // A space cannot be in the address: no Host can make its key another host's.
  return `${headers.host ?? ""} ${url}`;
}

/** Whether an answer, as sent, may be replayed to any anonymous visitor of the same address. */
export function isStorable(status: number, headers: OutgoingHttpHeaders): boolean {
  if (status !== 200 || headers["set-cookie"] !== undefined) return false;
  const directives = String(headers["cache-control"] ?? "")
    .toLowerCase()
    .split(/\s*,\s*/);
  if (directives.some((d) => d === "private" || d === "no-store" || d === "no-cache")) return false;
  if (!directives.some((d) => /^s-maxage=[1-9]\d*$/.test(d))) return false;
  const vary =
    headers.vary === undefined
      ? []
      : String(headers.vary)
          .toLowerCase()
          .split(/\s*,\s*/);
  return vary.every((name) => name === "" || FRAMEWORK_HEADER.test(name));
}

export interface Entry {
  /** Header names and values as sent, without those Node writes; Content-Length last. */
  headers: string[];
  etag: string | undefined;
  body: Buffer;
  expires: number;
}

/** The kept answers, oldest first, within BUDGET_BYTES; `generation` counts the times it was emptied. */
export class MicroCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  generation = 0;

  get(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expires > now ? entry : undefined;
  }

  set(key: string, entry: Entry, now: number): void {
    if (entry.body.length > ENTRY_MAX_BYTES) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    // Entries are kept in the order they were stored, so the first is always the next to expire.
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= BUDGET_BYTES && old.expires > now) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation++;
  }

  private delete(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }
}

/** An answer being sent by Next for a request that may be stored. */
interface Recording {
  key: string;
  generation: number;
  parts: Buffer[];
  bytes: number;
}

type Chunk = string | Uint8Array;

/** A copy of a written chunk (the writer may reuse its buffer once written). */
function copy(chunk: Chunk, encoding: unknown): Buffer {
  if (typeof chunk === "string")
    return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return Buffer.from(chunk);
}

/** The answer's headers to replay, or undefined when it may not be kept. */
function replayable(res: ServerResponse, body: Buffer): Pick<Entry, "headers" | "etag"> | undefined {
  const sent = res.getHeaders();
  if (!isStorable(res.statusCode, sent)) return undefined;
  const headers: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    if (value === undefined || CONNECTION_HEADERS.has(name) || name === "content-length") continue;
    // Next's MISS or STALE said the page was rendered for that request; a replay never is.
    if (name === "x-nextjs-cache") headers.push(name, "HIT");
    else for (const one of Array.isArray(value) ? value : [value]) headers.push(name, String(one));
  }
  headers.push(REPLAY_HEADER, "HIT", "content-length", String(body.length));
  return { headers, etag: typeof sent.etag === "string" ? sent.etag : undefined };
}

export function installMicroCache(): void {
  const cache = new MicroCache();
  const proto = ServerResponse.prototype;
  // The originals: the replay sends the recorded bytes as they are, around lib/security/responses.ts.
  type Loose<R> = (this: ServerResponse, ...args: unknown[]) => R;
  const writeHead = proto.writeHead as Loose<ServerResponse>;
  const write = proto.write as Loose<boolean>;
  const end = proto.end as Loose<ServerResponse>;
  const recordings = new WeakMap<ServerResponse, Recording>();

  function record(res: ServerResponse, chunk: unknown, encoding: unknown) {
    const recording = recordings.get(res);
    if (!recording || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const part = copy(chunk as Chunk, encoding);
    recording.parts.push(part);
    recording.bytes += part.length;
    if (recording.bytes > ENTRY_MAX_BYTES) recordings.delete(res);
  }

  function store(res: ServerResponse, { key, generation, parts, bytes }: Recording) {
    const body = Buffer.concat(parts, bytes);
    // An edit ended while this was being rendered: it may show the page as it was before.
    const kept = generation === cache.generation && replayable(res, body);
    if (kept) cache.set(key, { ...kept, body, expires: Date.now() + TTL_MS }, Date.now());
  }

  proto.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    record(this, chunk, rest[0]);
    return write.call(this, chunk, ...rest);
  } as typeof proto.write;

  proto.end = function (this: ServerResponse, ...args: unknown[]) {
    record(this, args[0], args[1]);
    const recording = recordings.get(this);
    recordings.delete(this);
    // Kept once all of it reached the connection: a visitor who left mid-way leaves no truncated copy.
    if (recording) this.once("finish", () => store(this, recording));
    return end.call(this, ...args);
  } as typeof proto.end;

  interceptRequests((req, res) => {
    const key = lookupKey(req.method, req.url, req.headers);
    if (key === undefined) {
      // A write empties the cache when it starts and when it ends: its answer may reach the browser
      // (an action's redirect) before the stream ends, and a page kept before must not be replayed then.
      if (req.method !== "GET" && req.method !== "HEAD") {
        cache.clear();
        res.once("close", () => cache.clear());
      }
      return false;
    }
    const entry = cache.get(key, Date.now());
    if (!entry) {
      if (req.method === "GET")
        recordings.set(res, { key, generation: cache.generation, parts: [], bytes: 0 });
      return false;
    }
    // As lib/security/responses.ts answers a conditional request: the same headers, no body.
    if (req.method === "GET" && entry.etag && matchesEtag(req.headers["if-none-match"], entry.etag)) {
      writeHead.call(res, 304, entry.headers.slice(0, -2));
      end.call(res);
    } else {
      writeHead.call(res, 200, entry.headers);
      end.call(res, req.method === "HEAD" ? undefined : entry.body);
    }
    return true;
  });
}

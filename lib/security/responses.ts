import { createHash } from "node:crypto";
import { type OutgoingHttpHeaders, ServerResponse } from "node:http";
import {
  allowFrameworkScripts,
  COMMON_HEADERS,
  documentPolicy,
  type PolicyContext,
  resourcePolicy,
  SERVICE_WORKER_PATH,
  serviceWorkerPolicy,
} from "./headers";

/**
 * Adds the security headers to every answer of this process — pages, route handlers, media, feeds,
 * error pages, files — at the one place they all pass: Node's ServerResponse. A page (text/html) is
 * held until it is complete, so that its Content-Security-Policy can list the hashes of the scripts it
 * carries (lib/security/headers.ts); everything else streams untouched with the resource policy.
 * Installed once at start-up by instrumentation-node.ts, in production (next dev needs eval and
 * inline scripts for its tooling).
 */

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

interface Held {
  parts: { chunk: Chunk; encoding?: BufferEncoding }[];
  statusMessage?: string;
}

/** Held pages, by response. A response absent from this map and `decided` streams as written. */
const held = new WeakMap<ServerResponse, Held>();
const decided = new WeakSet<ServerResponse>();

const embeddable = (url: string | undefined) => /\/widget\.png(\?|$)/.test(url ?? "");

interface Allowance {
  /** The page to send, as bytes. */
  body: Buffer;
  hashes: string[];
  /** Validator of the page for conditional requests (next.config.ts leaves ETags to this module). */
  etag: string;
}

/**
 * The newest pages' allowed scripts, by their HTML. A cached page is sent over and over, identical:
 * Next hands it over as the same string each time, so that finding it here costs no pass over its
 * text, while scanning its scripts (regular expressions, JSON parsing, hashing), encoding it and
 * hashing it for its ETag held the event loop for about a millisecond each time. Least recently used
 * first out, within a byte budget: the bytes, and the text at two bytes a character (V8 stores a page
 * with any character beyond Latin-1, such as "→", that way), though often shared with Next's cache.
 */
const allowances = new Map<string, Allowance>();
const ALLOWANCES_BYTES = 16 * 1024 * 1024;
let allowancesBytes = 0;
const entryBytes = (html: string, entry: Allowance) => 2 * html.length + entry.body.length;

/** The page's text: the string Next gave whole (a cached page), else its parts decoded. */
function pageText(parts: Held["parts"]): string {
  const [first] = parts;
  if (parts.length === 1 && typeof first.chunk === "string" && /^utf-?8$/i.test(first.encoding ?? "utf8"))
    return first.chunk;
  return Buffer.concat(parts.map(({ chunk, encoding }) => toBuffer(chunk, encoding))).toString("utf8");
}

function allowScripts(html: string, integrity: Readonly<Record<string, string>>): Allowance {
  const known = allowances.get(html);
  if (known) {
    allowances.delete(html);
    allowances.set(html, known);
    return known;
  }
  const { html: page, hashes } = allowFrameworkScripts(html, integrity);
  const body = Buffer.from(page, "utf8");
  const entry = { body, hashes, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  if (entryBytes(html, entry) <= ALLOWANCES_BYTES / 16) {
    allowances.set(html, entry);
    allowancesBytes += entryBytes(html, entry);
    for (const [oldest, old] of allowances) {
      if (allowancesBytes <= ALLOWANCES_BYTES) break;
      allowances.delete(oldest);
      allowancesBytes -= entryBytes(oldest, old);
    }
  }
  return entry;
}

/** If-None-Match lists this validator (or "*"); weak validators compare equal to strong ones. */
export function matchesEtag(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (typeof ifNoneMatch !== "string") return false;
  return ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === "*" || tag.replace(/^W\//, "") === etag);
}

/**
 * A header sent twice with the same value becomes one. Next (16.4) renders a cached page's redirect
 * with `Location` set on the response, then appends the cache entry's copy of the same headers: the
 * first visit after each render got two `Location` (and two `x-nextjs-stale-time`), which a shared cache
 * keeps and a proxy may merge into the invalid "/jour/…, /jour/…" (vercel/next.js#82117).
 */
function dropRepeatedValues(res: ServerResponse) {
  for (const name of res.getHeaderNames()) {
    const value = res.getHeader(name);
    if (!Array.isArray(value)) continue;
    const distinct = [...new Set(value)];
    if (distinct.length < value.length) res.setHeader(name, distinct.length === 1 ? distinct[0] : distinct);
  }
}

/** A held chunk as bytes, without copying bytes already given (Node's own write keeps them as they are too). */
function toBuffer(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, encoding ?? "utf8");
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * `context` gives the policy's origins; `integrity` maps each script file of the build to its SRI hash
 * (.next/server/subresource-integrity-manifest.json).
 */
export function installSecurityHeaders(
  context: () => PolicyContext,
  integrity: Readonly<Record<string, string>>,
): void {
  const proto = ServerResponse.prototype;
  // The originals, called with whatever arguments their callers gave.
  type Loose<R> = (this: ServerResponse, ...args: unknown[]) => R;
  const writeHead = proto.writeHead as Loose<ServerResponse>;
  const write = proto.write as Loose<boolean>;
  const end = proto.end as Loose<ServerResponse>;

  /** Copies headers given to writeHead onto the response, so that they are read in one place. */
  function absorb(res: ServerResponse, headers: OutgoingHttpHeaders | unknown[] | undefined) {
    if (!headers) return;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2)
        res.appendHeader(String(headers[i]), String(headers[i + 1]));
    } else {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value);
    }
  }

  /** Chooses, once per response, between holding a page and streaming anything else. */
  function decide(res: ServerResponse): Held | undefined {
    if (decided.has(res)) return held.get(res);
    decided.add(res);
    for (const [name, value] of Object.entries(COMMON_HEADERS)) {
      if (!res.hasHeader(name)) res.setHeader(name, value);
    }
    dropRepeatedValues(res);
    // Next marks a cached page or feed `s-maxage=…, stale-while-revalidate=…`: the same for every
    // visitor, so a shared cache (nginx, a CDN) may keep it. The stale-while-revalidate part goes: a
    // browser would show its own stale copy once more after an edit (nginx serves stale while it
    // updates by its own settings).
    const cacheControl = res.getHeader("cache-control");
    if (typeof cacheControl === "string" && cacheControl.startsWith("s-maxage=")) {
      const shared = cacheControl.split(/,\s*/).filter((part) => !part.startsWith("stale-while-revalidate"));
      res.setHeader("Cache-Control", `public, ${shared.join(", ")}`);
    }
    // A 304 carries no body, and its headers would replace those the browser keeps with the page.
    if (res.statusCode === 304) return undefined;
    const type = String(res.getHeader("content-type") ?? "");
    if (/^text\/html/i.test(type)) {
      const state: Held = { parts: [] };
      held.set(res, state);
      return state;
    }
    const url = res.req?.url ?? "";
    res.setHeader(
      "Content-Security-Policy",
      SERVICE_WORKER_PATH.test(url) ? serviceWorkerPolicy() : resourcePolicy(embeddable(url)),
    );
    return undefined;
  }

  proto.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (decided.has(this) && !held.has(this)) return writeHead.call(this, statusCode, ...rest);
    const statusMessage = typeof rest[0] === "string" ? rest[0] : undefined;
    absorb(this, (statusMessage === undefined ? rest[0] : rest[1]) as OutgoingHttpHeaders | undefined);
    this.statusCode = statusCode;
    const state = decide(this);
    if (!state) return writeHead.call(this, statusCode, ...(statusMessage ? [statusMessage] : []));
    state.statusMessage = statusMessage;
    return this;
  } as typeof proto.writeHead;

  proto.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    const state = this.headersSent ? undefined : decide(this);
    if (!state) return write.call(this, chunk, ...rest);
    const encoding = typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined;
    const callback = rest.find((arg): arg is Callback => typeof arg === "function");
    state.parts.push({ chunk, encoding });
    if (callback) process.nextTick(callback);
    return true;
  } as typeof proto.write;

  proto.end = function (this: ServerResponse, ...args: unknown[]) {
    const state = this.headersSent ? undefined : decide(this);
    if (!state) return end.call(this, ...args);
    held.delete(this);
    const callback = args.find((arg): arg is () => void => typeof arg === "function");
    const chunk = typeof args[0] === "function" ? undefined : (args[0] as Chunk | undefined);
    const encoding = typeof args[1] === "string" ? (args[1] as BufferEncoding) : undefined;
    if (chunk !== undefined && chunk !== null) state.parts.push({ chunk, encoding });
    const { body, hashes, etag } = allowScripts(pageText(state.parts), integrity);
    this.setHeader("Content-Security-Policy", documentPolicy(context(), hashes));
    // A page a shared cache may keep (decide() marked it public) can be revalidated: nginx asks with
    // its copy's ETag when the copy expires, browsers when they come back.
    const shared = String(this.getHeader("cache-control") ?? "").startsWith("public,");
    if (shared && this.statusCode === 200 && this.req?.method === "GET") {
      this.setHeader("ETag", etag);
      if (matchesEtag(this.req?.headers["if-none-match"], etag)) {
        this.statusCode = 304;
        this.removeHeader("Content-Length");
        writeHead.call(this, 304);
        return end.call(this, callback);
      }
    }
    if (this.req?.method !== "HEAD") this.setHeader("Content-Length", body.length);
    writeHead.call(this, this.statusCode, ...(state.statusMessage ? [state.statusMessage] : []));
    return end.call(this, body, callback);
  } as typeof proto.end;
}

import { createHash } from "node:crypto";
import { SITE_INLINE_SCRIPTS } from "./inline-scripts";
import { REACT_RUNTIME_DEFINITIONS } from "./react-runtime";

/**
 * Security headers of every answer, and the Content-Security-Policy of pages.
 *
 * Pages are cached (ISR, prerendered at build), so a per-request nonce cannot be used: the cached HTML
 * would carry the nonce of the render that made it. Instead the policy allows scripts by hash, computed
 * from the HTML actually sent (lib/security/responses.ts):
 * - the framework's script files carry an integrity attribute (next.config.ts `experimental.sri`, whose
 *   manifest lists every file of the build), and a hash in script-src allows an external script whose
 *   integrity matches it;
 * - the framework's inline scripts are data — the React payload, `self.__next_f.push([…])` with a JSON
 *   literal, and Turbopack's list of chunks — or React's fixed scripts (form replay, Suspense completion
 *   with string arguments) — and the site's own few inline scripts (inline-scripts.ts, e.g. the theme
 *   applied before the first paint). Only those are hashed. Anything else — a script that
 *   slipped into stored content — gets no hash and does not run.
 * 'strict-dynamic' then lets those scripts load the page's other chunks.
 */

export interface PolicyContext {
  /** Origin of the apex site (SITE_URL), e.g. https://meteo06.fr */
  siteOrigin: string;
  /** The root domain (ROOT_DOMAIN): station sites are its sub-domains. */
  rootDomain: string;
  /** Leaflet tile template (MAP_TILES_URL), or null without tiles. */
  tilesUrl: string | null;
  /** Origins allowed in <iframe> (article embeds). */
  frameOrigins: readonly string[];
}

/** Headers sent with every answer, whatever its type. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The policy of anything that is not a page (JSON, CSV, feeds, images…): nothing may run in it. */
export function resourcePolicy(embeddable: boolean): string {
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    "style-src 'unsafe-inline'",
    `frame-ancestors ${embeddable ? "*" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The service worker's (public/sw.js): it fetches the pages it keeps from its own site, nothing else. */
export const SERVICE_WORKER_PATH = /^\/sw\.js(\?|$)/;
export function serviceWorkerPolicy(): string {
  return ["default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"].join("; ");
}

/**
 * Where a tile template's images come from: `https://{s}.tile.example/{z}/…` → `https://*.tile.example`
 * (a placeholder can only stand for the first label of the host).
 */
export function tilesSource(template: string | null): string | null {
  const match = /^(https?:)\/\/([^/?#]+)/i.exec(template?.trim() ?? "");
  if (!match) return null;
  const host = match[2].replace(/^\{[a-z]+\}\./i, "*.");
  return host.includes("{") ? null : `${match[1].toLowerCase()}//${host.toLowerCase()}`;
}

/** The apex and every station sub-domain, with the site's scheme and port. */
function siteSources({ siteOrigin, rootDomain }: PolicyContext): string[] {
  const site = new URL(siteOrigin);
  const port = site.port ? `:${site.port}` : "";
  return [site.origin, `${site.protocol}//*.${rootDomain}${port}`];
}

/** The Content-Security-Policy of a page whose allowed scripts have these hashes. */
export function documentPolicy(context: PolicyContext, scriptHashes: readonly string[]): string {
  const site = siteSources(context);
  const tiles = tilesSource(context.tilesUrl);
  const frames = context.frameOrigins.length ? context.frameOrigins.join(" ") : "'none'";
  return [
    "default-src 'self'",
    // No host list and no 'unsafe-inline': only the hashed scripts, and what they load.
    ["script-src 'strict-dynamic' 'report-sample'", ...scriptHashes.map((hash) => `'${hash}'`)].join(" "),
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' ${site.join(" ")} data: blob:${tiles ? ` ${tiles}` : ""}`,
    `media-src 'self' ${site.join(" ")}`,
    "font-src 'self'",
    `connect-src 'self' ${site.join(" ")}`,
    `frame-src ${frames}`,
    // The service worker (public/sw.js) that keeps the offline page.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${site.join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i");
/** A file of the build, by its address: /_next/static/chunks/x.js → static/chunks/x.js. */
const FRAMEWORK_FILE = /^\/_next\/(static\/[A-Za-z0-9._~/-]+\.js)(?:\?[A-Za-z0-9=&._-]*)?$/;
/** `self.__next_f.push([…])` whose argument is JSON: data for React, never code. */
const FLIGHT_PUSH = /^self\.__next_f\.push\((\[[\s\S]*\])\)$/;
const FLIGHT_INIT = "(self.__next_f=self.__next_f||[]).push([0])";
/** Turbopack's bootstrap: the build's chunks to load, as JSON. */
const CHUNK_LIST =
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\((\{[\s\S]*\})\);$/;
const CHUNK = /^static\/chunks\/[A-Za-z0-9._-]+\.js$/;
/**
 * React's own inline script, word for word: it keeps a form submitted before hydration for replay
 * (react-dom/server `formReplayingRuntime`). A React upgrade that changes it shows up as a CSP violation
 * in the e2e tests.
 */
const REACT_FORM_REPLAY =
  'addEventListener("submit",function(a){if(!a.defaultPrevented){var b=a.target,d=a.submitter,c=b.action,e=d;if(d){var f=d.getAttribute("formAction");null!=f&&(c=f,e=null)}"javascript:throw new Error(\'React form unexpectedly submitted.\')"===c&&(a.preventDefault(),a=new FormData(b,e),c=b.ownerDocument||b,(c.$$reactFormReplay=c.$$reactFormReplay||[]).push(b,d,a))}});';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Calls of React's boundary instructions: ids, and for $RX an error digest and messages as strings. */
const REACT_CALLS =
  /^(?:\$R[CS]\("[A-Za-z0-9:_-]+","[A-Za-z0-9:_-]+"\);?|\$RX\("[A-Za-z0-9:_-]+"(?:,(?:"(?:[^"\\]|\\.)*"|null))*\);?)*$/;

/** React's Suspense completion: its fixed runtime definitions, then calls with string arguments only. */
function isReactInstruction(script: string): boolean {
  let rest = script;
  for (let changed = true; changed; ) {
    changed = false;
    for (const definition of REACT_RUNTIME_DEFINITIONS) {
      if (rest.startsWith(definition)) {
        rest = rest.slice(definition.length);
        changed = true;
      }
    }
  }
  return rest !== script ? REACT_CALLS.test(rest) : rest !== "" && REACT_CALLS.test(rest);
}

function isFrameworkScript(script: string): boolean {
  if (script === FLIGHT_INIT || script === REACT_FORM_REPLAY || SITE_INLINE_SCRIPTS.includes(script))
    return true;
  if (isReactInstruction(script)) return true;
  const push = FLIGHT_PUSH.exec(script);
  if (push) return Array.isArray(parseJson(push[1]));
  const list = CHUNK_LIST.exec(script);
  if (!list) return false;
  const value = parseJson(list[1]) as { otherChunks?: unknown; runtimeModuleIds?: unknown } | undefined;
  return (
    typeof value === "object" &&
    value !== null &&
    Object.keys(value).every((key) => key === "otherChunks" || key === "runtimeModuleIds") &&
    Array.isArray(value.otherChunks) &&
    value.otherChunks.every((chunk) => typeof chunk === "string" && CHUNK.test(chunk)) &&
    (value.runtimeModuleIds === undefined ||
      (Array.isArray(value.runtimeModuleIds) && value.runtimeModuleIds.every(Number.isInteger)))
  );
}

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/**
 * Lets the browser run this page's framework scripts, and only those. Script files of the build are
 * allowed by their integrity (`integrity` maps a build file, static/chunks/x.js, to its SRI hash; a
 * file Next listed without the attribute gets it here), the inline React payload and chunk list by
 * the hash of their text. Other scripts get nothing. Returns the page to send and the hashes for
 * script-src.
 */
export function allowFrameworkScripts(
  html: string,
  integrity: Readonly<Record<string, string>>,
): { html: string; hashes: string[] } {
  const hashes = new Set<string>();
  const page = html.replace(SCRIPT, (tag, attributes: string, body: string) => {
    const src = ATTRIBUTE("src").exec(attributes)?.[1];
    if (src !== undefined) {
      const expected = integrity[FRAMEWORK_FILE.exec(src)?.[1] ?? ""];
      if (!expected) return tag;
      const given = ATTRIBUTE("integrity").exec(attributes)?.[1];
      if (given !== undefined && given !== expected) return tag;
      hashes.add(expected);
      return given === undefined ? tag.replace(/^<script\b/i, `<script integrity="${expected}"`) : tag;
    }
    const type = ATTRIBUTE("type").exec(attributes)?.[1];
    if (type && !/^(text|application)\/javascript$|^module$/i.test(type)) return tag; // data, never run
    // The browser hashes the text it parsed: HTML turns every CR LF and lone CR into LF.
    const text = body.replace(/\r\n?/g, "\n");
    if (isFrameworkScript(text)) hashes.add(sha256(text));
    return tag;
  });
  return { html: page, hashes: [...hashes] };
}

import { UserError } from "../errors";
import type { BoundingBox } from "./settings";

/**
 * The Blitzortung participant feed (`last_strikes.php`): HTTP Basic authentication, one JSON object per
 * line, e.g. {"time":1764154800123456789,"lat":43.7,"lon":7.25,"alt":0,"pol":-1,"mds":2345,"status":0}.
 * Parsing is pure; `feedLines` is the transport.
 */

export interface FeedStrike {
  /** Unix milliseconds (the feed's nanoseconds, truncated). */
  timeMs: number;
  latitude: number;
  longitude: number;
  altitude: number | null;
  polarity: number | null;
  maxDeviation: number | null;
  status: number | null;
}

export type LineResult = { strike: FeedStrike } | { problem: string };

const INT32 = 2 ** 31 - 1;
const NS_PER_MS = 1_000_000n;

function optionalInt(value: unknown): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const rounded = Math.round(value);
  return Math.abs(rounded) <= INT32 ? rounded : null;
}

/** One feed line: a strike, a problem (malformed line), or null for a blank line. */
export function parseFeedLine(line: string): LineResult | null {
  const text = line.trim();
  if (text === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: "not a JSON object" };
  }
  const fields = value as Record<string, unknown>;
  // Nanoseconds since 1970 exceed 2^53: read the digits from the text, a JSON number would lose them.
  const digits = /"time"\s*:\s*(\d{1,20})\s*[,}]/.exec(text)?.[1];
  if (typeof fields.time !== "number" || !digits) {
    return { problem: "time is missing or not a whole number of nanoseconds" };
  }
  const { lat, lon } = fields;
  if (typeof lat !== "number" || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    return { problem: "lat is missing or not a latitude" };
  }
  if (typeof lon !== "number" || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    return { problem: "lon is missing or not a longitude" };
  }
  return {
    strike: {
      timeMs: Number(BigInt(digits) / NS_PER_MS),
      latitude: lat,
      longitude: lon,
      altitude: optionalInt(fields.alt),
      polarity: optionalInt(fields.pol),
      maxDeviation: optionalInt(fields.mds),
      status: optionalInt(fields.status),
    },
  };
}

export function insideBox(strike: { latitude: number; longitude: number }, box: BoundingBox): boolean {
  return (
    strike.latitude >= box.south &&
    strike.latitude <= box.north &&
    strike.longitude >= box.west &&
    strike.longitude <= box.east
  );
}

/** The request for the strikes since `sinceMs` inside `box` (the configured URL's own parameters are kept). */
export function feedRequestUrl(base: URL, box: BoundingBox, sinceMs: number): URL {
  const url = new URL(base);
  url.searchParams.set("time", (BigInt(Math.floor(sinceMs)) * NS_PER_MS).toString());
  url.searchParams.set("west", String(box.west));
  url.searchParams.set("east", String(box.east));
  url.searchParams.set("north", String(box.north));
  url.searchParams.set("south", String(box.south));
  url.searchParams.set("sig", "0"); // no per-detector signal data
  return url;
}

export class FeedError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "FeedError";
  }
}

/** Streams the lines of the feed's answer; a FeedError explains refusals, HTTP errors and timeouts. */
export async function* feedLines(
  url: URL,
  credentials: { username: string; password: string },
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): AsyncGenerator<string> {
  const where = `${url.protocol}//${url.host}${url.pathname}`; // never the query or credentials
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization, "user-agent": "Meteo06-lightning-import" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new FeedError(`the lightning feed at ${where} did not answer (${describe(error)})`);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new FeedError(
      `the lightning feed refused the participant account (HTTP ${response.status}): check BLITZORTUNG_USERNAME and BLITZORTUNG_PASSWORD`,
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new FeedError(`the lightning feed at ${where} answered HTTP ${response.status}`);
  }
  const decoder = new TextDecoder();
  let rest = "";
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new FeedError(`the lightning feed at ${where} broke off (${describe(error)})`);
      }
      if (chunk.done) break;
      const lines = (rest + decoder.decode(chunk.value, { stream: true })).split("\n");
      rest = lines.pop() ?? "";
      yield* lines;
    }
    finished = true;
  } finally {
    // The consumer may stop early (a database error): do not leave the download running.
    if (!finished) await reader.cancel().catch(() => {});
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

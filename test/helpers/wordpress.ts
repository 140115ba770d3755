import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import sharp from "sharp";

/**
 * What the issue-17 WordPress fixtures need: the old site's wp-content/uploads (images, a video, a
 * sound) and the old site itself, a real HTTP server on loopback serving them — with ETags and byte
 * ranges like Apache, and faults on demand (a file that never comes, one that fails once, one whose
 * connection breaks half-way).
 */

/** One second of a 440 Hz tone, 8 kHz mono 16-bit PCM: a WAV Chromium plays. */
export function toneWav(seconds = 1): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The start of a WebM video (EBML header, "webm" doctype, a video track): enough to be recognised. */
export const WEBM_HEAD = Buffer.concat([
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
  Buffer.from("webm"),
  Buffer.from([0xae, 0x83, 0x81, 0x01]),
  Buffer.alloc(256 * 1024, 0),
]);

const image = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** wp-content/uploads of test/fixtures/wordpress/issue-17-*.xml (ailleurs.jpg is absent on purpose). */
export async function writeIssue17Uploads(dir: string, video: Buffer = WEBM_HEAD): Promise<void> {
  const file = (relative: string, data: Buffer) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), data);
  };
  file("2024/03/cumulonimbus.jpg", await image(900, 600, "#44556b"));
  file("2024/03/arc-en-ciel.jpg", await image(900, 600, "#7fb3e0"));
  file("2024/03/legitime.jpg", await image(640, 480, "#a0c040"));
  file("2024/03/timelapse-orage.webm", video);
  file("2024/03/tonnerre.wav", toneWav());
}

export interface OldSite {
  origin: string;
  /** every request: path and its Range header */
  requests: { path: string; range: string | null }[];
  /** what happens to a path: "stall" (no answer), "fail-once" (one 503), "cut-once" (connection broken half-way) */
  fault(urlPath: string, kind: "stall" | "fail-once" | "cut-once"): void;
  close(): Promise<void>;
}

/** The old site on a loopback port, serving `root` under /wp-content/uploads/. */
export async function startOldSite(root: string): Promise<OldSite> {
  const requests: OldSite["requests"] = [];
  const faults = new Map<string, string>();
  const served = new Set<string>();
  const server: Server = createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const range = request.headers.range ?? null;
    requests.push({ path: urlPath, range });
    const fault = faults.get(urlPath);
    if (fault === "stall") return; // never answers
    if (fault === "fail-once" && !served.has(urlPath)) {
      served.add(urlPath);
      response.writeHead(503).end("busy");
      return;
    }
    const relative = urlPath.replace(/^\/wp-content\/uploads\//, "");
    let body: Buffer;
    try {
      if (relative.includes("..")) throw new Error("no");
      body = readFileSync(path.join(root, relative));
    } catch {
      response.writeHead(404).end("not found");
      return;
    }
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    let start = 0;
    const asked = /^bytes=(\d+)-$/.exec(range ?? "");
    if (asked && request.headers["if-range"] === etag) start = Number(asked[1]);
    const headers = { ETag: etag, "Accept-Ranges": "bytes", "Content-Length": String(body.length - start) };
    if (start) {
      response.writeHead(206, {
        ...headers,
        "Content-Range": `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else response.writeHead(200, headers);
    if (fault === "cut-once" && !served.has(urlPath)) {
      served.add(urlPath);
      // Closed gracefully (FIN) once half is sent: the client gets that half, then a truncated body.
      // (A reset could make the client's kernel drop the half it had not read yet.)
      response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.end());
      return;
    }
    response.end(body.subarray(start));
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    fault: (urlPath, kind) => faults.set(urlPath, kind),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

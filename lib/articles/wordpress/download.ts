import { promises as fs } from "node:fs";
import path from "node:path";
import { UserError } from "../../errors";

/**
 * Downloads of the old site's files (`import wordpress --fetch-media`): a few at a time, each with an
 * idle timeout, a size limit, retries with back-off on network errors and 5xx answers, and resumed
 * where it stopped (a `.part` file and an HTTP Range request) — by the next try or the next run.
 * Only the old site's origin is ever asked.
 */

export interface DownloadOptions {
  /** the old site, e.g. https://www.meteo06.fr (or the address it answers on now) */
  origin: string;
  /** where files are downloaded (kept between runs until stored) */
  dir: string;
  timeoutMs: number;
  maxBytes: number;
  /** further tries after the first */
  retries: number;
  retryDelayMs: number;
  concurrency: number;
}

/** A file the old site would not give (its message goes to the import report). */
export class DownloadError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "DownloadError";
  }
}

/** A local path for a path of the old site (never outside `dir`). */
export function downloadTarget(dir: string, urlPath: string): string {
  const safe = urlPath
    .split("/")
    .filter((part) => part && part !== "." && part !== "..")
    .map((part) => part.replace(/[^\w.-]/g, "_").slice(0, 120))
    .join("/");
  return path.join(dir, safe || "_");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function once(url: string, file: string, options: DownloadOptions): Promise<void> {
  const part = `${file}.part`;
  const metaFile = `${file}.part.json`;
  const have = (await fs.stat(part).catch(() => null))?.size ?? 0;
  const validator: string | null = have
    ? await fs
        .readFile(metaFile, "utf8")
        .then((text) => (JSON.parse(text) as { validator: string | null }).validator)
        .catch(() => null)
    : null;
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), options.timeoutMs);
  };
  try {
    const headers: Record<string, string> = { "User-Agent": "meteo06-import" };
    if (have && validator) Object.assign(headers, { Range: `bytes=${have}-`, "If-Range": validator });
    const response = await fetch(url, { headers, signal: controller.signal, redirect: "manual" });
    if (response.status === 404 || response.status === 410)
      throw new DownloadError(`HTTP ${response.status}`);
    if (response.status >= 300 && response.status < 400)
      throw new DownloadError(`HTTP ${response.status} (redirection refusée)`);
    if (response.status === 429 || response.status >= 500) throw new Error(`HTTP ${response.status}`);
    if (response.status !== 200 && response.status !== 206)
      throw new DownloadError(`HTTP ${response.status}`);
    const resumed = response.status === 206;
    const start = resumed ? have : 0;
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    if (start + length > options.maxBytes) {
      await response.body?.cancel();
      throw new DownloadError(
        `trop lourd (${Math.round((start + length) / 1048576)} Mo, limite ${Math.round(options.maxBytes / 1048576)} Mo)`,
      );
    }
    const newValidator = response.headers.get("etag") ?? response.headers.get("last-modified");
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(metaFile, JSON.stringify({ validator: newValidator }));
    // Chunk by chunk, each written before the next is read: a broken connection leaves every byte
    // received in the .part file, for the next try to resume from.
    let written = start;
    const handle = await fs.open(part, resumed ? "a" : "w");
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        alive();
        written += chunk.length;
        if (written > options.maxBytes)
          throw new DownloadError(`trop lourd (plus de ${Math.round(options.maxBytes / 1048576)} Mo)`);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    if (Number.isFinite(length) && written !== start + length) throw new Error("réponse incomplète");
    await fs.rename(part, file);
    await fs.rm(metaFile, { force: true });
  } catch (error) {
    if (error instanceof DownloadError && /trop lourd/.test(error.message)) {
      await fs.rm(part, { force: true });
      await fs.rm(metaFile, { force: true });
    }
    if (controller.signal.aborted && !(error instanceof DownloadError))
      throw new Error(`aucune réponse depuis ${Math.round(options.timeoutMs / 1000)} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Downloads one file (tries again on network errors and 5xx); resolves to its local path. */
export async function download(urlPath: string, options: DownloadOptions): Promise<string> {
  const file = downloadTarget(options.dir, urlPath);
  if (
    await fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return file; // a previous run got it
  const url = new URL(urlPath, options.origin).toString();
  for (let attempt = 0; ; attempt++) {
    try {
      await once(url, file, options);
      return file;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof DownloadError || attempt >= options.retries)
        throw new DownloadError(`${message}${attempt ? ` (après ${attempt + 1} essais)` : ""}`);
      await sleep(options.retryDelayMs * 2 ** attempt);
    }
  }
}

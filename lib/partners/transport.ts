import { Readable } from "node:stream";
import { Client, FTPError } from "basic-ftp";

/**
 * The network side of the feeds: an FTP upload (StatIC) and an HTTP GET (ROMMA). Both return what
 * happened instead of throwing, so that every exchange can be recorded in the audit log.
 * Callers mask credentials in `message` before storing or printing it.
 */

export interface Exchange {
  ok: boolean;
  /** "FTP 250", "HTTP 200", "ECONNREFUSED", "timeout"… */
  status: string;
  /** The server's reply or body, or the error. */
  message: string;
  /** Worth retrying within the same run (network failures, HTTP 5xx). */
  retryable: boolean;
}

export const STATIC_FTP_ENDPOINT = "ftp://ftp.infoclimat.fr/";

/** The address of `fileName` in the folder of `endpoint` (for display). */
export function ftpFileUrl(endpoint: string, fileName: string): string {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/?$/, "/")}${fileName}`;
  return url.toString();
}

export interface FtpTarget {
  /** ftp://host[:port][/folder] */
  endpoint: string;
  username: string;
  password: string;
}

/**
 * Uploads `content` as `fileName` in passive mode (the only mode basic-ftp speaks). The file is first
 * written under a temporary name and then renamed, so the partner never reads a half-written file.
 */
export async function ftpUpload(
  target: FtpTarget,
  fileName: string,
  content: string,
  timeoutMs: number,
): Promise<Exchange> {
  const url = new URL(target.endpoint);
  const client = new Client(timeoutMs);
  try {
    await client.access({
      host: url.hostname,
      port: url.port ? Number(url.port) : 21,
      user: target.username,
      password: target.password,
      secure: false,
    });
    const folder = decodeURIComponent(url.pathname);
    if (folder !== "" && folder !== "/") await client.cd(folder);
    const temporary = `${fileName}.tmp`;
    await client.uploadFrom(Readable.from([Buffer.from(content, "utf8")]), temporary);
    let reply: { code: number; message: string };
    try {
      reply = await client.rename(temporary, fileName);
    } catch (error) {
      if (!(error instanceof FTPError) || error.code < 500) throw error;
      // Some servers refuse to rename over an existing file: remove it, then rename (never a partial file).
      await client.remove(fileName, true);
      reply = await client.rename(temporary, fileName);
    }
    return { ok: true, status: `FTP ${reply.code}`, message: reply.message, retryable: false };
  } catch (error) {
    if (error instanceof FTPError) {
      return { ok: false, status: `FTP ${error.code}`, message: error.message, retryable: error.code < 500 };
    }
    return { ok: false, ...networkFailure(error), retryable: true };
  } finally {
    client.close();
  }
}

/** One GET: success only on HTTP 200 with the body `Success` (surrounding white space ignored). */
export async function httpGet(url: string, timeoutMs: number, success = "Success"): Promise<Exchange> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
      headers: { "user-agent": "Meteo06 partner feed" },
    });
    const body = await response.text();
    return {
      ok: response.status === 200 && body.trim() === success,
      status: `HTTP ${response.status}`,
      message: body.slice(0, 1000),
      retryable: response.status >= 500,
    };
  } catch (error) {
    return { ok: false, ...networkFailure(error), retryable: true };
  }
}

function networkFailure(error: unknown): { status: string; message: string } {
  const err = error as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (err.name === "TimeoutError" || /timeout/i.test(err.message ?? "")) {
    return { status: "timeout", message: "no answer before the timeout" };
  }
  const code = err.code ?? err.cause?.code;
  const message = err.cause?.message ?? err.message ?? String(error);
  return { status: code ?? "network error", message };
}

import http from "node:http";
import https from "node:https";

/**
 * Requests through Node for any *.localhost host: Node's resolver does not map sub-domains of localhost
 * to loopback (browsers do), so the connection goes to 127.0.0.1 and the Host header keeps the name.
 * An https: address is checked against `ca` (a test's own certificate), with the host name as SNI.
 */
export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Names and values as sent, repeats kept (Node keeps only the first of a repeated Location). */
  rawHeaders: string[];
  body: Buffer;
  text(): string;
  json(): unknown;
}

export function httpRequest(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    ca,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: Buffer } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith("https:") ? https : http).request(
      url,
      {
        method,
        headers,
        ca,
        lookup: (_host, options, callback) =>
          options.all
            ? callback(null, [{ address: "127.0.0.1", family: 4 }])
            : callback(null, "127.0.0.1", 4),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const data = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body: data,
            text: () => data.toString("utf8"),
            json: () => JSON.parse(data.toString("utf8")),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return httpRequest(url, { headers });
}

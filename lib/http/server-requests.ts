import http from "node:http";

/**
 * Runs `intercept` on every request the Node.js HTTP servers of this process receive, before the
 * framework sees it; when it returns true, it has answered and the request goes no further. The
 * interceptor installed last runs first.
 */
export function interceptRequests(
  intercept: (request: http.IncomingMessage, response: http.ServerResponse) => boolean,
): void {
  const emit = http.Server.prototype.emit as (
    this: http.Server,
    event: string,
    ...args: unknown[]
  ) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request" && intercept(args[0] as http.IncomingMessage, args[1] as http.ServerResponse))
      return true;
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

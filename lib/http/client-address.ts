import { BlockList, isIP } from "node:net";
import { ConfigError } from "../config/settings";
import { interceptRequests } from "./server-requests";

/**
 * The client's address, for per-address limits. X-Forwarded-For is believed only as far as it was
 * written by our own proxies (TRUSTED_PROXIES, loopback by default: nginx on the same server); a
 * client that talks to the app directly cannot choose its address by sending the header.
 */

/** Set by the server on every request to the address of the connection's peer (never by a client). */
export const PEER_HEADER = "x-meteo06-peer";

/**
 * Writes PEER_HEADER on every request the Node.js HTTP servers of this process receive, overwriting
 * anything a client sent under that name (instrumentation-node.ts calls it once at start).
 */
export function recordPeerAddresses(): void {
  interceptRequests((request) => {
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
    return false;
  });
}

const DEFAULT_TRUSTED = "127.0.0.1/8,::1";

/** "::ffff:192.0.2.1" (an IPv4 client on an IPv6 socket) → "192.0.2.1". */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** TRUSTED_PROXIES: addresses or CIDR ranges separated by commas or spaces; "" trusts none. */
export function parseTrustedProxies(value: string | undefined = process.env.TRUSTED_PROXIES): BlockList {
  const list = new BlockList();
  for (const item of (value ?? DEFAULT_TRUSTED).split(/[\s,]+/).filter(Boolean)) {
    const [address, bits] = item.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new ConfigError([
        `TRUSTED_PROXIES: "${item}" is not an address or a CIDR range (e.g. 127.0.0.1/8, ::1)`,
      ]);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

let cached: { value: string | undefined; list: BlockList } | undefined;
function trustedProxies(): BlockList {
  const value = process.env.TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, list: parseTrustedProxies(value) };
  return cached.list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: walking back from the connection's peer through X-Forwarded-For, the first
 * address that is not one of our proxies. Null when the peer is unknown (a request that did not come
 * through the server, e.g. a script calling the library).
 */
export function clientIp(headers: Headers, trusted = trustedProxies()): string | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return null;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => plainAddress(hop.trim()))
    .filter(Boolean);
  const hops = [...forwarded, plainAddress(peer)];
  for (let i = hops.length - 1; i > 0; i--) {
    if (!isTrusted(hops[i], trusted)) return hops[i];
  }
  return hops[0];
}

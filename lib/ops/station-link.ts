import { generateKeyPairSync, randomBytes } from "node:crypto";
import mysql from "mysql2/promise";

/**
 * Everything an admin pastes to link a new station's Pi to the server: the Pi's MariaDB settings and
 * replication account, the server's replication connection, and both WireGuard ends. Pure except for
 * the fresh keys and password, so the output is tested as text.
 */

export interface WireguardKeys {
  privateKey: string;
  publicKey: string;
}

/** A WireGuard key pair (Curve25519, base64 like `wg genkey | wg pubkey`), without needing wireguard-tools. */
export function wireguardKeys(): WireguardKeys {
  const { privateKey, publicKey } = generateKeyPairSync("x25519");
  const base64 = (jwkField: string | undefined) =>
    Buffer.from(jwkField ?? "", "base64url").toString("base64");
  return {
    privateKey: base64(privateKey.export({ format: "jwk" }).d),
    publicKey: base64(publicKey.export({ format: "jwk" }).x),
  };
}

export const WIREGUARD_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

export interface StationLinkInput {
  slug: string;
  /** Database on the server that receives the Pi's `weewx` database. */
  archiveDatabase: string;
  /** The Pi's address inside the VPN, e.g. 10.60.0.12 */
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server's address inside the VPN (the only host the replication account accepts). */
  serverVpnAddress: string;
  /** Public name and port the Pi dials, e.g. meteo06.fr:51820 */
  endpoint: string;
  serverPublicKey: string;
  pi: WireguardKeys;
  presharedKey: string;
  /** The Pi's own binlog domain and id (unique in the network). */
  serverId: number;
  gtidDomainId: number;
  /** Days the Pi keeps its binlogs: longer than the longest outage the server must survive. */
  binlogDays: number;
}

export function connectionNameFor(slug: string): string {
  // Option files treat "-" and "_" alike in option names, so connection names avoid dashes.
  return slug.replace(/-/g, "_");
}

export function randomPassword(): string {
  return randomBytes(18).toString("base64url");
}

export function presharedKey(): string {
  return randomBytes(32).toString("base64");
}

/** The Pi's id and GTID domain, derived from the last byte of its VPN address (unique in the /24). */
export function piIdentity(host: string): { serverId: number; gtidDomainId: number } {
  const last = Number(host.split(".").at(-1));
  return { serverId: 1000 + last, gtidDomainId: last };
}

export interface StationLink {
  connection: string;
  piMariadbConfig: string;
  piSql: string;
  piWireguardConfig: string;
  serverWireguardPeer: string;
  serverMariadbConfig: string;
  serverSql: string;
}

export function stationLink(i: StationLinkInput): StationLink {
  const connection = connectionNameFor(i.slug);
  const account = `${mysql.escape(i.user)}@${mysql.escape(i.serverVpnAddress)}`;
  const rewrite = `weewx->${i.archiveDatabase}`;
  return {
    connection,
    piMariadbConfig: [
      `# /etc/mysql/mariadb.conf.d/70-meteo06.cnf on the Pi of ${i.slug}`,
      "[mariadbd]",
      `server_id = ${i.serverId}`,
      `gtid_domain_id = ${i.gtidDomainId}`,
      "log_bin = weewx-bin",
      "binlog_format = ROW",
      `binlog_expire_logs_seconds = ${i.binlogDays * 86400}`,
      "# WeeWX keeps using 127.0.0.1; the server reaches MariaDB through the VPN only.",
      `bind-address = 127.0.0.1,${i.host}`,
      "innodb_flush_log_at_trx_commit = 1",
      "sync_binlog = 1",
    ].join("\n"),
    piSql: [
      `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(i.password)};`,
      `ALTER USER ${account} IDENTIFIED BY ${mysql.escape(i.password)};`,
      `GRANT REPLICATION SLAVE ON *.* TO ${account};`,
    ].join("\n"),
    piWireguardConfig: [
      `# /etc/wireguard/wg0.conf on the Pi of ${i.slug} (chmod 600), then: systemctl enable --now wg-quick@wg0`,
      "[Interface]",
      `PrivateKey = ${i.pi.privateKey}`,
      `Address = ${i.host}/32`,
      "",
      "[Peer]",
      "# the Météo06 server",
      `PublicKey = ${i.serverPublicKey}`,
      `PresharedKey = ${i.presharedKey}`,
      `Endpoint = ${i.endpoint}`,
      `AllowedIPs = ${i.serverVpnAddress}/32`,
      "PersistentKeepalive = 25",
    ].join("\n"),
    serverWireguardPeer: [
      `# append to /etc/wireguard/wg0.conf on the server, then: wg syncconf wg0 <(wg-quick strip wg0)`,
      "[Peer]",
      `# station ${i.slug}, Pi public key`,
      `PublicKey = ${i.pi.publicKey}`,
      `PresharedKey = ${i.presharedKey}`,
      `AllowedIPs = ${i.host}/32`,
    ].join("\n"),
    serverMariadbConfig: [
      "# append to /etc/mysql/mariadb.conf.d/61-meteo06-stations.cnf on the server (kept across restarts)",
      `${connection}.replicate_rewrite_db = ${rewrite}`,
    ].join("\n"),
    serverSql: [
      `-- on the server, as root, after loading the Pi's first dump into ${i.archiveDatabase} (deploy/README.md)`,
      "STOP ALL SLAVES;",
      "-- the position printed at the top of that dump (-- SET GLOBAL gtid_slave_pos='…'), added to the others:",
      "-- SET GLOBAL gtid_slave_pos = CONCAT_WS(',', NULLIF(@@gtid_slave_pos, ''), '<domain-server-seq>');",
      `CHANGE MASTER ${mysql.escape(connection)} TO MASTER_HOST=${mysql.escape(i.host)}, MASTER_PORT=${i.port}, MASTER_USER=${mysql.escape(i.user)}, MASTER_PASSWORD=${mysql.escape(i.password)}, MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=30;`,
      `SET GLOBAL ${connection}.replicate_rewrite_db = ${mysql.escape(rewrite)};`,
      "START ALL SLAVES;",
    ].join("\n"),
  };
}

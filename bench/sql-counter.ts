import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy between the app and MariaDB that counts the SQL statements crossing it, from the MySQL
 * wire protocol: every COM_QUERY and COM_STMT_EXECUTE is one statement run by the server, whichever
 * client sent it (Prisma's MariaDB adapter, mysql2). The app needs no instrumentation: point its
 * DATABASE_URL at the proxy's port.
 */

const COM_QUERY = 0x03;
const COM_STMT_PREPARE = 0x16;
const COM_STMT_EXECUTE = 0x17;

export interface SqlCounter {
  port: number;
  /** Statements run so far. */
  count(): number;
  /** Texts of the statements run since the last call (prepared ones by their SQL). */
  take(): string[];
  close(): Promise<void>;
}

/** Splits a byte stream into MySQL packets: [sequence id, payload]. */
function packets(onPacket: (sequence: number, payload: Buffer) => void) {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readUIntLE(0, 3);
      if (pending.length < 4 + length) break;
      onPacket(pending[3], pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
    }
  };
}

export function startSqlCounter(upstreamPort = 3306, upstreamHost = "127.0.0.1"): Promise<SqlCounter> {
  let total = 0;
  let recent: string[] = [];
  // noDelay on both sides: with Nagle's algorithm, small packets wait for delayed ACKs (up to 40 ms each).
  const server: Server = createServer({ noDelay: true }, (client: Socket) => {
    const upstream = createConnection({ port: upstreamPort, host: upstreamHost, noDelay: true });
    const statements = new Map<number, string>();
    const preparing: string[] = [];
    let lastPrepared = "";
    client.on("data", (chunk) => upstream.write(chunk));
    client.on(
      "data",
      packets((sequence, payload) => {
        if (sequence !== 0 || payload.length === 0) return; // only the first packet of a command
        const command = payload[0];
        if (command === COM_QUERY) {
          total++;
          recent.push(payload.subarray(1).toString("utf8"));
        } else if (command === COM_STMT_PREPARE) {
          preparing.push(payload.subarray(1).toString("utf8"));
        } else if (command === COM_STMT_EXECUTE) {
          total++;
          const id = payload.readUInt32LE(1);
          recent.push(id === 0xffffffff ? lastPrepared : (statements.get(id) ?? `statement #${id}`));
        }
      }),
    );
    upstream.on("data", (chunk) => client.write(chunk));
    upstream.on(
      "data",
      packets((sequence, payload) => {
        // The answer to a prepare: status 0x00, the statement id… (12 bytes), or an error (0xff).
        if (sequence !== 1 || preparing.length === 0) return;
        if (payload[0] === 0x00 && payload.length === 12) {
          lastPrepared = preparing.shift()!;
          statements.set(payload.readUInt32LE(1), lastPrepared);
        } else if (payload[0] === 0xff) preparing.shift();
      }),
    );
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as { port: number }).port,
        count: () => total,
        take: () => {
          const taken = recent;
          recent = [];
          return taken;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
          }),
      });
    });
  });
}

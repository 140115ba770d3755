import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { serverAnswers, startPrivateMariadb, stopPrivateMariadb } from "@/scripts/dev/mariadb";
import { freePort } from "../helpers/app";

/** The fallback of `npm run demo` / `npm test` when no MariaDB answers, also used by tests for extra servers. */
const dir = mkdtempSync(path.join(tmpdir(), "m06-private-mariadb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("private MariaDB instance", () => {
  it("initialises a data folder, starts from the system's mariadbd, answers, and stops", async () => {
    const port = await freePort();
    const instance = await startPrivateMariadb({ dir, port, args: ["--server-id=42"] });
    try {
      expect(await serverAnswers(instance.url)).toBe(true);
      const connection = await mysql.createConnection({ host: "127.0.0.1", port, user: "root" });
      const [[row]] = await connection.query<mysql.RowDataPacket[]>(
        "SELECT @@port AS port, @@server_id AS id, @@datadir AS datadir",
      );
      await connection.end();
      expect(row).toMatchObject({ port, id: 42 });
      expect(row.datadir).toContain(dir);
    } finally {
      await stopPrivateMariadb(instance);
    }
    expect(await serverAnswers(instance.url, 500)).toBe(false);

    // A second start reuses the initialised folder.
    const again = await startPrivateMariadb({ dir, port });
    expect(await serverAnswers(again.url)).toBe(true);
    await stopPrivateMariadb(again);
  });
});

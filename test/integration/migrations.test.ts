import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MIGRATIONS_DIR,
  MigrationError,
  markRolledBack,
  migrate,
  migrationStatus,
  readMigrations,
} from "@/lib/db/migrations";
import { adminPool, uniqueName, urlFor } from "../helpers/db";

const admin = adminPool();
const databases: string[] = [];
function freshDatabase() {
  const name = uniqueName("mig");
  databases.push(name);
  return { name, url: urlFor(name) };
}
afterAll(async () => {
  for (const name of databases) await admin.query("DROP DATABASE IF EXISTS ??", [name]);
  await admin.end();
});

async function bookkeeping(database: string) {
  const [rows] = await admin.query<RowDataPacket[]>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM ??._prisma_migrations ORDER BY started_at",
    [database],
  );
  return rows;
}

describe("migration runner", () => {
  it("applies every migration once, with Prisma's bookkeeping and checksums", async () => {
    const { name, url } = freshDatabase();
    const all = readMigrations();
    expect(await migrate(url)).toEqual(all.map((m) => m.name));
    expect(await migrate(url)).toEqual([]); // idempotent
    const rows = await bookkeeping(name);
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      const sql = all.find((m) => m.name === row.migration_name)!.sql;
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }
    expect((await migrationStatus(url)).every((m) => m.state === "applied")).toBe(true);
  });

  describe("with a failing migration", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "m06-migrations-"));
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      mkdirSync(path.join(dir, "29990101000000_broken"));
      writeFileSync(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        "CREATE TABLE `Broken` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\nALTER TABLE `NoSuchTable` ADD COLUMN `x` INTEGER;\n",
      );
      mkdirSync(path.join(dir, "29990102000000_after"));
      writeFileSync(
        path.join(dir, "29990102000000_after", "migration.sql"),
        "CREATE TABLE `After` (`id` INTEGER NOT NULL);\n",
      );
    });

    it("stops at the failure, records it, and refuses to continue until resolved", async () => {
      const { name, url } = freshDatabase();
      await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken failed: .*NoSuchTable/);
      const failed = (await bookkeeping(name)).at(-1)!;
      expect(failed.migration_name).toBe("29990101000000_broken");
      expect(failed.finished_at).toBeNull();
      expect(failed.logs).toMatch(/NoSuchTable/);
      const [after] = await admin.query<RowDataPacket[]>("SHOW TABLES FROM ?? LIKE 'After'", [name]);
      expect(after).toHaveLength(0);

      const again = migrate(url, { dir });
      await expect(again).rejects.toBeInstanceOf(MigrationError);
      await expect(migrate(url, { dir })).rejects.toThrow(
        /failed on .* migrate resolve --rolled-back 29990101000000_broken/s,
      );
      expect((await migrationStatus(url, dir)).find((m) => m.name === "29990101000000_broken")?.state).toBe(
        "failed",
      );

      // The admin repairs by hand (drops the half-created table), fixes the file, marks it rolled back.
      await admin.query("DROP TABLE ??.Broken", [name]);
      writeFileSync(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        "CREATE TABLE `Broken` (`id` INTEGER NOT NULL);\n",
      );
      await markRolledBack(url, "29990101000000_broken");
      expect(await migrate(url, { dir })).toEqual(["29990101000000_broken", "29990102000000_after"]);
    });

    it("refuses a migration edited after it was applied", async () => {
      const { url } = freshDatabase();
      const editedDir = mkdtempSync(path.join(tmpdir(), "m06-migrations-"));
      cpSync(MIGRATIONS_DIR, editedDir, { recursive: true });
      await migrate(url, { dir: editedDir });
      const first = readMigrations(editedDir)[0];
      writeFileSync(path.join(editedDir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
      await expect(migrate(url, { dir: editedDir })).rejects.toThrow(/was edited after it was applied/);
    });
  });
});

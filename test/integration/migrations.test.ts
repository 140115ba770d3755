import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

describe("data migrations", () => {
  /** A database migrated up to (not including) `first`, then the rest once `seed` wrote old rows. */
  async function migrateAcross(first: string, seed: (database: string) => Promise<void>) {
    const { name, url } = freshDatabase();
    const before = mkdtempSync(path.join(tmpdir(), "m06-migrations-"));
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    for (const m of readMigrations())
      if (m.name >= first) rmSync(path.join(before, m.name), { recursive: true });
    await migrate(url, { dir: before });
    await seed(name);
    expect(await migrate(url)).toContain(first);
    return name;
  }
  const rowsOf = async (sql: string, database: string) =>
    (await admin.query<RowDataPacket[]>(`${sql.replaceAll("db.", `\`${database}\`.`)}`))[0];

  it("renames tmoy to tnTxMean, keeping the values", async () => {
    const db = await migrateAcross("20261205120000_tn_tx_mean", async (database) => {
      await admin.query(
        `INSERT INTO ??.Station (id, slug, name, shortName, commune, latitude, longitude, altitude, archiveDatabase, updatedAt)
         VALUES (1, 'nice', 'Nice', 'Nice', 'Nice', 43.7, 7.3, 10, 'weewx_nice', NOW())`,
        [database],
      );
      await admin.query(
        `INSERT INTO ??.ClimateDay (stationId, day, partial, tn, tx, tmoy, tnCoverage, txCoverage, t24Count, t8Count, rrCoverage, dayCoverage, fingerprint, computedAt)
         VALUES (1, '2025-06-01', 0, 15, 27, 21, 1, 1, 24, 8, 1, 1, 'f', NOW())`,
        [database],
      );
      await admin.query(
        "INSERT INTO ??.ClimateMonth (stationId, month, inProgress, tmoy) VALUES (1, '2025-06', 0, 20.5)",
        [database],
      );
    });
    expect(await rowsOf("SELECT tnTxMean FROM db.ClimateDay", db)).toEqual([{ tnTxMean: 21 }]);
    expect(await rowsOf("SELECT tnTxMean FROM db.ClimateMonth", db)).toEqual([{ tnTxMean: 20.5 }]);
  });

  it("converts the French enum values to English in columns, comma-separated zones and revision JSON", async () => {
    const oldDetails = {
      forecast: [
        { day: "2025-06-01", zone: "LITTORAL", sky: "PEU_NUAGEUX", tMin: 18, tMax: 27, windDir: "SE" },
        { day: "2025-06-01", zone: "HAUT_PAYS", sky: "ORAGE", tMin: 8, tMax: 19, windDir: null },
      ],
      vigilance: {
        level: "JAUNE",
        phenomena: ["orages", "pluie-inondation"],
        zones: ["LITTORAL", "MOYEN_PAYS"],
        validFrom: "2025-06-01T06:00:00.000Z",
        validUntil: "2025-06-02T06:00:00.000Z",
      },
    };
    const db = await migrateAcross("20261205121000_english_enums", async (database) => {
      await admin.query(
        `INSERT INTO ??.Station (id, slug, name, shortName, commune, latitude, longitude, altitude, archiveDatabase, updatedAt, zone)
         VALUES (1, 'colmiane', 'La Colmiane', 'Colmiane', 'Valdeblore', 44.1, 7.2, 1500, 'weewx_c', NOW(), 'HAUT_PAYS'),
                (2, 'nice', 'Nice', 'Nice', 'Nice', 43.7, 7.3, 10, 'weewx_n', NOW(), DEFAULT)`,
        [database],
      );
      await admin.query(
        `INSERT INTO ??.Article (id, type, title, slug, excerpt, bodyHtml, bodyText, updatedAt)
         VALUES (1, 'FORECAST', 'Prévision', 'prevision', '', '', '', NOW()),
                (2, 'VIGILANCE', 'Vigilance', 'vigilance', '', '', '', NOW())`,
        [database],
      );
      await admin.query(
        `INSERT INTO ??.ForecastDay (articleId, day, zone, sky) VALUES
         (1, '2025-06-01', 'LITTORAL', 'SOLEIL'), (1, '2025-06-01', 'MOYEN_PAYS', 'BROUILLARD'),
         (1, '2025-06-01', 'HAUT_PAYS', 'NEIGE')`,
        [database],
      );
      await admin.query(
        `INSERT INTO ??.VigilanceNotice (articleId, level, phenomena, zones, validFrom, validUntil)
         VALUES (2, 'ROUGE', 'orages', 'LITTORAL,MOYEN_PAYS,HAUT_PAYS', NOW(), NOW())`,
        [database],
      );
      await admin.query(
        "INSERT INTO ??.ArticleRevision (articleId, title, excerpt, bodyHtml, details, autosave) VALUES (2, 'v', '', '<p>Pluie</p>', ?, 1), (1, 'p', '', '', NULL, 0)",
        [database, JSON.stringify(oldDetails)],
      );
    });
    expect(await rowsOf("SELECT id, zone FROM db.Station ORDER BY id", db)).toEqual([
      { id: 1, zone: "HIGHLAND" },
      { id: 2, zone: "COAST" },
    ]);
    expect(await rowsOf("SELECT zone, sky FROM db.ForecastDay ORDER BY zone", db)).toEqual([
      { zone: "COAST", sky: "SUNNY" },
      { zone: "MIDLAND", sky: "FOG" },
      { zone: "HIGHLAND", sky: "SNOW" },
    ]);
    expect(await rowsOf("SELECT level, phenomena, zones FROM db.VigilanceNotice", db)).toEqual([
      { level: "RED", phenomena: "orages", zones: "COAST,MIDLAND,HIGHLAND" },
    ]);
    const [revision, without] = await rowsOf(
      "SELECT details, bodyHtml FROM db.ArticleRevision ORDER BY id",
      db,
    );
    expect(revision.details).toEqual({
      forecast: [
        { ...oldDetails.forecast[0], zone: "COAST", sky: "PARTLY_CLOUDY" },
        { ...oldDetails.forecast[1], zone: "HIGHLAND", sky: "THUNDERSTORM" },
      ],
      vigilance: { ...oldDetails.vigilance, level: "YELLOW", zones: ["COAST", "MIDLAND"] },
    });
    expect(revision.bodyHtml).toBe("<p>Pluie</p>"); // text is left alone
    expect(without.details).toBeNull();
    // the old values are refused from now on
    await expect(admin.query("UPDATE ??.Station SET zone = 'LITTORAL' WHERE id = 1", [db])).rejects.toThrow();
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getDMMF } from "@prisma/internals";
import type { RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/**
 * The migrations are hand-written SQL; this proves that a database built from them has exactly the
 * tables, columns, types, nullability and enum values that prisma/schema describes.
 */

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
};

const SCALAR_TYPES: Record<string, (column: ColumnRow) => boolean> = {
  Int: (c) => c.DATA_TYPE === "int",
  BigInt: (c) => c.DATA_TYPE === "bigint",
  Float: (c) => c.DATA_TYPE === "double",
  Decimal: (c) => c.DATA_TYPE === "decimal",
  Boolean: (c) => c.COLUMN_TYPE === "tinyint(1)",
  DateTime: (c) => ["datetime", "date", "timestamp", "time"].includes(c.DATA_TYPE),
  String: (c) => ["varchar", "char", "text", "mediumtext", "longtext", "tinytext"].includes(c.DATA_TYPE),
  Json: (c) => ["longtext", "json"].includes(c.DATA_TYPE),
  Bytes: (c) => ["blob", "longblob", "mediumblob", "varbinary", "binary"].includes(c.DATA_TYPE),
};

interface ColumnRow extends RowDataPacket {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: "YES" | "NO";
}

let dbs: TestDatabases;
let columns: ColumnRow[];

beforeAll(async () => {
  dbs = await createTestDatabases();
  [columns] = await dbs.admin.query<ColumnRow[]>(
    "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?",
    [`${dbs.prefix}app`],
  );
});
afterAll(() => dbs?.drop());

async function dmmf() {
  const dir = path.join("prisma", "schema");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .map((f) => [path.join(dir, f), readFileSync(path.join(dir, f), "utf8")] as [string, string]);
  return getDMMF({ datamodel: files });
}

describe("migrations match schema.prisma", () => {
  it("has exactly the tables of the models", async () => {
    const { datamodel } = await dmmf();
    const expected = datamodel.models.map((m) => m.dbName ?? m.name).sort();
    const actual = [...new Set(columns.map((c) => c.TABLE_NAME))]
      .filter((t) => t !== "_prisma_migrations")
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has exactly the columns of each model, with matching types, nullability and enum values", async () => {
    const { datamodel } = await dmmf();
    const enums = new Map(datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
    const problems: string[] = [];
    for (const model of datamodel.models) {
      const table = model.dbName ?? model.name;
      const actual = new Map(columns.filter((c) => c.TABLE_NAME === table).map((c) => [c.COLUMN_NAME, c]));
      const scalars = (model.fields as unknown as DmmfField[]).filter((f) => f.kind !== "object");
      const expectedNames = new Set(scalars.map((f) => f.dbName ?? f.name));
      for (const name of actual.keys())
        if (!expectedNames.has(name)) problems.push(`${table}.${name} is not in the schema`);
      for (const field of scalars) {
        const name = field.dbName ?? field.name;
        const column = actual.get(name);
        if (!column) {
          problems.push(`${table}.${name} is missing from the migrations`);
          continue;
        }
        if ((column.IS_NULLABLE === "NO") !== field.isRequired)
          problems.push(`${table}.${name}: nullability differs`);
        if (field.kind === "enum") {
          const values = enums.get(field.type) ?? [];
          const expectedType = `enum(${values.map((v) => `'${v}'`).join(",")})`;
          if (column.COLUMN_TYPE !== expectedType)
            problems.push(`${table}.${name}: ${column.COLUMN_TYPE} ≠ ${expectedType}`);
        } else if (!SCALAR_TYPES[field.type]?.(column)) {
          problems.push(`${table}.${name}: ${column.COLUMN_TYPE} does not store a ${field.type}`);
        }
        const native = field.nativeType;
        if (
          native &&
          ["VarChar", "Char"].includes(native[0]) &&
          column.COLUMN_TYPE !== `${native[0].toLowerCase()}(${native[1][0]})`
        ) {
          problems.push(`${table}.${name}: ${column.COLUMN_TYPE} ≠ @db.${native[0]}(${native[1][0]})`);
        }
        if (native && native[0] === "Text" && column.DATA_TYPE !== "text")
          problems.push(`${table}.${name}: not TEXT`);
        if (native && native[0] === "Date" && column.DATA_TYPE !== "date")
          problems.push(`${table}.${name}: not DATE`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// Generates the Prisma client when prisma/schema changed since the last generation.
// `prisma generate` needs no engine binary, but the CLI insists on finding a schema-engine file: any file does.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const schemaDir = "prisma/schema";
const stamp = "lib/generated/prisma/.schema-hash";
const hash = createHash("sha256");
for (const file of readdirSync(schemaDir).sort())
  hash.update(file).update(readFileSync(path.join(schemaDir, file)));
hash.update(JSON.parse(readFileSync("node_modules/prisma/package.json", "utf8")).version);
const digest = hash.digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);
console.log("› generating the Prisma client");
execFileSync("npx", ["prisma", "generate"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.resolve("package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
writeFileSync(stamp, digest);

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers (app → components → lib): components render what they are given or what a lib/ function
 * returns; they never reach into routes or read the station archives themselves. Read from the source.
 */

const ROOT = resolve(import.meta.dirname, "../..");

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => join(folder, file));
}

/** Every module a file imports or re-exports (static or dynamic), as a path from the repository root. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  return specifiers
    .filter((s) => s.startsWith(".") || s.startsWith("@/"))
    .map((s) => (s.startsWith("@/") ? s.slice(2) : relative(ROOT, resolve(ROOT, dirname(file), s))));
}

function violations(folder: string, forbidden: RegExp): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.test(target))
      .map((target) => `${file} → ${target}`),
  );
}

describe("layers", () => {
  it("finds the imports it checks", () => {
    expect(importsOf("components/articles/ArticleBody.tsx")).toContain("components/articles/StationEmbed");
    expect(importsOf("components/articles/ArticleBody.tsx")).toContain("lib/articles/render");
  });

  it("keeps components away from app/ and from the archive reader", () => {
    expect(violations("components", /^(app(\/|$)|lib\/archive(\/|$))/)).toEqual([]);
  });

  it("keeps lib/ away from app/ and scripts/", () => {
    expect(violations("lib", /^(app|scripts)(\/|$)/)).toEqual([]);
  });
});

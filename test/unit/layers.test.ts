import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers (app → components → lib): components render what they are given or what a lib/ function
 * returns; they never reach into routes or read the station archives themselves; lib/ never imports
 * app/ or scripts/; and no module imports itself back through others (a cycle means two modules own
 * one idea between them). Read from the source, type imports included.
 */

const ROOT = resolve(import.meta.dirname, "../..");

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file) && !file.startsWith("generated"))
    .map((file) => join(folder, file));
}

const isFile = (file: string) => existsSync(join(ROOT, file)) && statSync(join(ROOT, file)).isFile();

/** The source file a module path names ("lib/time" → "lib/time/index.ts"), or the path itself. */
function fileOf(target: string): string {
  const candidates = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`];
  return candidates.find(isFile) ?? target;
}

/** Every module a file imports or re-exports (static or dynamic), as a file path from the repository root. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  return specifiers
    .filter((s) => s.startsWith(".") || s.startsWith("@/"))
    .map((s) => fileOf(s.startsWith("@/") ? s.slice(2) : relative(ROOT, resolve(ROOT, dirname(file), s))));
}

function violations(folder: string, forbidden: RegExp): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.test(target))
      .map((target) => `${file} → ${target}`),
  );
}

/** The import cycles among `files`: each strongly connected group of more than one file (Tarjan). */
function cycles(files: readonly string[]): string[][] {
  const graph = new Map(
    files.map((file) => [file, importsOf(file).filter((t) => !t.includes("/generated/"))]),
  );
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1 || graph.get(file)?.includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe("layers", () => {
  it("finds the imports it checks", () => {
    expect(importsOf("components/articles/ArticleBody.tsx")).toContain(
      "components/articles/StationEmbed.tsx",
    );
    expect(importsOf("components/articles/ArticleBody.tsx")).toContain("lib/articles/render.ts");
    expect(importsOf("lib/aggregates/job.ts")).toContain("lib/time/index.ts");
  });

  it("keeps components away from app/ and from the archive reader", () => {
    expect(violations("components", /^(app(\/|$)|lib\/archive(\/|$))/)).toEqual([]);
  });

  it("keeps lib/ away from app/ and scripts/", () => {
    expect(violations("lib", /^(app|scripts)(\/|$)/)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cycles(["app", "components", "lib"].flatMap(sourceFiles))).toEqual([]);
  });
});

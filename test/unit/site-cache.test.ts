import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The apex pages are cached whole and never rendered at build time (app/(site)/layout.tsx renders
 * nothing then), so the build cannot notice that a page reads the request: each one that does must
 * say so with `dynamic = "force-dynamic"`, or it would be cached for one visitor's query and served
 * to all. Read from the source.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const SITE = "app/(site)";
const REQUEST_READS = /\b(searchParams|connection\(|cookies\(|headers\(|draftMode\(|auth\()/;

describe("apex routes", () => {
  const routes = readdirSync(join(ROOT, SITE), { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)(page|route)\.tsx?$/.test(file))
    .map((file) => ({ file, source: readFileSync(join(ROOT, SITE, file), "utf8") }));

  it("declare force-dynamic when they read the request", () => {
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes
      .filter(({ source }) => REQUEST_READS.test(source) && !/dynamic = "force-dynamic"/.test(source))
      .map(({ file }) => file);
    expect(undeclared).toEqual([]);
  });

  it("keep the pages of the home, sections, articles, feeds, search, network and climatology cached", () => {
    const dynamic = routes
      .filter(({ source }) => /dynamic = "force-dynamic"/.test(source))
      .map(({ file }) => file)
      .sort();
    expect(dynamic).toEqual([
      "auteurs/[id]/page.tsx",
      "foudre/page.tsx",
      "foudre/statistiques/page.tsx",
      "recherche/resultats/page.tsx",
      "selection/[section]/page.tsx",
    ]);
  });
});

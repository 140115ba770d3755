// `next build` renders the apex pages (app/(site)) without data: their layout renders nothing at build
// time (no database, no SITE_URL). Drop those renders, so that each page is rendered on its first
// visit at run time and cached from then on, instead of the empty page being served once as stale.
import { existsSync, readFileSync, rmSync } from "node:fs";

const routes = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8"));
const apex = Object.entries(routes)
  .filter(([appPath]) => appPath.startsWith("/(site)/") && appPath.endsWith("/page"))
  .map(([, route]) => (route === "/" ? "/index" : route));
let dropped = 0;
for (const root of [".next/server/app", ".next/standalone/.next/server/app"]) {
  for (const route of apex) {
    for (const suffix of [".html", ".rsc", ".meta", ".segments"]) {
      const file = `${root}${route}${suffix}`;
      if (!existsSync(file)) continue;
      rmSync(file, { recursive: true, force: true });
      dropped++;
    }
  }
}
console.log(`› build: ${dropped} files of apex pages rendered without data dropped`);

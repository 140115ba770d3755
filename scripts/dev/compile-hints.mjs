// Every client chunk starts with V8's compile hint `//# allFunctionsCalledOnLoad`: a page loads a chunk
// to run it, and so Chromium compiles its functions while it streams it in, off the main thread,
// instead of one by one on the main thread as the page boots and hydrates (a third to a half of the
// long tasks after the first paint on a throttled phone; issue 19). Browsers without the hint read a
// comment. The old browsers' polyfills are left alone.
// Run after `next build`, before the static files are copied next to the standalone server: the
// chunks' SRI hashes change, so every file of the server build that names one gets the new one.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const HINT = "//# allFunctionsCalledOnLoad\n";
const integrity = (bytes) => `sha256-${createHash("sha256").update(bytes).digest("base64")}`;

const { polyfillFiles } = JSON.parse(readFileSync(".next/build-manifest.json", "utf8"));
const renamed = new Map();
for (const name of readdirSync(".next/static/chunks")) {
  const file = `static/chunks/${name}`;
  if (!name.endsWith(".js") || polyfillFiles.includes(file)) continue;
  const code = readFileSync(path.join(".next", file));
  if (code.toString("utf8", 0, HINT.length) === HINT) continue;
  const hinted = Buffer.concat([Buffer.from(HINT), code]);
  writeFileSync(path.join(".next", file), hinted);
  renamed.set(integrity(code), integrity(hinted));
}

/** Replaces the old hashes in the text files under `dir` (SRI manifests, prerendered pages). */
function rewrite(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      rewrite(full);
      continue;
    }
    if (!/\.(json|js|html|rsc|meta)$/.test(name)) continue;
    const text = readFileSync(full, "utf8");
    let changed = text;
    for (const [before, after] of renamed) changed = changed.replaceAll(before, after);
    if (changed !== text) writeFileSync(full, changed);
  }
}
if (renamed.size > 0)
  for (const dir of [".next/server", ".next/standalone/.next/server"]) if (existsSync(dir)) rewrite(dir);
console.log(`› compile hints: ${renamed.size} chunks`);

// The standalone server does not include public/ and .next/static/: copy them next to server.js.
import { cpSync, existsSync, rmSync } from "node:fs";

for (const [from, to] of [
  [".next/static", ".next/standalone/.next/static"],
  ["public", ".next/standalone/public"],
]) {
  if (!existsSync(from)) continue;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** Where a program lives among the usual system folders (or whether an absolute path exists), or null. */
export function findBinary(name: string): string | null {
  if (path.isAbsolute(name)) return existsSync(name) ? name : null;
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Makes sure a Debian package's program is there: installs the package with apt-get when we are root,
 * otherwise stops with the command to run. Returns the program's path.
 */
export function ensureDebianProgram(program: string, packageName: string, purpose: string): string {
  const found = findBinary(program);
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(`${program} is missing (${purpose}): sudo apt-get install ${packageName}`);
  }
  console.log(`› installing Debian's ${packageName} (${purpose})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", packageName], {
    stdio: "inherit",
    env,
  });
  const installed = findBinary(program);
  if (!installed) throw new Error(`apt-get installed ${packageName} but ${program} is still missing`);
  return installed;
}

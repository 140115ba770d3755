import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Files the platform stores itself (webcam images, station photos), outside any public folder: they are
 * served by route handlers that validate every path component.
 */

/**
 * The directory named by the environment variable `name`, which must be absolute (the standalone server
 * changes its working directory), or `fallback` under the working directory when unset.
 */
export function storageDir(name: string, fallback: string): string {
  const value = process.env[name]?.trim();
  if (!value) return path.resolve(fallback);
  if (!path.isAbsolute(value)) throw new Error(`${name} must be an absolute path (got "${value}")`);
  return value;
}

/** Writes through a temporary file and a rename, so readers never see a half-written file. */
export async function writeFileAtomic(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

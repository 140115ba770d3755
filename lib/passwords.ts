import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations). */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of a random password, made once with the same parameters as real ones. */
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `passwordHash`. Without a hash (no such account, or one that has not
 * chosen a password yet) the same argon2 work is done against a dummy hash, and the answer is no:
 * how long a login takes says nothing about whether the account exists.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  try {
    const matches = await verify(passwordHash ?? (await dummyHash), password);
    return matches && passwordHash !== null;
  } catch {
    return false;
  }
}

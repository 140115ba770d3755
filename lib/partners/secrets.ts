import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { UserError } from "../errors";

/**
 * Partner credentials are stored encrypted (AES-256-GCM) with a key that only lives in the environment
 * (PARTNER_SECRET_KEY, 32 random bytes in base64 or hex). They are never logged or shown back in full:
 * the admin shows them masked, and every text that leaves a sender goes through redact().
 */

export const SECRET_KEY_VARIABLE = "PARTNER_SECRET_KEY";

export class PartnerSecretKeyError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "PartnerSecretKeyError";
  }
}

export interface Credentials {
  /** FTP login (StatIC); ROMMA only needs the password. */
  username: string;
  password: string;
}

const VERSION = "v1";
export const MASK = "********";

/** The key, or null when the variable is not set; a malformed key is an error, never ignored. */
export function partnerSecretKey(env: Record<string, string | undefined> = process.env): Buffer | null {
  const raw = env[SECRET_KEY_VARIABLE]?.trim();
  if (!raw) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) {
    throw new PartnerSecretKeyError(
      `${SECRET_KEY_VARIABLE} must be 32 random bytes in base64 or hex (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

function requireKey(): Buffer {
  const key = partnerSecretKey();
  if (!key) {
    throw new PartnerSecretKeyError(
      `${SECRET_KEY_VARIABLE} is not set: partner credentials cannot be encrypted or read`,
    );
  }
  return key;
}

/**
 * Encrypts credentials for one feed. `context` (e.g. "12:ROMMA") is bound to the ciphertext, so that a
 * value copied into another feed's row does not decrypt.
 */
export function encryptCredentials(credentials: Credentials, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", requireKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptCredentials(stored: string, context: string): Credentials {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !body) {
    throw new PartnerSecretKeyError("stored partner credentials are not in a known format");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", requireKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    const parsed = JSON.parse(text.toString("utf8")) as Credentials;
    return { username: String(parsed.username ?? ""), password: String(parsed.password ?? "") };
  } catch (error) {
    if (error instanceof PartnerSecretKeyError) throw error;
    throw new PartnerSecretKeyError(
      `stored partner credentials cannot be decrypted: was ${SECRET_KEY_VARIABLE} changed?`,
    );
  }
}

/** A login shown in the admin: its first two characters only. */
export function maskLogin(username: string): string {
  if (!username) return "";
  return `${username.slice(0, Math.min(2, username.length - 1))}${"•".repeat(6)}`;
}

/** Replaces every occurrence of the secrets (raw or URL-encoded) and any pwd= parameter with the mask. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  const forms = secrets
    .filter((s) => s.length > 0)
    .flatMap((s) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)]);
  // Longest first, so that a secret containing another one is masked whole.
  for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(MASK);
  }
  return result.replace(/(\bpwd=)[^&\s"';]*/g, `$1${MASK}`);
}

import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  decryptCredentials,
  encryptCredentials,
  MASK,
  maskLogin,
  PartnerSecretKeyError,
  partnerSecretKey,
  redact,
} from "@/lib/partners/secrets";
import { partnerSettings } from "@/lib/partners/settings";

const saved = process.env.PARTNER_SECRET_KEY;
beforeEach(() => {
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
});
afterEach(() => {
  process.env.PARTNER_SECRET_KEY = saved;
});

describe("partner credentials at rest", () => {
  const credentials = { username: "static-0612", password: "pa$$ wörd&=" };

  it("round-trips, never stores the secret in clear, and differs at each encryption", () => {
    const a = encryptCredentials(credentials, "3:STATIC");
    const b = encryptCredentials(credentials, "3:STATIC");
    expect(a).not.toBe(b);
    expect(a).not.toContain("static-0612");
    expect(a).not.toContain(Buffer.from("pa$$").toString("base64").slice(0, 4));
    expect(decryptCredentials(a, "3:STATIC")).toEqual(credentials);
  });

  it("refuses a ciphertext moved to another feed, or read with another key", () => {
    const sealed = encryptCredentials(credentials, "3:STATIC");
    expect(() => decryptCredentials(sealed, "4:STATIC")).toThrow(/cannot be decrypted/);
    process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("hex");
    expect(() => decryptCredentials(sealed, "3:STATIC")).toThrow(PartnerSecretKeyError);
  });

  it("explains a missing or malformed key", () => {
    process.env.PARTNER_SECRET_KEY = "";
    expect(partnerSecretKey()).toBeNull();
    expect(() => encryptCredentials(credentials, "x")).toThrow(/PARTNER_SECRET_KEY is not set/);
    process.env.PARTNER_SECRET_KEY = "too-short";
    expect(() => partnerSecretKey()).toThrow(/32 random bytes/);
  });
});

describe("masking", () => {
  it("masks every form of the secrets and any pwd parameter", () => {
    const text =
      "GET /donnees.php?id=1&pwd=p%26ss&date=2 failed for user static-0612 with password p&ss; pwd=other";
    const masked = redact(text, ["static-0612", "p&ss"]);
    expect(masked).not.toMatch(/static-0612|p&ss|p%26ss|other/);
    expect(masked).toContain(`pwd=${MASK}&date=2`);
    expect(maskLogin("static-0612")).toBe("st••••••");
    expect(maskLogin("ab")).toBe("a••••••");
  });
});

describe("settings", () => {
  it("has defaults and refuses nonsense with the variable's name", () => {
    expect(partnerSettings({})).toEqual({ timeoutMs: 30_000, retryDelayMs: 5_000, logRetentionDays: 90 });
    expect(partnerSettings({ PARTNER_TIMEOUT_SECONDS: "0.5" }).timeoutMs).toBe(500);
    expect(() => partnerSettings({ PARTNER_LOG_RETENTION_DAYS: "-3" })).toThrow(/PARTNER_LOG_RETENTION_DAYS/);
    expect(() => partnerSettings({ PARTNER_RETRY_DELAY_SECONDS: "soon" })).toThrow(
      /PARTNER_RETRY_DELAY_SECONDS must be a number/,
    );
  });
});

import { z } from "zod";
import { UserError } from "../errors";

/**
 * Settings of the partner feeds, from the environment (documented in the README). Read at each use so
 * that a test or a long-running server sees the current environment.
 */

export class PartnerSettingsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "PartnerSettingsError";
  }
}

const positive = (name: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .refine((v) => Number.isFinite(v) && v > 0 && v <= max, {
      message: `${name} must be a number greater than 0 and at most ${max}`,
    })
    .default(fallback);

const schema = z.object({
  PARTNER_TIMEOUT_SECONDS: positive("PARTNER_TIMEOUT_SECONDS", 30, 600),
  PARTNER_RETRY_DELAY_SECONDS: positive("PARTNER_RETRY_DELAY_SECONDS", 5, 300),
  PARTNER_LOG_RETENTION_DAYS: positive("PARTNER_LOG_RETENTION_DAYS", 90, 3650),
});

export interface PartnerSettings {
  /** Connect and inactivity timeout of one FTP session or HTTP request. */
  timeoutMs: number;
  /** Delay before the first retry of a ROMMA request; doubled for the next one. */
  retryDelayMs: number;
  /** Age after which the audit log is pruned. */
  logRetentionDays: number;
}

export function partnerSettings(env: Record<string, string | undefined> = process.env): PartnerSettings {
  const blankless = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key]?.trim() ? env[key] : undefined]),
  );
  const result = schema.safeParse(blankless);
  if (!result.success) throw new PartnerSettingsError(result.error.issues.map((i) => i.message).join("; "));
  const values = result.data;
  return {
    timeoutMs: Math.round(values.PARTNER_TIMEOUT_SECONDS * 1000),
    retryDelayMs: Math.round(values.PARTNER_RETRY_DELAY_SECONDS * 1000),
    logRetentionDays: values.PARTNER_LOG_RETENTION_DAYS,
  };
}

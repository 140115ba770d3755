import nodemailer, { type Transporter } from "nodemailer";
import { UserError } from "./errors";

/**
 * Outgoing e-mail (password resets, alerts, lightning warnings) through the SMTP server of
 * SMTP_URL (smtp://user:password@host:587 or smtps://…:465); MAIL_FROM is the sender.
 */

export class MailNotConfiguredError extends UserError {
  constructor() {
    super("SMTP_URL is not set: e-mail cannot be sent");
    this.name = "MailNotConfiguredError";
  }
}

export interface Mail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

let cached: { url: string; transporter: Transporter } | undefined;

function transporter(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new MailNotConfiguredError();
  if (cached?.url !== url) {
    cached = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return cached.transporter;
}

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/** Sends one message; rejects with the server's answer when it refuses (callers decide what that means). */
export async function sendMail(mail: Mail): Promise<void> {
  await transporter().sendMail({ from: process.env.MAIL_FROM ?? "Météo06 <noreply@meteo06.fr>", ...mail });
}

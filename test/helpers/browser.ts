import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium (never a downloaded browser), headless, kept off the network except loopback.
 * Playwright gives each launch a fresh temporary profile.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package (npm test does it as root)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // *.localhost is loopback by definition; say so explicitly so that no resolver is asked.
      "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
    ],
  });
}

import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterEach } from "vitest";

/**
 * Debian's Chromium (never a downloaded browser), headless, kept off the network except loopback.
 * Playwright gives each launch a fresh temporary profile.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Content-Security-Policy violations reported by any page of any browser this file launched. The test
 * that was running when one was reported fails (a page whose script the policy blocks is broken, and
 * a blocked injected script is an injection that reached the page).
 */
const violations: string[] = [];
/** Violations a test file expects (allowPolicyViolations), with the reason it gives. */
const expected: RegExp[] = [];

afterEach(() => {
  const reported = violations.splice(0).filter((text) => !expected.some((pattern) => pattern.test(text)));
  if (reported.length === 0) return;
  throw new Error(`Content-Security-Policy violation(s):\n${reported.join("\n")}`);
});

/**
 * Lets the tests of this file pass despite violations matching `pattern`: only for what the test setting
 * causes and production does not (say why where it is called).
 */
export function allowPolicyViolations(pattern: RegExp): void {
  expected.push(pattern);
}

/** Takes the violations reported so far, for a test that provokes one on purpose. */
export function takePolicyViolations(): string[] {
  return violations.splice(0);
}

/** Reports every `securitypolicyviolation` event of the context's pages to `violations`. */
async function watchPolicyViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding("__reportPolicyViolation", ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportPolicyViolation(text: string): void })
        .__reportPolicyViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sample || "no sample"})`,
      );
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package (npm test does it as root)`,
    );
  }
  const browser = await chromium.launch({
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
  // browser.newPage() makes its context with this.newContext(): both are watched.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchPolicyViolations(context);
    return context;
  };
  return browser;
}

/**
 * The `index`th chart of the page, scrolled into view and drawn: charts import chart.js only once they
 * near the screen, so one below the fold stays a blank canvas until then.
 */
export async function drawnChart(page: Page, index = 0): Promise<Locator> {
  const chart = page.locator("figure[data-chart]").nth(index);
  await chart.scrollIntoViewIfNeeded();
  await chart.and(page.locator("[data-chart=ready]")).waitFor({ timeout: 20_000 });
  return chart;
}

/**
 * Scrolls to each map of the page and waits for Leaflet to draw it: a map loads Leaflet only when it
 * nears the screen (components/map/useLeafletMap.ts).
 */
export async function showMaps(page: Page, timeout = 30_000): Promise<void> {
  for (const map of await page.locator(".map").all()) {
    await map.scrollIntoViewIfNeeded();
    await map.and(page.locator(".leaflet-container")).waitFor({ timeout });
  }
}

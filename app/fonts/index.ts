import localFont from "next/font/local";

/**
 * The site's one text font, served with the pages and preloaded. A web font rather than the phone's own:
 * Chromium on Linux asks its browser process (a synchronous round trip) about each size of each system
 * font a page lays out, which made the first layout of a page wait 50–160 ms (issue 19); a web font is
 * described by its own file. The fallback is sized like it (no shift when it arrives late).
 */
export const textFont = localFont({
  src: "./inter-text.woff2",
  weight: "400 700",
  display: "swap",
  variable: "--font-text",
  adjustFontFallback: "Arial",
});

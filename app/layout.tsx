import type { Metadata, Viewport } from "next";
import { ServiceWorkerRegistration } from "@/components/site/ServiceWorkerRegistration";
import { THEME_SCRIPT } from "@/lib/security/inline-scripts";
import { textFont } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Météo06", template: "%s – Météo06" },
  description: "Prévisions, vigilance, climatologie et stations météo amateurs des Alpes-Maritimes.",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/icon-192.png", type: "image/png", sizes: "192x192" },
    ],
    apple: "/apple-icon.png",
  },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f8fb" },
    { media: "(prefers-color-scheme: dark)", color: "#0f141a" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates.
    <html lang="fr" className={textFont.variable} suppressHydrationWarning>
      <head>
        {/* Allowed by its hash (lib/security/inline-scripts.ts): the stored light/dark choice, before paint. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, allowed by its CSP hash */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}

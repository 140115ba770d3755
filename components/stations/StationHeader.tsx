import Link from "next/link";
import { lightningEnabled } from "@/lib/lightning/settings";

/** Header of a station mini-site. Sections add their entry to NAV when they exist (`shown`: only when configured). */
const NAV: { href: string; label: string; shown?: () => boolean }[] = [
  { href: "/", label: "Conditions actuelles" },
  { href: "/foudre", label: "Foudre", shown: lightningEnabled },
];

export function StationHeader({ name, networkUrl }: { name: string; networkUrl: string }) {
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">
          {name}
        </Link>
        <nav aria-label="Navigation de la station">
          <ul>
            {NAV.filter((item) => item.shown?.() ?? true).map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
            <li>
              <a href={networkUrl}>Réseau Météo06</a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

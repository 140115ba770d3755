import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole, signOut } from "@/lib/auth";
import { lightningEnabled } from "@/lib/lightning/settings";

export const metadata: Metadata = { title: "Administration", robots: { index: false } };

/** Back-office sections add their entry here, with the lowest role that may see it (`shown`: only when configured). */
const NAV: { href: string; label: string; shown?: () => boolean }[] = [
  { href: "/admin", label: "Tableau de bord" },
  { href: "/admin/foudre", label: "Foudre", shown: lightningEnabled },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole("AUTHOR", "/admin");
  return (
    <>
      <header className="site-header">
        <div className="inner">
          <Link className="brand" href="/admin">
            Météo06 · administration
          </Link>
          <nav aria-label="Administration">
            <ul>
              {NAV.filter((item) => item.shown?.() ?? true).map((item) => (
                <li key={item.href}>
                  <Link href={item.href}>{item.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <form
            action={async () => {
              "use server";
              await signOut({ redirectTo: "/" });
            }}
          >
            <span className="muted">{user.name} </span>
            <button type="submit">Se déconnecter</button>
          </form>
        </div>
      </header>
      <main id="contenu">{children}</main>
    </>
  );
}

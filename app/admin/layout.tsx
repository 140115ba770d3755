import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole, signOut } from "@/lib/auth";

export const metadata: Metadata = { title: "Administration", robots: { index: false } };

/** Back-office sections add their entry here, with the lowest role that may see it. */
const NAV = [
  { href: "/admin", label: "Tableau de bord" },
  { href: "/admin/stations", label: "Stations" },
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
              {NAV.map((item) => (
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

import type { Metadata } from "next";
import Link from "next/link";
import { hasRole, requirePageRole, signOut } from "@/lib/auth";
import type { Role } from "@/lib/generated/prisma/enums";

export const metadata: Metadata = { title: "Administration", robots: { index: false } };

/** Back-office sections add their entry here, with the lowest role that may see it. */
const NAV: { href: string; label: string; role: Role }[] = [
  { href: "/admin", label: "Tableau de bord", role: "AUTHOR" },
  { href: "/admin/climatologie", label: "Climatologie", role: "EDITOR" },
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
              {NAV.filter((item) => hasRole(user, item.role)).map((item) => (
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

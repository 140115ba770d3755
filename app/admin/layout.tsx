import type { Metadata } from "next";
import { Header, type NavItem } from "@/components/site/Header";
import { hasRole, requirePageRole, signOut } from "@/lib/auth";
import type { Role } from "@/lib/generated/prisma/enums";
import { lightningEnabled } from "@/lib/lightning/settings";

export const metadata: Metadata = { title: "Administration", robots: { index: false } };

/** Back-office sections add their entry here, with the lowest role that may see it. */
const NAV: (NavItem & { role: Role })[] = [
  { href: "/admin", label: "Tableau de bord", role: "AUTHOR" },
  { href: "/admin/stations", label: "Stations", role: "AUTHOR" },
  { href: "/admin/articles", label: "Articles", role: "AUTHOR" },
  { href: "/admin/medias", label: "Médiathèque", role: "AUTHOR" },
  { href: "/admin/categories", label: "Catégories", role: "EDITOR" },
  { href: "/admin/climatologie", label: "Climatologie", role: "EDITOR" },
  { href: "/admin/utilisateurs", label: "Utilisateurs", role: "ADMIN" },
  { href: "/admin/foudre", label: "Foudre", role: "AUTHOR", shown: lightningEnabled },
  { href: "/admin/partenaires", label: "Partenaires", role: "ADMIN" },
  { href: "/admin/etat", label: "État du serveur", role: "ADMIN" },
  { href: "/admin/compte", label: "Mon compte", role: "AUTHOR" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole("AUTHOR", "/admin");
  return (
    <>
      <Header
        brand="Météo06 · administration"
        brandHref="/admin"
        navLabel="Administration"
        items={NAV.filter((item) => hasRole(user, item.role))}
      >
        <form
          action={async () => {
            "use server";
            await signOut({ redirectTo: "/" });
          }}
        >
          <span className="muted">{user.name} </span>
          <button type="submit">Se déconnecter</button>
        </form>
      </Header>
      <main id="contenu">{children}</main>
    </>
  );
}

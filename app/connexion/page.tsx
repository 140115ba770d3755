import type { Metadata } from "next";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Connexion", robots: { index: false } };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ retour?: string }> }) {
  const { retour } = await searchParams;
  return (
    <>
      <SiteHeader />
      <main id="contenu">
        <h1>Connexion</h1>
        <p className="muted">Espace réservé à l'équipe Météo06 et aux responsables de stations.</p>
        <LoginForm returnTo={retour ?? "/admin"} />
        <p>
          <a href="/connexion/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}

import type { Metadata } from "next";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { tokenIsValid } from "@/lib/accounts/password-tokens";
import { NewPasswordForm } from "../PasswordForms";

export const metadata: Metadata = { title: "Nouveau mot de passe", robots: { index: false } };

export default async function NewPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ jeton?: string }>;
}) {
  const token = (await searchParams).jeton ?? "";
  const valid = token.length > 20 && token.length < 100 && (await tokenIsValid(token));
  return (
    <>
      <SiteHeader />
      <main id="contenu">
        <h1>Choisir un mot de passe</h1>
        {valid ? (
          <NewPasswordForm token={token} />
        ) : (
          <p className="error" role="alert">
            Ce lien a expiré ou a déjà servi.{" "}
            <a href="/connexion/mot-de-passe-oublie">Demander un nouveau lien</a>
          </p>
        )}
      </main>
      <SiteFooter />
    </>
  );
}

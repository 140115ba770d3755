import type { Metadata } from "next";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { ForgotPasswordForm } from "../PasswordForms";

export const metadata: Metadata = { title: "Mot de passe oublié", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <>
      <SiteHeader />
      <main id="contenu">
        <h1>Mot de passe oublié</h1>
        <p className="muted">
          Indiquez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.
        </p>
        <ForgotPasswordForm />
      </main>
      <SiteFooter />
    </>
  );
}

/** Shown instead of an admins-only page to other signed-in users. */
export function AccessDenied() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p className="banner banner-danger" role="alert">
        Cette page est réservée aux administrateurs.
      </p>
    </>
  );
}

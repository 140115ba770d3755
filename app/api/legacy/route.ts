import { resolveLegacy } from "@/lib/articles/legacy";
import { sitePath } from "@/lib/hosts";

/**
 * Old WordPress addresses, reached through proxy.ts (which passes the original path and query in
 * `from`): a 301 to the new address, or a French 404.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const from = request.headers.get("x-legacy-from") ?? url.searchParams.get("from") ?? "/";
  const resolved = from.startsWith("/") ? await resolveLegacy(from) : null;
  const target = resolved && sitePath(resolved);
  if (target) {
    return new Response(null, {
      status: 301,
      headers: { Location: target, "Cache-Control": "public, max-age=3600" },
    });
  }
  return new Response(
    '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Page introuvable – Météo06</title>' +
      '<main id="contenu"><h1>Page introuvable</h1><p>Cette ancienne adresse n\'existe plus. ' +
      '<a href="/">Retour à l\'accueil</a> ou <a href="/recherche">recherche</a>.</p></main></html>',
    { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

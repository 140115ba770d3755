// Météo06 service worker: pages work offline with what the visitor last saw.
// Pages are fetched from the network first; each page read successfully is kept (the latest copy), and
// offline the kept copy is shown with a banner saying when it was read — the station home then shows the
// last known conditions. Framework files (immutable, hashed names) are kept as they are fetched.
// Never kept: the back office, sign-in, the API, or any answer marked private / no-store.
const PAGES = "meteo06-pages-v1";
const ASSETS = "meteo06-assets-v1";
const PRIVATE_PATH = /^\/(admin|connexion|api)(\/|$)/;
const READ_AT = "x-meteo06-read-at";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function keepable(response) {
  const control = response.headers.get("cache-control") || "";
  return response.ok && response.type === "basic" && !/no-store|private/.test(control);
}

async function keepPage(request, response) {
  const headers = new Headers(response.headers);
  headers.set(READ_AT, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(PAGES);
  await cache.put(request.url, new Response(body, { status: response.status, headers }));
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function offlineBanner(readAt) {
  const when = new Date(readAt).toLocaleString("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "long",
    timeStyle: "short",
  });
  return `<p class="banner banner-warning" role="status" data-offline="">Hors ligne : cette page est celle de votre dernière visite, le ${escapeHtml(when)}. Les valeurs ne sont pas à jour.</p>`;
}

async function offlinePage(url) {
  const cache = await caches.open(PAGES);
  const kept = (await cache.match(url)) || (await cache.match(new URL("/", url).href));
  if (kept) {
    const html = await kept.text();
    const banner = offlineBanner(kept.headers.get(READ_AT));
    const headers = new Headers(kept.headers);
    headers.delete("content-length");
    // Right after <body>: React skips unexpected tags there when it hydrates, so the banner stays.
    return new Response(html.replace(/(<body\b[^>]*>)/, `$1${banner}`), { status: 200, headers });
  }
  const page = `<!doctype html><html lang="fr"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne – Météo06</title><body style="font-family:system-ui,sans-serif;margin:2rem"><h1>Hors ligne</h1><p>Pas de connexion, et aucune page de ce site n'a encore été gardée sur cet appareil. Réessayez une fois connecté.</p></body></html>`;
  return new Response(page, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || PRIVATE_PATH.test(url.pathname)) return;

  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (keepable(response) && !response.redirected) {
            const copy = response.clone();
            event.waitUntil(keepPage(request, copy));
          }
          return response;
        })
        .catch(() => offlinePage(request.url)),
    );
    return;
  }
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(
      caches.open(ASSETS).then(async (cache) => {
        const kept = await cache.match(request);
        if (kept) return kept;
        const response = await fetch(request);
        if (keepable(response)) await cache.put(request, response.clone());
        return response;
      }),
    );
  }
});

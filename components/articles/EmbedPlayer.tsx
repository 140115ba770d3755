"use client";

import { useState } from "react";

/**
 * Click-to-load player: the provider's frame (an address built by lib/articles/external.ts) appears
 * only once the reader asks for it.
 */
export function EmbedPlayer({ frame, title, provider }: { frame: string; title: string; provider: string }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <div className="embed-player">
      {loaded ? (
        <iframe
          src={frame}
          title={title}
          allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
          sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
        />
      ) : (
        <button type="button" className="embed-load" onClick={() => setLoaded(true)}>
          <span aria-hidden="true">▶</span> Lire la vidéo
          <small>La lecture charge le lecteur de {provider}, qui peut déposer des cookies.</small>
        </button>
      )}
    </div>
  );
}

"use client";

import { useEffect } from "react";

/** Registers public/sw.js (pages kept for offline reading), on the apex and on each station's site. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    navigator.serviceWorker?.register("/sw.js").catch(() => {
      // not allowed here (e.g. plain HTTP on another host than localhost): the site works without it
    });
  }, []);
  return null;
}

"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js (pages kept for offline reading), on the apex and on each station's site, once
 * the page has loaded: the worker's start and its first fetches then leave the page's own loading and
 * hydration alone.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    const register = () =>
      navigator.serviceWorker?.register("/sw.js").catch(() => {
        // not allowed here (e.g. plain HTTP on another host than localhost): the site works without it
      });
    if (document.readyState === "complete") {
      register();
      return;
    }
    window.addEventListener("load", register, { once: true });
    return () => window.removeEventListener("load", register);
  }, []);
  return null;
}

/**
 * The site's own inline scripts, word for word: lib/security/headers.ts allows exactly these texts by
 * hash (pages are cached, so no nonce). Keep them tiny; anything bigger belongs in a client component.
 */

/** The visitor's stored light/dark choice (components/site/ThemeToggle.tsx), applied before the first paint. */
export const THEME_STORAGE_KEY = "meteo06-theme";

export const THEME_SCRIPT = `try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export const SITE_INLINE_SCRIPTS: readonly string[] = [THEME_SCRIPT];

"use client";

import { useEffect, useRef, useState } from "react";
import type { LinkTarget } from "@/lib/articles/admin";
import { searchLinksAction } from "../actions";

export interface LinkChoice {
  href: string;
  newTab: boolean;
}

/**
 * The link dialog (a modal <dialog>): an address, "open in a new tab", and a search of the site's own
 * published articles and pages by title, whose result fills the address. `onApply(null)` removes the link.
 */
export function LinkDialog({
  initial,
  onApply,
  onClose,
}: {
  initial: LinkChoice;
  onApply: (link: LinkChoice | null) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [href, setHref] = useState(initial.href);
  const [newTab, setNewTab] = useState(initial.newTab);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<LinkTarget[] | null>(null);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await searchLinksAction(query).catch(() => null);
      if (current) setFound(result?.ok ? result.data : []);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <dialog ref={dialog} className="card dialog" aria-label="Lien" onCancel={onClose}>
      <form
        method="dialog"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(href.trim() ? { href: href.trim(), newTab } : null);
        }}
      >
        <h2>Lien</h2>
        <label>
          Adresse (URL)
          <input
            name="href"
            value={href}
            onChange={(e) => setHref(e.target.value)}
            placeholder="https://… ou /articles/…"
          />
        </label>
        <label>
          <input type="checkbox" checked={newTab} onChange={(e) => setNewTab(e.target.checked)} /> Ouvrir dans
          un nouvel onglet
        </label>
        <label>
          Rechercher un article ou une page du site
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {found && found.length === 0 && <p className="muted">Aucun article publié ne correspond.</p>}
        {found && found.length > 0 && (
          <ul className="link-results" aria-label="Articles et pages du site">
            {found.map((target) => (
              <li key={target.path}>
                <button type="button" onClick={() => setHref(target.path)}>
                  {target.title}
                </button>{" "}
                <span className="muted">
                  {target.kind} · {target.path}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="actions">
          <button type="button" onClick={onClose}>
            Annuler
          </button>
          {initial.href && (
            <button type="button" onClick={() => onApply(null)}>
              Retirer le lien
            </button>
          )}
          <button type="submit" className="primary">
            Appliquer
          </button>
        </p>
      </form>
    </dialog>
  );
}

"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { formatParis } from "@/lib/time/labels";
import { autosaveArticleAction } from "../actions";

const AUTOSAVE_MS = 15_000;

/** What the editor shows of its saving: the one status line of the sidebar. */
export type SaveState =
  | { kind: "saving" }
  | { kind: "unsaved" }
  | { kind: "saved"; at: string; auto: boolean }
  | { kind: "new" };

export const LEAVE_WARNING = "Des modifications ne sont pas enregistrées. Quitter la page quand même ?";

const toUnsaved = (current: SaveState): SaveState =>
  current.kind === "unsaved" ? current : { kind: "unsaved" };

const clock = (date: Date) => formatParis(date.getTime() / 1000, { hour: "2-digit", minute: "2-digit" });

/**
 * The editor's saving state. Autosaves a saved article's title, excerpt and text every 15 s while
 * they changed (drafts are updated; a published article only keeps the autosave as a revision); the
 * other fields (forecast table, vigilance, metadata) wait for a real save, so they keep the article
 * "unsaved" until then. Warns before leaving with unsaved changes: closing or reloading the tab
 * (beforeunload) and following a link of the back office. `changed("text" | "fields")` marks a
 * change, `saving()`, `saved()` and `failed()` frame a real save.
 */
export function useAutosave(
  id: number | null,
  editor: Editor | null,
  text: { title: string; excerpt: string },
  savedAt: Date | null,
) {
  const pending = useRef({ text: false, fields: false });
  const [state, setState] = useState<SaveState>(
    savedAt ? { kind: "saved", at: clock(savedAt), auto: false } : { kind: "new" },
  );
  const latest = useRef({ text, editor });
  latest.current = { text, editor };

  /** After a save: unsaved while changes wait, else `done`. */
  const settle = useRef((done: SaveState) =>
    setState((current) => (pending.current.text || pending.current.fields ? toUnsaved(current) : done)),
  ).current;

  function changed(kind: "text" | "fields") {
    pending.current[kind] = true;
    setState(toUnsaved);
  }

  useEffect(() => {
    if (!editor) return;
    const mark = () => {
      pending.current.text = true;
      setState(toUnsaved);
    };
    editor.on("update", mark);
    return () => {
      editor.off("update", mark);
    };
  }, [editor]);

  useEffect(() => {
    if (!id) return;
    const timer = setInterval(async () => {
      const { text: t, editor: e } = latest.current;
      if (!pending.current.text || !e) return;
      pending.current.text = false;
      setState({ kind: "saving" });
      const result = await autosaveArticleAction(id, {
        title: t.title,
        excerpt: t.excerpt,
        bodyHtml: e.getHTML(),
      }).catch(() => null);
      if (!result?.ok) pending.current.text = true;
      settle({ kind: "saved", at: clock(new Date()), auto: true });
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [id, settle]);

  useEffect(() => {
    const unsaved = () => pending.current.text || pending.current.fields;
    const warn = (event: BeforeUnloadEvent) => {
      if (unsaved()) event.preventDefault();
    };
    // The App Router has no "leaving" event: links are caught (window, capture) before Next's handler.
    const guardLinks = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.target === "_blank" || !unsaved()) return;
      if (new URL(link.href, location.href).pathname === location.pathname) return;
      if (!window.confirm(LEAVE_WARNING)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("click", guardLinks, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("click", guardLinks, true);
    };
  }, []);

  return {
    state,
    changed,
    saving: () => setState({ kind: "saving" }),
    saved: () => {
      pending.current = { text: false, fields: false };
      setState({ kind: "saved", at: clock(new Date()), auto: false });
    },
    failed: () => settle({ kind: "unsaved" }),
  };
}

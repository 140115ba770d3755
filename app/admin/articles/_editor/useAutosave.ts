"use client";

import type { Editor } from "@tiptap/react";
import { useRouter } from "next/navigation";
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

const toUnsaved = (current: SaveState): SaveState =>
  current.kind === "unsaved" ? current : { kind: "unsaved" };

const clock = (date: Date) => formatParis(date.getTime() / 1000, { hour: "2-digit", minute: "2-digit" });

/**
 * The editor's saving state. Autosaves a saved article's title, excerpt and text every 15 s while
 * they changed (drafts are updated; a published article only keeps the autosave as a revision); the
 * other fields (forecast table, vigilance, metadata) wait for a real save, so they keep the article
 * "unsaved" until then. Warns before leaving with unsaved changes: closing or reloading the tab
 * (beforeunload, the browser's own question) and following a link of the back office, which is held in
 * `leaving` for the editor's dialog to `leave()` or `stay()`. `changed("text" | "fields")` marks a
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
  /** The address of a link followed with unsaved changes, while the editor asks. */
  const [leaving, setLeaving] = useState<string | null>(null);
  const router = useRouter();
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
    // A click that opens another tab or window leaves nothing behind.
    const guardLinks = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.target === "_blank" || link.hasAttribute("download") || !unsaved()) return;
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      if (new URL(link.href, location.href).pathname === location.pathname) return;
      event.preventDefault();
      event.stopPropagation();
      setLeaving(link.href);
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
    /** A save takes everything changed so far; what changes while it runs stays to save. */
    saving: () => {
      pending.current = { text: false, fields: false };
      setState({ kind: "saving" });
    },
    saved: () => settle({ kind: "saved", at: clock(new Date()), auto: false }),
    failed: () => {
      pending.current = { text: true, fields: true };
      setState({ kind: "unsaved" });
    },
    leaving,
    stay: () => setLeaving(null),
    /** Follows the held link, leaving the changes unsaved (and the tab's own warning quiet). */
    leave: () => {
      if (!leaving) return;
      pending.current = { text: false, fields: false };
      setLeaving(null);
      if (new URL(leaving).origin === location.origin) router.push(leaving);
      else location.assign(leaving);
    },
  };
}

"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { autosaveArticleAction } from "../actions";

const AUTOSAVE_MS = 15_000;

/**
 * Autosaves a saved article's title, excerpt and text every 15 s while they changed (drafts are
 * updated; a published article only keeps the autosave as a revision), and warns before leaving the
 * page with unsaved changes. `changed()` marks a change the editor's text does not see (the form's
 * fields), `saved()` a real save. `savedAt` is the time of the last autosave, for the editor to show.
 */
export function useAutosave(
  id: number | null,
  editor: Editor | null,
  text: { title: string; excerpt: string },
) {
  const dirty = useRef(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef({ text, editor });
  latest.current = { text, editor };

  useEffect(() => {
    if (!editor) return;
    const mark = () => {
      dirty.current = true;
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
      if (!dirty.current || !e) return;
      dirty.current = false;
      const result = await autosaveArticleAction(id, {
        title: t.title,
        excerpt: t.excerpt,
        bodyHtml: e.getHTML(),
      }).catch(() => null);
      if (result?.ok) {
        setSavedAt(
          new Date().toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
        );
      } else dirty.current = true;
    }, AUTOSAVE_MS);
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      clearInterval(timer);
      window.removeEventListener("beforeunload", warn);
    };
  }, [id]);

  return {
    savedAt,
    changed: () => {
      dirty.current = true;
    },
    saved: () => {
      dirty.current = false;
    },
  };
}

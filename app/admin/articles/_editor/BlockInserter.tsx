"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef } from "react";

export interface BlockActions {
  onImage: () => void;
  onStation: (kind: "station-chart" | "station-current") => void;
}

/** The blocks one can insert, as WordPress's inserter lists them. */
function blocks(editor: Editor, { onImage, onStation }: BlockActions) {
  const chain = () => editor.chain().focus();
  return [
    { label: "Titre", run: () => chain().setHeading({ level: 2 }).run() },
    { label: "Sous-titre", run: () => chain().setHeading({ level: 3 }).run() },
    { label: "Liste à puces", run: () => chain().toggleBulletList().run() },
    { label: "Liste numérotée", run: () => chain().toggleOrderedList().run() },
    { label: "Citation", run: () => chain().toggleBlockquote().run() },
    { label: "Tableau", run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    { label: "Image", run: onImage },
    { label: "Graphique d'une station", run: () => onStation("station-chart") },
    { label: "Conditions actuelles d'une station", run: () => onStation("station-current") },
  ];
}

/**
 * True when "/" typed now should open the inserter: the cursor in an empty paragraph (as the slash
 * menu of WordPress and Notion).
 */
export function opensInserter(editor: Editor, key: string): boolean {
  const { $from, empty } = editor.state.selection;
  return key === "/" && empty && $from.parent.type.name === "paragraph" && $from.parent.content.size === 0;
}

/**
 * The block inserter: the "+" button, and the menu it opens (also opened by "/" in an empty paragraph).
 * The menu's first block has the focus; Échap closes it and gives the focus back to the text.
 */
export function BlockInserter({
  editor,
  open,
  onOpenChange,
  actions,
}: {
  editor: Editor | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: BlockActions;
}) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector("button")?.focus();
  }, [open]);
  if (!editor) return null;
  const close = () => {
    onOpenChange(false);
    editor.commands.focus();
  };
  return (
    <div className="block-inserter">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="menu"
        aria-label="Insérer un bloc"
        title="Insérer un bloc (ou « / » dans un paragraphe vide)"
        onClick={() => onOpenChange(!open)}
      >
        +
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label="Blocs"
          className="block-menu card"
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          {blocks(editor, actions).map((block) => (
            <button
              key={block.label}
              type="button"
              role="menuitem"
              onClick={() => {
                onOpenChange(false);
                block.run();
              }}
            >
              {block.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
